// Error behaviour of §2: status codes, goa-error header, JSON bodies; URN and bare uuid paths;
// unauthenticated documents.

#include "sandboxapi.h"

#include <QTest>
#include <QUuid>

class TestSandboxErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void missingAuthorization();
    void wrongToken();
    void unknownIds_data();
    void unknownIds();
    void orderParameterErrors();
    void duplicateService();
    void urnAndBareUuid();
    void documentsWithoutToken();

private:
    QJsonObject serviceWithOption(QString *optionName);
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxErrors::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxErrors::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxErrors::missingAuthorization()
{
    for (const QString &path :
         {QStringLiteral("/1/services"), QStringLiteral("/1/orders"),
          QStringLiteral("/1/artifacts"), QStringLiteral("/1/metadata?schema=urn%3Ax%25")}) {
        const ApiReply reply = m_api->get(path, false);
        VERIFY_ERROR(reply, 400);
    }
}

void TestSandboxErrors::wrongToken()
{
    const ApiReply reply = m_api->send("GET", QStringLiteral("/1/services"), {},
                                       {{"Authorization", "Bearer not-the-token"}}, false);
    VERIFY_ERROR(reply, 401);
}

void TestSandboxErrors::unknownIds_data()
{
    QTest::addColumn<QString>("path");
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QTest::newRow("service") << QStringLiteral("/1/services/urn:ivcap:service:") + uuid;
    QTest::newRow("order") << QStringLiteral("/1/orders/urn:ivcap:order:") + uuid;
    QTest::newRow("artifact") << QStringLiteral("/1/artifacts/urn:ivcap:artifact:") + uuid;
    QTest::newRow("record") << QStringLiteral("/1/metadata/urn:ivcap:record:") + uuid;
    QTest::newRow("bare order") << QStringLiteral("/1/orders/") + uuid;
}

void TestSandboxErrors::unknownIds()
{
    QFETCH(QString, path);
    const ApiReply reply = m_api->get(path);
    VERIFY_ERROR(reply, 404);
    QCOMPARE(reply.header("goa-error"), QByteArray("not-found"));
    const QJsonObject body = reply.json();
    QVERIFY2(body.value(QLatin1String("id")).isString(), qPrintable(reply.describe()));
    QVERIFY2(body.value(QLatin1String("message")).isString(), qPrintable(reply.describe()));
}

QJsonObject TestSandboxErrors::serviceWithOption(QString *optionName)
{
    const ApiReply list = m_api->get(QStringLiteral("/1/services?limit=50"));
    for (const auto &item : list.json().value(QLatin1String("services")).toArray()) {
        const QJsonObject service = m_api
                                        ->get(QStringLiteral("/1/services/") +
                                              item.toObject().value(QLatin1String("id")).toString())
                                        .json();
        for (const auto &def : service.value(QLatin1String("parameters")).toArray()) {
            if (def.toObject().value(QLatin1String("type")).toString() == QLatin1String("option") &&
                !def.toObject().value(QLatin1String("constant")).toBool()) {
                *optionName = def.toObject().value(QLatin1String("name")).toString();
                return service;
            }
        }
    }
    return {};
}

void TestSandboxErrors::orderParameterErrors()
{
    QString optionName;
    const QJsonObject service = serviceWithOption(&optionName);
    QVERIFY2(!optionName.isEmpty(), "no seeded service has an option parameter");
    QJsonArray valid;
    QVERIFY(validOrderParameters(service, &valid));

    // A JSON number where a string is required: a Goa decoding error (400).
    QJsonArray numeric;
    for (const auto &p : valid) {
        QJsonObject parameter = p.toObject();
        if (parameter.value(QLatin1String("name")).toString() == optionName)
            parameter.insert(QStringLiteral("value"), 12.5);
        numeric.append(parameter);
    }
    const ApiReply number = m_api->postJson(
        QStringLiteral("/1/orders"),
        QJsonObject{{QStringLiteral("service-id"), service.value(QLatin1String("id"))},
                    {QStringLiteral("parameters"), numeric}});
    VERIFY_ERROR(number, 400);

    QJsonArray invalid;
    for (const auto &p : valid) {
        QJsonObject parameter = p.toObject();
        if (parameter.value(QLatin1String("name")).toString() == optionName)
            parameter.insert(QStringLiteral("value"), QStringLiteral("not-one-of-the-options"));
        invalid.append(parameter);
    }
    const ApiReply option = m_api->postJson(
        QStringLiteral("/1/orders"),
        QJsonObject{{QStringLiteral("service-id"), service.value(QLatin1String("id"))},
                    {QStringLiteral("parameters"), invalid}});
    VERIFY_ERROR(option, 422);
    QCOMPARE(option.header("goa-error"), QByteArray("invalid-parameter"));
    QCOMPARE(option.json().value(QLatin1String("name")).toString(), optionName);
    QVERIFY(option.json().value(QLatin1String("message")).isString());

    const ApiReply unknownService =
        m_api->postJson(QStringLiteral("/1/orders"),
                        QJsonObject{{QStringLiteral("service-id"),
                                     QString(QStringLiteral("urn:ivcap:service:") +
                                             QUuid::createUuid().toString(QUuid::WithoutBraces))},
                                    {QStringLiteral("parameters"), valid}});
    VERIFY_ERROR(unknownService, 404);

    const ApiReply badJson = m_api->send("POST", QStringLiteral("/1/orders"), "{not json",
                                         {{"Content-Type", "application/json"}});
    VERIFY_ERROR(badJson, 400);
}

void TestSandboxErrors::duplicateService()
{
    const QJsonObject description = serviceDescription(
        QStringLiteral("dup-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    const ApiReply first = m_api->postJson(QStringLiteral("/1/services"), description);
    QVERIFY2(first.status == 201, qPrintable(first.describe()));
    const ApiReply second = m_api->postJson(QStringLiteral("/1/services"), description);
    VERIFY_ERROR(second, 409);
    QCOMPARE(second.header("goa-error"), QByteArray("already-created"));
    QCOMPARE(second.json().value(QLatin1String("id")).toString(),
             first.json().value(QLatin1String("id")).toString());
}

void TestSandboxErrors::urnAndBareUuid()
{
    const ApiReply list = m_api->get(QStringLiteral("/1/services?limit=1"));
    QCOMPARE(list.status, 200);
    const QString urn = list.json()
                            .value(QLatin1String("services"))
                            .toArray()
                            .first()
                            .toObject()
                            .value(QLatin1String("id"))
                            .toString();
    QVERIFY2(urn.startsWith(QLatin1String("urn:ivcap:service:")), qPrintable(urn));
    const QString bare = urn.mid(QStringLiteral("urn:ivcap:service:").size());
    const ApiReply byUrn = m_api->get(QStringLiteral("/1/services/") + urn);
    const ApiReply byUuid = m_api->get(QStringLiteral("/1/services/") + bare);
    QCOMPARE(byUrn.status, 200);
    QCOMPARE(byUuid.status, 200);
    QCOMPARE(byUrn.json().value(QLatin1String("id")).toString(), urn);
    QCOMPARE(byUuid.json().value(QLatin1String("id")).toString(), urn);
    // The self link uses the bare uuid and leads back to the same service.
    const QString self = byUrn.json()
                             .value(QLatin1String("links"))
                             .toObject()
                             .value(QLatin1String("self"))
                             .toString();
    QVERIFY2(self.endsWith(QLatin1String("/1/services/") + bare) || self.endsWith(urn),
             qPrintable(self));
    QCOMPARE(m_api->get(self).json().value(QLatin1String("id")).toString(), urn);

    const QString artifact = m_api->uploadArtifact(QStringLiteral("u.txt"), "abc");
    QVERIFY(!artifact.isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/1/artifacts/") + artifact).status, 200);
    QCOMPARE(
        m_api->get(QStringLiteral("/1/artifacts/") + artifact.section(QLatin1Char(':'), -1)).status,
        200);
}

void TestSandboxErrors::documentsWithoutToken()
{
    const ApiReply openapi = m_api->get(QStringLiteral("/1/openapi/openapi3.json"), false);
    QVERIFY2(openapi.status == 200, qPrintable(openapi.describe()));
    QVERIFY(openapi.json().contains(QLatin1String("paths")));
    QVERIFY(openapi.json().contains(QLatin1String("components")));
    const ApiReply authinfo = m_api->get(QStringLiteral("/1/authinfo.yaml"), false);
    QVERIFY2(authinfo.status == 200, qPrintable(authinfo.describe()));
    QVERIFY2(authinfo.body.contains("version: 1"), authinfo.body.constData());
    QVERIFY(authinfo.body.contains("providers"));
}

QTEST_GUILESS_MAIN(TestSandboxErrors)
#include "tst_sandbox_errors.moc"
