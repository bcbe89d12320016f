// Every response body of the sandbox validates against its schema in the errata OpenAPI
// document (tests/data/ivcap-openapi-0.28.1.errata.json, components/schemas).

#include "sandboxapi.h"

#include <QTest>
#include <QUuid>

class TestSandboxSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void validatorRejectsBadBodies();
    void services();
    void artifacts();
    void orders();
    void metadata();
    void errorBodies();

private:
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxSchema::initTestCase()
{
    QVERIFY2(SchemaValidator::instance().loaded(), "errata OpenAPI document not found");
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxSchema::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxSchema::validatorRejectsBadBodies()
{
    // The validator itself must be able to fail, or every other check here is vacuous.
    auto &validator = SchemaValidator::instance();
    QVERIFY(!validator.validate(QJsonObject{}, QStringLiteral("ServiceListRT")).isEmpty());
    QVERIFY(!validator
                 .validate(QJsonObject{{QStringLiteral("services"), 3},
                                       {QStringLiteral("at-time"), QStringLiteral("x")},
                                       {QStringLiteral("links"), QJsonObject{}}},
                           QStringLiteral("ServiceListRT"))
                 .isEmpty());
    // A $ref'd sub-schema is applied too: NavT.self must be a string.
    QVERIFY(!validator
                 .validate(QJsonObject{{QStringLiteral("services"), QJsonArray{}},
                                       {QStringLiteral("at-time"), QStringLiteral("x")},
                                       {QStringLiteral("links"),
                                        QJsonObject{{QStringLiteral("self"), 42}}}},
                           QStringLiteral("ServiceListRT"))
                 .isEmpty());
    QVERIFY(validator
                .validate(QJsonObject{{QStringLiteral("id"), QStringLiteral("urn:x")},
                                      {QStringLiteral("message"), QStringLiteral("m")}},
                          QStringLiteral("ResourceNotFoundT"))
                .isEmpty());
}

void TestSandboxSchema::services()
{
    const ApiReply list = m_api->get(QStringLiteral("/1/services?limit=50"));
    QCOMPARE(list.status, 200);
    VERIFY_SCHEMA(list, "ServiceListRT");
    const QJsonArray services = list.json().value(QLatin1String("services")).toArray();
    QVERIFY(!services.isEmpty());
    for (const auto &service : services) {
        const ApiReply read = m_api->get(QStringLiteral("/1/services/") +
                                         service.toObject().value(QLatin1String("id")).toString());
        QVERIFY2(read.status == 200, qPrintable(read.describe()));
        VERIFY_SCHEMA(read, "ServiceStatusRT");
    }
    const ApiReply created =
        m_api->postJson(QStringLiteral("/1/services"),
                        serviceDescription(QStringLiteral("schema-") +
                                           QUuid::createUuid().toString(QUuid::WithoutBraces)));
    QVERIFY2(created.status == 201, qPrintable(created.describe()));
    VERIFY_SCHEMA(created, "ServiceStatusRT");
}

void TestSandboxSchema::artifacts()
{
    const ApiReply created = m_api->send("POST", QStringLiteral("/1/artifacts"), {},
                                         {{"X-Name", QByteArray("schema.txt").toBase64()},
                                          {"X-Content-Type", "text/plain"},
                                          {"X-Content-Length", "5"}});
    QVERIFY2(created.status == 201, qPrintable(created.describe()));
    VERIFY_SCHEMA(created, "ArtifactStatusRT");
    const QString id = created.json().value(QLatin1String("id")).toString();
    const ApiReply read = m_api->get(QStringLiteral("/1/artifacts/") + id);
    QVERIFY2(read.status == 200, qPrintable(read.describe()));
    VERIFY_SCHEMA(read, "ArtifactStatusRT");
    const QString ready = m_api->uploadArtifact(QStringLiteral("ready.txt"), "hello");
    QVERIFY(!ready.isEmpty());
    const ApiReply readReady = m_api->get(QStringLiteral("/1/artifacts/") + ready);
    VERIFY_SCHEMA(readReady, "ArtifactStatusRT");
    const ApiReply list = m_api->get(QStringLiteral("/1/artifacts?limit=50"));
    QCOMPARE(list.status, 200);
    VERIFY_SCHEMA(list, "ArtifactListRT");
}

void TestSandboxSchema::orders()
{
    const ApiReply services = m_api->get(QStringLiteral("/1/services?limit=50"));
    QString orderId;
    for (const auto &item : services.json().value(QLatin1String("services")).toArray()) {
        const ApiReply service = m_api->get(QStringLiteral("/1/services/") +
                                            item.toObject().value(QLatin1String("id")).toString());
        QJsonArray parameters;
        if (!validOrderParameters(service.json(), &parameters))
            continue;
        const ApiReply order = m_api->postJson(
            QStringLiteral("/1/orders"),
            QJsonObject{{QStringLiteral("service-id"), service.json().value(QLatin1String("id"))},
                        {QStringLiteral("name"), QStringLiteral("schema order")},
                        {QStringLiteral("parameters"), parameters}});
        if (order.status != 200)
            continue;
        VERIFY_SCHEMA(order, "OrderStatusRT");
        orderId = order.json().value(QLatin1String("id")).toString();
        break;
    }
    QVERIFY2(!orderId.isEmpty(), "no service accepted an order with valid parameters");
    const QJsonObject finished = waitForTerminalOrder(*m_api, orderId);
    const ApiReply read = m_api->get(QStringLiteral("/1/orders/") + orderId);
    QCOMPARE(read.status, 200);
    VERIFY_SCHEMA(read, "OrderStatusRT");
    QVERIFY2(!finished.value(QLatin1String("products")).toArray().isEmpty() ||
                 finished.value(QLatin1String("status")).toString() != QLatin1String("succeeded"),
             "a succeeded order has no products");
    const ApiReply list = m_api->get(QStringLiteral("/1/orders?limit=50"));
    QCOMPARE(list.status, 200);
    VERIFY_SCHEMA(list, "OrderListRT");
}

void TestSandboxSchema::metadata()
{
    const QString entity =
        QStringLiteral("urn:ivcap:artifact:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString query =
        QStringLiteral("/1/metadata?entity-id=%1&schema=%2")
            .arg(SandboxApi::enc(entity), SandboxApi::enc(QStringLiteral("urn:x:schema:s.1")));
    const ApiReply added = m_api->postJson(query, QJsonObject{{QStringLiteral("width"), 640}});
    QVERIFY2(added.status == 200, qPrintable(added.describe()));
    VERIFY_SCHEMA(added, "AddMetaRT");
    const QString recordId = added.json().value(QLatin1String("record-id")).toString();
    const ApiReply read = m_api->get(QStringLiteral("/1/metadata/") + recordId);
    QVERIFY2(read.status == 200, qPrintable(read.describe()));
    VERIFY_SCHEMA(read, "MetadataRecordRT");
    const ApiReply list =
        m_api->get(QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity));
    QVERIFY2(list.status == 200, qPrintable(list.describe()));
    VERIFY_SCHEMA(list, "ListMetaRT");
    const ApiReply updated = m_api->putJson(QStringLiteral("/1/metadata/") + recordId,
                                            QJsonObject{{QStringLiteral("width"), 1}});
    QVERIFY2(updated.status == 200, qPrintable(updated.describe()));
    VERIFY_SCHEMA(updated, "AddMetaRT");
    const ApiReply revoked = m_api->get(QStringLiteral("/1/metadata/") + recordId);
    VERIFY_SCHEMA(revoked, "MetadataRecordRT");
}

void TestSandboxSchema::errorBodies()
{
    const QString missing = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (const QString &path : {QStringLiteral("/1/services/urn:ivcap:service:"),
                                QStringLiteral("/1/orders/urn:ivcap:order:"),
                                QStringLiteral("/1/artifacts/urn:ivcap:artifact:"),
                                QStringLiteral("/1/metadata/urn:ivcap:record:")}) {
        const ApiReply reply = m_api->get(path + missing);
        VERIFY_ERROR(reply, 404);
        VERIFY_SCHEMA(reply, "ResourceNotFoundT");
    }
    const ApiReply badFilter = m_api->get(QStringLiteral("/1/services?filter=") +
                                          SandboxApi::enc(QStringLiteral("name ~~ (")));
    VERIFY_ERROR(badFilter, 422);
    VERIFY_SCHEMA(badFilter, "InvalidParameterValue");
    const QJsonObject description = serviceDescription(QStringLiteral("dup-") + missing);
    QCOMPARE(m_api->postJson(QStringLiteral("/1/services"), description).status, 201);
    const ApiReply duplicate = m_api->postJson(QStringLiteral("/1/services"), description);
    VERIFY_ERROR(duplicate, 409);
    VERIFY_SCHEMA(duplicate, "ResourceNotFoundT");
}

QTEST_GUILESS_MAIN(TestSandboxSchema)
#include "tst_sandbox_schema.moc"
