#include "auth/cliconfigimporter.h"
#include "auth/contextresolver.h"
#include "auth/contextstore.h"
#include "desktopsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QProcessEnvironment>
#include <QTextStream>

int main(int argc, char *argv[])
{
    const qint64 launchedAtMs = QDateTime::currentMSecsSinceEpoch();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CSIRO"));
    QApplication::setOrganizationDomain(QStringLiteral("ivcap.net"));
    QApplication::setApplicationName(QStringLiteral("ivcap-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("IVCAP Desktop"));
    QApplication::setApplicationVersion(QStringLiteral(IVCAP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop client for IVCAP deployments: browse services, "
                                        "place and track orders, manage artifacts and metadata."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption url(QStringLiteral("url"),
                                 QApplication::translate("main", "Base URL of the deployment."),
                                 QStringLiteral("URL"));
    const QCommandLineOption token(QStringLiteral("token"),
                                   QApplication::translate("main", "Bearer token to use."),
                                   QStringLiteral("TOKEN"));
    const QCommandLineOption account(QStringLiteral("account"),
                                     QApplication::translate("main", "Account URN."),
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
    const QCommandLineOption view(
        QStringLiteral("view"),
        QApplication::translate("main",
                                "View to open: services, orders, artifacts, metadata, uploads."),
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
    parser.addOptions({url, token, account, context, sandbox, view, screenshot, reportStartup});
    parser.process(app);

    ivcap::app::DesktopSession::Options options;
    // Precedence as with the CLI and SDK: options, then IVCAP_ACCESS_TOKEN over the context's
    // token, then the context, then the SDK's IVCAP_URL / IVCAP_JWT / IVCAP_ACCOUNT_ID.
    const auto environment = ivcap::CliConfigImporter::fromEnvironment();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (parser.isSet(context)) {
        ivcap::ContextStore store;
        QString error;
        const auto resolved = ivcap::ContextResolver::resolve(
            parser.value(context), store, ivcap::CliConfigImporter::defaultPath(), &error);
        if (!resolved) {
            QTextStream(stderr) << error << '\n';
            return 2;
        }
        options.context = resolved->context;
        options.tokens = resolved->tokens;
    }
    const auto first = [](std::initializer_list<QString> values) {
        for (const QString &value : values) {
            if (!value.isEmpty())
                return value;
        }
        return QString();
    };
    const ivcap::CliContext fromEnv = environment.value_or(ivcap::CliContext());
    options.url = QUrl(
        first({parser.value(url), options.context.url.toString(), fromEnv.context.url.toString()}));
    options.token = first({parser.value(token), env.value(QStringLiteral("IVCAP_ACCESS_TOKEN")),
                           options.tokens.accessToken, fromEnv.tokens.accessToken});
    options.account =
        first({parser.value(account), options.context.accountId, fromEnv.context.accountId});
    options.useSandbox = parser.isSet(sandbox) || options.url.isEmpty();
    options.view = parser.value(view);
    options.screenshotFile = parser.value(screenshot);
    options.reportStartup = parser.isSet(reportStartup);
    options.launchedAtMs = launchedAtMs;

    ivcap::app::DesktopSession session(options);
    if (!session.start()) {
        QTextStream(stderr) << session.errorString() << '\n';
        return 2;
    }
    return app.exec();
}
