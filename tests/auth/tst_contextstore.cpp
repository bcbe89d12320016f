// Contexts in QSettings, tokens in the keychain or (without one) in memory only.
#include "auth/authtokens.h"
#include "auth/contextstore.h"
#include "auth/identity.h"
#include "auth/tokenstore.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

namespace {
Context context(const QString &name, const QString &url)
{
    Context c;
    c.name = name;
    c.url = QUrl(url);
    c.accountId = QStringLiteral("urn:ivcap:account:") + name;
    return c;
}
} // namespace

class TestContextStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addEditRenameRemove()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        ContextStore store(&settings);
        QVERIFY(store.contexts().isEmpty());
        Context a = context(QStringLiteral("a/with slash"), QStringLiteral("https://a.example"));
        a.hostOverride = QStringLiteral("api.ivcap.net");
        store.save(a);
        store.save(context(QStringLiteral("b"), QStringLiteral("https://b.example")));
        QCOMPARE(store.contexts().size(), 2);
        QCOMPARE(*store.find(QStringLiteral("a/with slash")), a);

        store.setActiveName(QStringLiteral("a/with slash"));
        Context renamed = a;
        renamed.name = QStringLiteral("c");
        store.save(renamed, a.name);
        QCOMPARE(store.contexts().size(), 2);
        QCOMPARE(store.contexts().first().name, QStringLiteral("c"));
        QVERIFY(!store.contains(a.name));
        // The active context follows its rename.
        QCOMPARE(store.activeName(), QStringLiteral("c"));
        QCOMPARE(store.active()->hostOverride, QStringLiteral("api.ivcap.net"));

        // Survives a new store over the same settings file.
        ContextStore again(&settings);
        QCOMPARE(again.contexts().size(), 2);
        again.remove(QStringLiteral("c"));
        QCOMPARE(again.contexts().size(), 1);
        QVERIFY(again.activeName().isEmpty());
    }

    // The CA file is kept with the context, and dropped again when cleared.
    void caFileRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        const QString ca = QStringLiteral("/etc/ivcap/deployment ca.pem");
        {
            QSettings settings(path, QSettings::IniFormat);
            ContextStore store(&settings);
            Context a = context(QStringLiteral("a"), QStringLiteral("https://a.example"));
            a.caFile = ca;
            store.save(a);
            store.save(context(QStringLiteral("b"), QStringLiteral("https://b.example")));
        }
        QSettings settings(path, QSettings::IniFormat);
        ContextStore store(&settings);
        QCOMPARE(store.find(QStringLiteral("a"))->caFile, ca);
        QVERIFY(store.find(QStringLiteral("b"))->caFile.isEmpty());
        QVERIFY(settings.value(QStringLiteral("connections/contexts/1/ca-file")).isValid());
        QVERIFY(!settings.value(QStringLiteral("connections/contexts/2/ca-file")).isValid());

        Context a = *store.find(QStringLiteral("a"));
        a.caFile.clear();
        store.save(a);
        QVERIFY(store.find(QStringLiteral("a"))->caFile.isEmpty());
        QVERIFY(!settings.value(QStringLiteral("connections/contexts/1/ca-file")).isValid());
    }

    // Contexts saved before there was a CA file load as before, with none.
    void contextsWithoutCaFileLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[connections]\n"
                   "active=old\n"
                   "contexts\\1\\name=old\n"
                   "contexts\\1\\url=https://old.example/\n"
                   "contexts\\1\\account-id=urn:ivcap:account:old\n"
                   "contexts\\1\\host=\n"
                   "contexts\\1\\from-cli=false\n"
                   "contexts\\1\\api-version=0.48\n"
                   "contexts\\size=1\n");
        file.close();
        QSettings settings(path, QSettings::IniFormat);
        ContextStore store(&settings);
        QCOMPARE(store.contexts().size(), 1);
        const Context old = *store.active();
        QCOMPARE(old.name, QStringLiteral("old"));
        QCOMPARE(old.url, QUrl(QStringLiteral("https://old.example")));
        QCOMPARE(old.apiVersion, QStringLiteral("0.48"));
        QVERIFY(old.caFile.isEmpty());
    }

    void plainHttpIsInsecureOnlyOffThisMachine()
    {
        QVERIFY(
            context(QStringLiteral("x"), QStringLiteral("http://api.example.org")).isInsecure());
        QVERIFY(
            !context(QStringLiteral("x"), QStringLiteral("https://api.example.org")).isInsecure());
        QVERIFY(
            !context(QStringLiteral("x"), QStringLiteral("http://127.0.0.1:8088")).isInsecure());
        QVERIFY(!context(QStringLiteral("x"), QStringLiteral("http://[::1]:8088")).isInsecure());
        QVERIFY(!context(QStringLiteral("x"), QStringLiteral("http://localhost")).isInsecure());
        QVERIFY(!context(QStringLiteral("x"), QStringLiteral("ftp://h")).isValid());
        QVERIFY(!context(QString(), QStringLiteral("https://h")).isValid());
    }

    void identityFromIdToken()
    {
        const QByteArray payload =
            QByteArray(R"({"name":"Jane","email":"j@x","acc":"abc","ivcap/claims/provider":"p"})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const Identity id = Identity::fromIdToken(QStringLiteral("e30.") +
                                                  QString::fromLatin1(payload) + QLatin1Char('.'));
        QCOMPARE(id.displayName(), QStringLiteral("Jane"));
        QCOMPARE(id.accountId, QStringLiteral("urn:ivcap:account:abc"));
        QCOMPARE(id.providerId, QStringLiteral("urn:ivcap:provider:p"));
        QVERIFY(Identity::fromIdToken(QStringLiteral("garbage")).isEmpty());
    }

    // As in CI: no session bus, so no keychain. Tokens work for this run and are not persistent,
    // and nothing is written to disk.
    void withoutKeychainTokensStayInMemory()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("IVCAP_NO_KEYCHAIN");
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        QVERIFY(!TokenStore::keychainExpected());
#endif
        TokenStore store;
        QVERIFY(!store.isPersistent());
        AuthTokens tokens;
        tokens.accessToken = QStringLiteral("in-memory-secret-4711");
        tokens.refreshToken = QStringLiteral("in-memory-refresh-4711");
        tokens.expiry = QDateTime::currentDateTimeUtc().addSecs(60);
        QSignalSpy stored(&store, &TokenStore::stored);
        store.store(QStringLiteral("ctx"), tokens);
        QVERIFY(stored.wait(2000));

        QSignalSpy loaded(&store, &TokenStore::loaded);
        store.load(QStringLiteral("ctx"));
        QCOMPARE(loaded.size(), 0); // never synchronously
        QVERIFY(loaded.wait(2000));
        QCOMPARE(loaded.first().at(1).value<AuthTokens>(), tokens);

        store.load(QStringLiteral("other"));
        QVERIFY(loaded.wait(2000));
        QVERIFY(loaded.last().at(1).value<AuthTokens>().isEmpty());

        store.remove(QStringLiteral("ctx"));
        QVERIFY(store.cached(QStringLiteral("ctx")).isEmpty());

        // Nothing landed in the app's config or data folders.
        for (const auto location :
             {QStandardPaths::GenericConfigLocation, QStandardPaths::AppDataLocation}) {
            QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                QVERIFY2(!file.readAll().contains("in-memory-secret-4711"),
                         qPrintable(file.fileName()));
            }
        }
        if (!bus.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", bus);
    }
};

QTEST_GUILESS_MAIN(TestContextStore)
#include "tst_contextstore.moc"
