// Base URLs: one normalisation (BaseUrl) for every way a user names a deployment, so requests
// always go to <base>/1/... — a trailing slash once sent "//1/services" and got 404.
#include "net/curlrequest.h"
#include "api/baseurl.h"
#include "api/connection.h"
#include "auth/cliconfigimporter.h"
#include "auth/context.h"
#include "auth/contextstore.h"

#include <memory>
#include <QFile>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

class TestBaseUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalized_data();
    void normalized();
    void userText_data();
    void userText();
    void everyEntryPointNormalises();
    void connectionSendsToBasePath();
};

void TestBaseUrl::normalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("trailing slash") << "http://127.0.0.1:8080/"
                                    << "http://127.0.0.1:8080";
    QTest::newRow("several trailing slashes") << "http://127.0.0.1:8080///"
                                              << "http://127.0.0.1:8080";
    QTest::newRow("path prefix") << "https://host/api"
                                 << "https://host/api";
    QTest::newRow("path prefix, slash") << "https://host/api/"
                                        << "https://host/api";
    QTest::newRow("doubled slashes") << "https://host//api//v//"
                                     << "https://host/api/v";
    QTest::newRow("default https port") << "https://host:443/api"
                                        << "https://host/api";
    QTest::newRow("default http port") << "http://host:80/"
                                       << "http://host";
    QTest::newRow("other port kept") << "https://host:8443/"
                                     << "https://host:8443";
    QTest::newRow("http on 443 kept") << "http://host:443"
                                      << "http://host:443";
    QTest::newRow("case of scheme and host") << "HTTPS://Develop.IVCAP.net/API/"
                                             << "https://develop.ivcap.net/API";
    QTest::newRow("query and fragment") << "https://host/api?x=1#top"
                                        << "https://host/api";
    QTest::newRow("user info") << "https://me:secret@host/"
                               << "https://host";
    QTest::newRow("ipv6") << "http://[::1]:8080/"
                          << "http://[::1]:8080";
    QTest::newRow("already normal") << "https://develop.ivcap.net"
                                    << "https://develop.ivcap.net";
}

void TestBaseUrl::normalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(BaseUrl::normalized(QUrl(input)).toString(), expected);
    // Idempotent.
    QCOMPARE(BaseUrl::normalized(BaseUrl::normalized(QUrl(input))).toString(), expected);
}

void TestBaseUrl::userText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("host name") << "  develop.ivcap.net/ "
                               << "https://develop.ivcap.net";
    QTest::newRow("host and port") << "localhost:8080"
                                   << "https://localhost:8080";
    QTest::newRow("http kept") << "http://127.0.0.1:8080/"
                               << "http://127.0.0.1:8080";
    QTest::newRow("prefix") << "HTTPS://Host/api/"
                            << "https://host/api";
    QTest::newRow("ftp refused") << "ftp://host"
                                 << "";
    QTest::newRow("empty") << "   "
                           << "";
    QTest::newRow("no host") << "https://"
                             << "";
}

void TestBaseUrl::userText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(BaseUrl::fromUserText(input).toString(), expected);
}

void TestBaseUrl::everyEntryPointNormalises()
{
    const QString given = QStringLiteral("HTTP://Example.COM:80/api//");
    const QString expected = QStringLiteral("http://example.com/api");

    // The CLI's environment (IVCAP_URL).
    QProcessEnvironment env;
    env.insert(QStringLiteral("IVCAP_URL"), given);
    const auto fromEnv = CliConfigImporter::fromEnvironment(env);
    QVERIFY(fromEnv);
    QCOMPARE(fromEnv->context.url.toString(), expected);

    // The CLI's config.yaml.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString yaml = dir.filePath(QStringLiteral("config.yaml"));
    QFile file(yaml);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("version: v1\nactive-context: a\ncontexts:\n- api-version: 1\n  name: a\n  url: " +
               given.toUtf8() + "\n");
    file.close();
    CliConfigImporter importer;
    QVERIFY2(importer.load(yaml), qPrintable(importer.errorString()));
    QCOMPARE(importer.contexts().size(), 1);
    QCOMPARE(importer.contexts().first().context.url.toString(), expected);

    // Contexts saved by an older version with a trailing slash.
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("connections"));
    settings.beginWriteArray(QStringLiteral("contexts"));
    settings.setArrayIndex(0);
    settings.setValue(QStringLiteral("name"), QStringLiteral("old"));
    settings.setValue(QStringLiteral("url"), given);
    settings.endArray();
    settings.endGroup();
    ContextStore store(&settings);
    QCOMPARE(store.contexts().size(), 1);
    QCOMPARE(store.contexts().first().url.toString(), expected);

    // Context and Connection.
    QCOMPARE(Context::normalizedUrl(QUrl(given)).toString(), expected);
    Connection connection;
    connection.setBaseUrl(QUrl(given));
    QCOMPARE(connection.baseUrl().toString(), expected);
}

void TestBaseUrl::connectionSendsToBasePath()
{
    Connection root(QUrl(QStringLiteral("http://127.0.0.1:8080/")), QString());
    QCOMPARE(root.apiUrl(QStringLiteral("/1/services")).toString(),
             QStringLiteral("http://127.0.0.1:8080/1/services"));
    Connection prefixed(QUrl(QStringLiteral("https://host/api/")), QStringLiteral("t"));
    QCOMPARE(prefixed.apiUrl(QStringLiteral("/1/services")).toString(),
             QStringLiteral("https://host/api/1/services"));
    // A server link that already carries the prefix, and one that does not.
    QCOMPARE(
        prefixed.rebase(QUrl(QStringLiteral("https://other/api/1/artifacts/x/blob"))).toString(),
        QStringLiteral("https://host/api/1/artifacts/x/blob"));
    QCOMPARE(prefixed.rebase(QUrl(QStringLiteral("https://other/1/artifacts/x/blob"))).toString(),
             QStringLiteral("https://host/api/1/artifacts/x/blob"));
    // The token goes to the origin however its port and case are written.
    const auto authorization = [&prefixed](const QUrl &url) {
        std::unique_ptr<net::CurlRequest> request(prefixed.newRequest("GET", url, nullptr));
        return request->requestHeader("Authorization");
    };
    QVERIFY(!authorization(QUrl(QStringLiteral("https://HOST:443/api/1/x"))).isNull());
    QVERIFY(authorization(QUrl(QStringLiteral("https://host:8443/api/1/x"))).isNull());
}

QTEST_GUILESS_MAIN(TestBaseUrl)
#include "tst_baseurl.moc"
