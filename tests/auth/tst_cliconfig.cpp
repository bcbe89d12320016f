// The IVCAP CLI's config.yaml and the SDK's environment variables (PROTOCOL.md §9).
#include "auth/cliconfigimporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ivcap;

namespace {
QString fixture(const QString &name)
{
    return QStringLiteral(IVCAP_AUTH_DATA "/") + name;
}
} // namespace

class TestCliConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryField()
    {
        CliConfigImporter importer;
        QVERIFY2(importer.load(fixture(QStringLiteral("cli-config.yaml"))),
                 qPrintable(importer.errorString()));
        QCOMPARE(importer.activeContext(), QStringLiteral("develop"));
        QCOMPARE(importer.contexts().size(), 2);

        const CliContext develop = *importer.find(QStringLiteral("develop"));
        QCOMPARE(develop.apiVersion, 1);
        QCOMPARE(develop.context.name, QStringLiteral("develop"));
        // The trailing slash later CLIs trim is trimmed here too.
        QCOMPARE(develop.context.url, QUrl(QStringLiteral("https://develop.ivcap.net")));
        QCOMPARE(develop.context.accountId,
                 QStringLiteral("urn:ivcap:account:4c65b865-df6a-4977-982a-f96b19c1fda0"));
        QCOMPARE(develop.providerId,
                 QStringLiteral("urn:ivcap:provider:4c65b865-df6a-4977-982a-f96b19c1fda0"));
        QVERIFY(develop.context.hostOverride.isEmpty());
        QVERIFY(develop.context.fromCli);
        QCOMPARE(develop.accountName, QStringLiteral("Jane Smith"));
        QCOMPARE(develop.accountNickname, QStringLiteral("jane"));
        QCOMPARE(develop.email, QStringLiteral("jane@example.org"));
        QCOMPARE(develop.tokens.accessToken, QStringLiteral("fixture-access-token-develop"));
        QCOMPARE(develop.tokens.refreshToken, QStringLiteral("fixture-refresh-token-develop"));
        QCOMPARE(develop.tokens.expiry.toUTC(),
                 QDateTime(QDate(2023, 10, 2), QTime(4, 3, 12, 123), Qt::UTC));

        const CliContext tunnel = *importer.find(QStringLiteral("tunnel"));
        QCOMPARE(tunnel.context.hostOverride, QStringLiteral("api.ivcap.net"));
        QCOMPARE(tunnel.context.url, QUrl(QStringLiteral("http://localhost:8080")));
        // Go's zero time means no expiry is known.
        QVERIFY(!tunnel.tokens.expiry.isValid());
        QVERIFY(tunnel.tokens.refreshToken.isEmpty());
        QVERIFY(!tunnel.context.isInsecure());
    }

    void malformedYamlNamesTheLine()
    {
        CliConfigImporter importer;
        QVERIFY(!importer.load(fixture(QStringLiteral("cli-config-malformed.yaml"))));
        QVERIFY2(importer.errorString().contains(QStringLiteral("line 7")),
                 qPrintable(importer.errorString()));
        QVERIFY(importer.errorString().contains(QStringLiteral("cli-config-malformed.yaml")));
        QVERIFY(importer.contexts().isEmpty());
    }

    void missingFileIsAnError()
    {
        CliConfigImporter importer;
        QVERIFY(!importer.load(QStringLiteral("/nonexistent/ivcap-cli/config.yaml")));
        QVERIFY(!importer.errorString().isEmpty());
    }

    void defaultPathFollowsXdg()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/home/jane"));
        QCOMPARE(CliConfigImporter::defaultPath(env),
                 QStringLiteral("/home/jane/.config/ivcap-cli/config.yaml"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), QStringLiteral("/xdg"));
        QCOMPARE(CliConfigImporter::defaultPath(env), QStringLiteral("/xdg/ivcap-cli/config.yaml"));
        // Go ignores a relative XDG_CONFIG_HOME.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), QStringLiteral("relative"));
        QCOMPARE(CliConfigImporter::defaultPath(env),
                 QStringLiteral("/home/jane/.config/ivcap-cli/config.yaml"));
    }

    void environmentVariables()
    {
        QProcessEnvironment env;
        QVERIFY(!CliConfigImporter::fromEnvironment(env));
        env.insert(QStringLiteral("IVCAP_URL"), QStringLiteral("https://api.example.org/"));
        env.insert(QStringLiteral("IVCAP_JWT"), QStringLiteral("jwt-from-sdk"));
        env.insert(QStringLiteral("IVCAP_ACCOUNT_ID"), QStringLiteral("urn:ivcap:account:x"));
        auto c = CliConfigImporter::fromEnvironment(env);
        QVERIFY(c);
        QCOMPARE(c->context.url, QUrl(QStringLiteral("https://api.example.org")));
        QCOMPARE(c->tokens.accessToken, QStringLiteral("jwt-from-sdk"));
        QCOMPARE(c->context.accountId, QStringLiteral("urn:ivcap:account:x"));
        // The CLI's variable wins over the SDK's.
        env.insert(QStringLiteral("IVCAP_ACCESS_TOKEN"), QStringLiteral("cli-token"));
        QCOMPARE(CliConfigImporter::fromEnvironment(env)->tokens.accessToken,
                 QStringLiteral("cli-token"));
        // The newest SDK's name for the URL.
        env.remove(QStringLiteral("IVCAP_URL"));
        env.insert(QStringLiteral("IVCAP_BASE_URL"), QStringLiteral("https://base.example.org"));
        QCOMPARE(CliConfigImporter::fromEnvironment(env)->context.url,
                 QUrl(QStringLiteral("https://base.example.org")));
    }

    void writesRefreshedTokensBackSafely()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.yaml"));
        QVERIFY(QFile::copy(fixture(QStringLiteral("cli-config.yaml")), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                        QFileDevice::ReadOther);
        struct stat before;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);

        AuthTokens tokens;
        tokens.accessToken = QStringLiteral("new-access");
        tokens.refreshToken = QStringLiteral("new-refresh");
        tokens.expiry = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5, 600), Qt::UTC);
        QString error;
        QVERIFY2(
            CliConfigImporter::writeBackTokens(path, QStringLiteral("develop"), tokens, &error),
            qPrintable(error));

        struct stat after;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
        QCOMPARE(after.st_mode & 0777, mode_t(0600));
        // Renamed into place: a new file, never a half-written old one.
        QVERIFY(after.st_ino != before.st_ino);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("config.yaml")});

        CliConfigImporter importer;
        QVERIFY2(importer.load(path), qPrintable(importer.errorString()));
        QCOMPARE(importer.activeContext(), QStringLiteral("develop"));
        const CliContext develop = *importer.find(QStringLiteral("develop"));
        QCOMPARE(develop.tokens.accessToken, QStringLiteral("new-access"));
        QCOMPARE(develop.tokens.refreshToken, QStringLiteral("new-refresh"));
        QCOMPARE(develop.tokens.expiry.toUTC(), tokens.expiry);
        QCOMPARE(develop.accountName, QStringLiteral("Jane Smith"));
        QCOMPARE(develop.email, QStringLiteral("jane@example.org"));
        // The other context is untouched.
        const CliContext tunnel = *importer.find(QStringLiteral("tunnel"));
        QCOMPARE(tunnel.tokens.accessToken, QStringLiteral("fixture-access-token-tunnel"));
        QCOMPARE(tunnel.context.hostOverride, QStringLiteral("api.ivcap.net"));
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(raw.readAll().contains("version: v1"));

        QVERIFY(!CliConfigImporter::writeBackTokens(path, QStringLiteral("nope"), tokens, &error));
        QVERIFY(error.contains(QStringLiteral("nope")));
    }
};

QTEST_GUILESS_MAIN(TestCliConfig)
#include "tst_cliconfig.moc"
