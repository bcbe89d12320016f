// The sandbox's two dialects: v0.48 by default, v0.28 on request, and a data directory that
// keeps the dialect it was created with.

#include "sandboxapi.h"

#include <QTest>

class TestSandbox48Dialect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultDialectIsV048();
    void openApiNeedsNoToken_data();
    void openApiNeedsNoToken();
    void authInfoHasAudience();
    void dataDirectoryKeepsItsDialect_data();
    void dataDirectoryKeepsItsDialect();
    void unknownDialectIsRefused();
    void errorsValidate();
};

void TestSandbox48Dialect::defaultDialectIsV048()
{
    SandboxProcess sandbox({}, QString());
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SandboxApi api(&sandbox);
    const ApiReply spec = api.get(QStringLiteral("/1/openapi/openapi3.json"), false);
    QCOMPARE(spec.status, 200);
    QCOMPARE(spec.json().value("info").toObject().value("version").toString(),
             QStringLiteral("0.48"));
    // The v0.28 collections are not there; v0.48 answers its own shape of 404.
    const ApiReply missing = api.get(QStringLiteral("/1/nothing-here"));
    VERIFY_ERROR(missing, 404);
    VERIFY_SCHEMA48(missing, "ResourceNotFoundT");
}

void TestSandbox48Dialect::openApiNeedsNoToken_data()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("0.48") << QStringLiteral("0.48");
    QTest::newRow("0.28") << QStringLiteral("0.28");
}

void TestSandbox48Dialect::openApiNeedsNoToken()
{
    QFETCH(QString, api);
    SandboxProcess sandbox({}, api);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SandboxApi client(&sandbox);
    const ApiReply spec = client.get(QStringLiteral("/1/openapi/openapi3.json"), false);
    QCOMPARE(spec.status, 200);
    QVERIFY(spec.header("content-type").startsWith("application/json"));
    QCOMPARE(spec.json().value("info").toObject().value("version").toString(), api);
    if (api == QLatin1String("0.48")) {
        // Served verbatim: byte for byte the document the tests validate against.
        QFile verbatim(QStringLiteral(IVCAP_TEST_DATA_DIR "/ivcap-openapi-0.48.json"));
        QVERIFY(verbatim.open(QIODevice::ReadOnly));
        QCOMPARE(spec.body, verbatim.readAll());
    }
}

void TestSandbox48Dialect::authInfoHasAudience()
{
    SandboxProcess sandbox({}, QStringLiteral("0.48"));
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SandboxApi api(&sandbox);
    const ApiReply info = api.get(QStringLiteral("/1/authinfo.yaml"), false);
    QCOMPARE(info.status, 200);
    QVERIFY(info.body.contains("version: 1\n"));
    QVERIFY(info.body.contains("audience: "));
    const QByteArray codeUrl =
        "code-url: " + sandbox.url().toString().toUtf8() + QByteArray("/oauth/device/code");
    QVERIFY(info.body.contains(codeUrl));
    // The device flow of the loopback identity provider works as in v0.28.
    const ApiReply code =
        api.send("POST", QStringLiteral("/oauth/device/code"),
                 "client_id=ivcap-sandbox&audience=https%3A%2F%2Fapi.ivcap.net%2F",
                 {{"Content-Type", "application/x-www-form-urlencoded"}}, false);
    QCOMPARE(code.status, 200);
    const QString device = code.json().value("device_code").toString();
    QVERIFY(!device.isEmpty());
    const ApiReply token =
        api.send("POST", QStringLiteral("/oauth/token"),
                 "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=x&"
                 "device_code=" +
                     QUrl::toPercentEncoding(device),
                 {{"Content-Type", "application/x-www-form-urlencoded"}}, false);
    QCOMPARE(token.status, 200);
    const QByteArray access = token.json().value("access_token").toString().toUtf8();
    const ApiReply spec = api.send("GET", QStringLiteral("/1/services2"), {},
                                   {{"Authorization", "Bearer " + access}}, false);
    QVERIFY2(spec.status != 401 && spec.status != 400, qPrintable(spec.describe()));
}

void TestSandbox48Dialect::dataDirectoryKeepsItsDialect_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("0.48 then 0.28") << QStringLiteral("0.48") << QStringLiteral("0.28");
    QTest::newRow("0.28 then 0.48") << QStringLiteral("0.28") << QStringLiteral("0.48");
    QTest::newRow("0.28 then the default") << QStringLiteral("0.28") << QString();
}

void TestSandbox48Dialect::dataDirectoryKeepsItsDialect()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    SandboxProcess sandbox({}, first);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    sandbox.stop();
    sandbox.setApi(second);
    QVERIFY(!sandbox.start());
    const QByteArray hint = QByteArray("--api ") + first.toUtf8();
    QVERIFY2(sandbox.output().contains(hint), sandbox.output().constData());
    // Nothing was changed: the first dialect still opens it.
    sandbox.setApi(first);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SandboxApi api(&sandbox);
    QCOMPARE(api.get(QStringLiteral("/1/openapi/openapi3.json"), false)
                 .json()
                 .value("info")
                 .toObject()
                 .value("version")
                 .toString(),
             first);
}

void TestSandbox48Dialect::unknownDialectIsRefused()
{
    SandboxProcess sandbox({}, QStringLiteral("0.30"));
    QVERIFY(!sandbox.start());
    QVERIFY2(sandbox.output().contains("--api"), sandbox.output().constData());
}

void TestSandbox48Dialect::errorsValidate()
{
    SandboxProcess sandbox({}, QStringLiteral("0.48"));
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SandboxApi api(&sandbox);
    const ApiReply unauthorised = api.send("GET", QStringLiteral("/1/services2"), {},
                                           {{"Authorization", "Bearer wrong"}}, false);
    VERIFY_ERROR(unauthorised, 401);
    const ApiReply noToken = api.get(QStringLiteral("/1/services2"), false);
    VERIFY_ERROR(noToken, 400);
    VERIFY_SCHEMA48(noToken, "BadRequestT");
}

QTEST_GUILESS_MAIN(TestSandbox48Dialect)
#include "tst_sandbox48_dialect.moc"
