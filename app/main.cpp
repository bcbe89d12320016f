#include "desktopsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
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
    parser.setApplicationDescription(QApplication::translate(
        "main", "Desktop client for IVCAP deployments: browse services, place and track orders, "
                "manage artifacts and metadata.\n\n"
                "Without --url it starts a private ivcap-sandbox (found next to this program or "
                "on PATH) with demo services, so it works offline.\n\n"
                "Environment:\n"
                "  IVCAP_JWT  Bearer token used when --token is not given.\n\n"
                "Exit status: 0 on success, 1 for an unknown option, 2 when the session "
                "cannot start."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption url(QStringLiteral("url"),
                                 QApplication::translate("main", "Base URL of the deployment."),
                                 QStringLiteral("URL"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QApplication::translate("main", "Bearer token to use (default: $IVCAP_JWT)."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption account(QStringLiteral("account"),
                                     QApplication::translate("main", "Account URN."),
                                     QStringLiteral("URN"));
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
    parser.addOptions({url, token, account, sandbox, view, screenshot, reportStartup});
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QApplication::translate("main", "Files to upload as artifacts (as passed by a file "
                                        "manager's \"Open with\")."),
        QStringLiteral("[FILE...]"));
    parser.process(app);

    ivcap::app::DesktopSession::Options options;
    options.url = QUrl(parser.value(url));
    options.token =
        parser.isSet(token) ? parser.value(token) : QString::fromLocal8Bit(qgetenv("IVCAP_JWT"));
    options.account = parser.value(account);
    options.useSandbox = parser.isSet(sandbox) || options.url.isEmpty();
    options.view = parser.value(view);
    options.screenshotFile = parser.value(screenshot);
    options.reportStartup = parser.isSet(reportStartup);
    for (const QString &file : parser.positionalArguments())
        options.files.append(QFileInfo(file).absoluteFilePath());
    options.launchedAtMs = launchedAtMs;

    ivcap::app::DesktopSession session(options);
    if (!session.start()) {
        QTextStream(stderr) << session.errorString() << '\n';
        return 2;
    }
    return app.exec();
}
