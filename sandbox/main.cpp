#include "apiserver.h"
#include "datadirlock.h"
#include "faults.h"
#include "orderrunner.h"
#include "routes28.h"
#include "routes48.h"
#include "seeder.h"
#include "signalwatcher.h"
#include "store.h"
#include "v48/catalogueseeder.h"
#include "v48/collectionseeder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <cstdio>
#include <memory>

namespace {
QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding));
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ivcap-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IVCAP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local IVCAP REST deployment on 127.0.0.1 with a SQLite store and demo services, "
        "for offline use, demos and tests. It speaks today's IVCAP API (v0.48) or, with "
        "--api 0.28, the v0.28 API; a data directory keeps the dialect it was created with.\n\n"
        "Once ready it prints \"IVCAP sandbox listening on http://127.0.0.1:PORT\"; without "
        "--token it first prints the generated token. SIGTERM or SIGINT stops it cleanly.\n\n"
        "Exit status: 0 after a clean stop, 1 for an unknown option or when the data "
        "directory or the port cannot be used (also when it holds the other dialect), 2 for an "
        "invalid --port or --api."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port on 127.0.0.1 (0 = any free port)."),
                                        QStringLiteral("port"), QStringLiteral("8088"));
    const QCommandLineOption apiOption(QStringLiteral("api"),
                                       QStringLiteral("IVCAP API dialect: 0.48 or 0.28."),
                                       QStringLiteral("version"), QStringLiteral("0.48"));
    const QCommandLineOption tokenOption(QStringLiteral("token"),
                                         QStringLiteral("Bearer token clients must present."),
                                         QStringLiteral("token"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("Directory for the database and blobs "
                                                       "(default: ~/.local/share/ivcap-sandbox)."),
                                        QStringLiteral("dir"));
    const QCommandLineOption seedOption(QStringLiteral("seed-artifacts"),
                                        QStringLiteral("Pre-create N small ready artifacts."),
                                        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption unavailableOption(
        QStringLiteral("fault-503"),
        QStringLiteral("Test fault: answer the first N data-URL requests with 503."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption dropOption(
        QStringLiteral("fault-drop-after"),
        QStringLiteral("Test fault: close a download's connection after N body bytes."),
        QStringLiteral("n"), QStringLiteral("-1"));
    const QCommandLineOption dropTimesOption(
        QStringLiteral("fault-drop-times"),
        QStringLiteral("How many downloads --fault-drop-after cuts off (default 1)."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption delayOption(
        QStringLiteral("fault-delay"),
        QStringLiteral("Test fault: answer every request MS milliseconds late."),
        QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption approveAfterOption(
        QStringLiteral("idp-approve-after"),
        QStringLiteral("Device flow: answer authorization_pending to N polls, then approve."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption denyOption(QStringLiteral("idp-deny"),
                                        QStringLiteral("Device flow: the user denies access."));
    const QCommandLineOption expireOption(
        QStringLiteral("idp-expire"), QStringLiteral("Device flow: every device code expires."));
    const QCommandLineOption slowDownOption(
        QStringLiteral("idp-slow-down"),
        QStringLiteral("Device flow: answer slow_down to the first N polls of a code."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption lifetimeOption(
        QStringLiteral("idp-token-lifetime"),
        QStringLiteral("Seconds an access token issued by the device flow is accepted."),
        QStringLiteral("seconds"), QStringLiteral("3600"));
    parser.addOptions({portOption, apiOption, tokenOption, dataOption, seedOption,
                       unavailableOption, dropOption, dropTimesOption, delayOption,
                       approveAfterOption, denyOption, expireOption, slowDownOption,
                       lifetimeOption});
    parser.process(app);

    bool portOk = false;
    const int port = parser.value(portOption).toInt(&portOk);
    if (!portOk || port < 0 || port > 65535) {
        std::fprintf(stderr, "invalid --port\n");
        return 2;
    }
    ApiDialect dialect = ApiDialect::V048;
    if (!Dialect::parse(parser.value(apiOption), &dialect)) {
        std::fprintf(stderr, "invalid --api (expected 0.48 or 0.28)\n");
        return 2;
    }
    QString token = parser.value(tokenOption);
    if (token.isEmpty()) {
        token = randomToken();
        std::printf("IVCAP sandbox token: %s\n", qPrintable(token));
    }
    QString dataDir = parser.value(dataOption);
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    DataDirLock dataDirLock;
    if (QString busy; !dataDirLock.acquire(dataDir, &busy)) {
        std::fprintf(stderr, "ivcap-sandbox: %s\n", qPrintable(busy));
        return 1;
    }
    Store store;
    QString error;
    if (!store.open(dataDir, &error, dialect)) {
        std::fprintf(stderr, "cannot open data directory: %s\n", qPrintable(error));
        return 1;
    }
    Seeder seeder(&store);
    const bool seeded =
        dialect == ApiDialect::V048
            ? CatalogueSeeder::seed(&store, QStringLiteral(":/sandbox/demo-services-0.48.json"),
                                    &error)
            : seeder.seedServices(&error);
    if (!seeded) {
        std::fprintf(stderr, "cannot seed services: %s\n", qPrintable(error));
        return 1;
    }
    seeder.seedArtifacts(parser.value(seedOption).toInt());
    if (dialect == ApiDialect::V048)
        CollectionSeeder::seed(&store);
    else
        CollectionSeeder::seedLegacy(&store);

    OrderRunner runner(&store);
    std::unique_ptr<RouteTable> routes;
    if (dialect == ApiDialect::V048)
        routes = std::make_unique<Routes48>(&store, &runner);
    else
        routes = std::make_unique<Routes28>(&store, &runner);
    ApiServer server(routes.get(), token);
    Faults faults;
    faults.unavailable = parser.value(unavailableOption).toInt();
    faults.dropAfter = parser.value(dropOption).toLongLong();
    faults.dropTimes = parser.value(dropTimesOption).toInt();
    faults.delayMs = parser.value(delayOption).toInt();
    server.setFaults(&faults);
    OAuthRoutes::Options idp;
    idp.approveAfter = parser.value(approveAfterOption).toInt();
    idp.deny = parser.isSet(denyOption);
    idp.expire = parser.isSet(expireOption);
    idp.slowDown = parser.value(slowDownOption).toInt();
    idp.tokenLifetime = qMax(1, parser.value(lifetimeOption).toInt());
    server.setIdentityProviderOptions(idp);
    const quint16 bound = server.listen(QHostAddress::LocalHost, quint16(port));
    if (bound == 0) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1:%d\n", port);
        return 1;
    }
    runner.resume();

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminationRequested, &app, &QCoreApplication::quit);
    std::printf("IVCAP sandbox listening on http://127.0.0.1:%u\n", unsigned(bound));
    std::fflush(stdout);
    return app.exec();
}
