// Contexts in QSettings, tokens in the keychain or (without one) in memory only.
#include "auth/authtokens.h"
#include "auth/contextstore.h"
#include "auth/identity.h"
#include "auth/tokenstore.h"

#include <QDirIterator>
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
