#include "api/baseurl.h"
#include "auth/cliconfigimporter.h"
#include "auth/contextresolver.h"
#include "auth/contextstore.h"
#include "desktopsession.h"
#include "launcher/sandboxlauncher.h"
#include "schemaformwindow.h"
#include "singleinstance.h"
#include "startupflow.h"
#include "terminationsignals.h"
#include "welcomedialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QIcon>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTextStream>

int main(int argc, char *argv[])
{
    const qint64 launchedAtMs = QDateTime::currentMSecsSinceEpoch();
    // --help and --version must work without a display (from a terminal, a man page check, a
    // package test), so they do not need a window system.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if ((arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
             arg == "-v") &&
            !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CSIRO"));
    QApplication::setOrganizationDomain(QStringLiteral("ivcap.net"));
    QApplication::setApplicationName(QStringLiteral("ivcap-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("IVCAP Desktop"));
    QApplication::setApplicationVersion(QStringLiteral(IVCAP_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("net.ivcap.Desktop"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("net.ivcap.Desktop"),
                         QIcon(QStringLiteral(":/icons/net.ivcap.Desktop.svg"))));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Desktop client for IVCAP deployments: browse services, request and follow jobs "
                "(place and track orders on older deployments), manage artifacts and "
                "aspects.\n\n"
                "Without --url, --context or IVCAP_URL it goes back to the context used last, "
                "or starts a private ivcap-sandbox (found next to this program or on PATH) with "
                "demo services, so it works offline. That sandbox speaks IVCAP API 0.48 unless "
                "--sandbox-api says 0.28, and keeps each dialect's data in a directory of its "
                "own.\n\n"
                "One instance runs per profile: a second launch hands its files and --view to "
                "the running window and exits.\n\n"
                "Environment (as the IVCAP CLI and SDK read it; options win):\n"
                "  IVCAP_URL           Deployment URL when neither --url nor --context is "
                "given.\n"
                "  IVCAP_JWT           Bearer token when --token is not given.\n"
                "  IVCAP_ACCESS_TOKEN  Bearer token; wins over a context's saved token.\n"
                "  IVCAP_ACCOUNT_ID    Account URN when --account is not given.\n\n"
                "Exit status: 0 on success (also after handing over to a running instance or "
                "after SIGTERM), 1 for an unknown option or --sandbox-api value, 2 when the "
                "session cannot start or "
                "--request-job's deployment has no jobs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption url(
        QStringLiteral("url"),
        QApplication::translate("main", "Base URL of the deployment (default: $IVCAP_URL)."),
        QStringLiteral("URL"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QApplication::translate("main", "Bearer token to use (default: $IVCAP_ACCESS_TOKEN, "
                                        "the context's token, $IVCAP_JWT)."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption account(
        QStringLiteral("account"),
        QApplication::translate("main", "Account URN (default: $IVCAP_ACCOUNT_ID)."),
        QStringLiteral("URN"));
    const QCommandLineOption context(
        QStringLiteral("context"),
        QApplication::translate("main", "Connect with the saved context NAME; a context of the "
                                        "IVCAP CLI is imported when not saved yet."),
        QStringLiteral("NAME"));
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"),
        QApplication::translate("main", "Start a private ivcap-sandbox and connect to it "
                                        "(the default when no deployment is configured)."));
    const QCommandLineOption sandboxApi(
        QStringLiteral("sandbox-api"),
        QApplication::translate("main", "IVCAP API the private sandbox speaks: 0.48 (today's, "
                                        "the default) or 0.28; implies --sandbox."),
        QStringLiteral("VERSION"), ivcap::SandboxLauncher::defaultApi());
    const QCommandLineOption view(
        QStringLiteral("view"),
        QApplication::translate(
            "main", "View to open: services, orders, artifacts, aspects (or its old name "
                    "metadata), uploads, jobs."),
        QStringLiteral("VIEW"), QStringLiteral("services"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window to FILE (PNG) once the view's first "
                                        "page has loaded, then exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption reportStartup(
        QStringLiteral("report-startup"),
        QApplication::translate("main", "Print the milliseconds from launch to the first painted "
                                        "page of the view as JSON, then exit (for benchmarks)."));
    const QCommandLineOption form(
        QStringLiteral("form"),
        QApplication::translate("main", "Open the form for a JSON Schema file, without "
                                        "connecting to a deployment; Submit prints the "
                                        "document as JSON."),
        QStringLiteral("SCHEMA.json"));
    const QCommandLineOption requestJob(
        QStringLiteral("request-job"),
        QApplication::translate("main", "Open the job request form of SERVICE (a service URN) "
                                        "on a deployment with jobs (IVCAP API 0.44 or later); "
                                        "with --screenshot, render that form instead."),
        QStringLiteral("SERVICE"));
    parser.addOptions({url, token, account, context, sandbox, sandboxApi, view, screenshot,
                       reportStartup, form, requestJob});
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QApplication::translate("main", "Files to upload as artifacts (as passed by a file "
                                        "manager's \"Open with\")."),
        QStringLiteral("[FILE...]"));
    parser.process(app);
    // Checked before anything starts, like an unknown option: a wrong dialect would otherwise
    // only show once the welcome or the window is up.
    if (!ivcap::SandboxLauncher::isSupportedApi(parser.value(sandboxApi))) {
        QTextStream(stderr)
            << QApplication::translate("main", "Unknown value “%1” for --sandbox-api; choose one "
                                               "of: %2")
                   .arg(parser.value(sandboxApi),
                        ivcap::SandboxLauncher::supportedApis().join(QStringLiteral(", ")))
            << '\n';
        return 1;
    }
    // --sandbox-api asks for the private sandbox as --sandbox does.
    const bool sandboxAsked = parser.isSet(sandbox) || parser.isSet(sandboxApi);

    if (parser.isSet(form)) {
        QString error;
        auto window = ivcap::ui::SchemaFormWindow::fromFile(parser.value(form), &error);
        if (!window) {
            QTextStream(stderr) << error << '\n';
            return 2;
        }
        window->show();
        if (parser.isSet(screenshot))
            window->screenshotAndQuit(parser.value(screenshot));
        return app.exec();
    }

    ivcap::app::DesktopSession::Options options;
    // Precedence as with the CLI and SDK: options, then IVCAP_ACCESS_TOKEN over the context's
    // token, then the context, then the SDK's IVCAP_URL / IVCAP_JWT / IVCAP_ACCOUNT_ID.
    const auto environment = ivcap::CliConfigImporter::fromEnvironment();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    ivcap::ContextStore store;
    // Without a deployment named anywhere, the app goes back to the context the user last
    // chose; --sandbox, --url and IVCAP_URL each say otherwise.
    const bool deploymentGiven =
        parser.isSet(url) || sandboxAsked || (environment && !environment->context.url.isEmpty());
    const QString contextName = parser.isSet(context) ? parser.value(context)
                                : deploymentGiven     ? QString()
                                                      : store.activeName();
    if (!contextName.isEmpty()) {
        QString error;
        const auto resolved = ivcap::ContextResolver::resolve(
            contextName, store, ivcap::CliConfigImporter::defaultPath(), &error);
        if (resolved) {
            options.context = resolved->context;
            options.tokens = resolved->tokens;
        } else if (parser.isSet(context)) {
            QTextStream(stderr) << error << '\n';
            return 2;
        } else {
            QTextStream(stderr) << QApplication::translate("main", "The last used context is not "
                                                                   "available: %1")
                                       .arg(error)
                                << '\n';
        }
    }
    const auto first = [](std::initializer_list<QString> values) {
        for (const QString &value : values) {
            if (!value.isEmpty())
                return value;
        }
        return QString();
    };
    const ivcap::CliContext fromEnv = environment.value_or(ivcap::CliContext());
    options.url = ivcap::BaseUrl::normalized(QUrl(first(
        {parser.value(url), options.context.url.toString(), fromEnv.context.url.toString()})));
    options.token = first({parser.value(token), env.value(QStringLiteral("IVCAP_ACCESS_TOKEN")),
                           options.tokens.accessToken, fromEnv.tokens.accessToken});
    options.account =
        first({parser.value(account), options.context.accountId, fromEnv.context.accountId});
    options.useSandbox = sandboxAsked || options.url.isEmpty();
    options.sandboxApi = parser.value(sandboxApi);
    options.view = parser.value(view);
    options.screenshotFile = parser.value(screenshot);
    options.requestJobService = parser.value(requestJob);
    options.reportStartup = parser.isSet(reportStartup);
    for (const QString &file : parser.positionalArguments())
        options.files.append(QFileInfo(file).absoluteFilePath());
    options.launchedAtMs = launchedAtMs;

    // The welcome is for a plain start from the menu: nothing on the command line or in the
    // environment says where to go, and the user has not asked to skip it.
    const bool plainStart = options.url.isEmpty() && !sandboxAsked && options.token.isEmpty() &&
                            options.screenshotFile.isEmpty() && !options.reportStartup &&
                            options.files.isEmpty() && options.requestJobService.isEmpty();
    // One app per profile: a later launch hands its files and view to the running window and
    // ends. The one-shot modes (screenshots, benchmarks) and --request-job, whose form a
    // running window would not open, run beside it.
    ivcap::app::SingleInstance instance(QSettings().fileName());
    if (options.screenshotFile.isEmpty() && !options.reportStartup &&
        options.requestJobService.isEmpty()) {
        const QString chosenView = parser.isSet(view) ? options.view : QString();
        switch (instance.claimOrHandOver(options.files, chosenView)) {
        case ivcap::app::SingleInstance::Role::HandedOver:
            QTextStream(stdout) << QApplication::translate(
                                       "main", "IVCAP Desktop is already running for this "
                                               "profile: handed over to its window.")
                                << '\n';
            if (deploymentGiven || parser.isSet(context) || parser.isSet(token))
                QTextStream(stderr)
                    << QApplication::translate("main", "The running window keeps its deployment; "
                                                       "switch with Connect… (Ctrl+K) there.")
                    << '\n';
            return 0;
        case ivcap::app::SingleInstance::Role::Failed:
            QTextStream(stderr) << instance.errorString() << '\n';
            return 2;
        case ivcap::app::SingleInstance::Role::Primary:
            if (!instance.errorString().isEmpty())
                QTextStream(stderr) << instance.errorString() << '\n';
            break;
        }
    }

    ivcap::app::StartupFlow flow(options,
                                 plainStart && ivcap::ui::WelcomeDialog::shouldShow(QSettings()));
    if (!flow.start()) {
        QTextStream(stderr) << flow.errorString() << '\n';
        return 2;
    }
    QObject::connect(&instance, &ivcap::app::SingleInstance::handOverReceived, &flow,
                     &ivcap::app::StartupFlow::handOver);
    // A termination request ends the event loop like a quit, so the session shuts down in
    // order and its sandbox stops; it does not ask about running transfers.
    ivcap::app::TerminationSignals termination;
    QObject::connect(&termination, &ivcap::app::TerminationSignals::terminationRequested, &app,
                     [] { QApplication::exit(0); });
    return app.exec();
}
