// Metadata (§8): add, read, list by entity and schema prefix, update a record, update-one with
// two active records (422), revoke.

#include "sandboxapi.h"

#include <QTest>
#include <QUuid>

class TestSandboxMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lifecycle();

private:
    QString add(const QString &entity, const QString &schema, const QJsonObject &aspect)
    {
        const ApiReply reply =
            m_api->postJson(QStringLiteral("/1/metadata?entity-id=%1&schema=%2")
                                .arg(SandboxApi::enc(entity), SandboxApi::enc(schema)),
                            aspect);
        return reply.status == 200 ? reply.json().value(QLatin1String("record-id")).toString()
                                   : QString();
    }
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxMetadata::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxMetadata::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxMetadata::lifecycle()
{
    const QString entity =
        QStringLiteral("urn:ivcap:artifact:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString schema = QStringLiteral("urn:xtest:schema:image.1");
    const QJsonObject aspect{{QStringLiteral("width"), 640},
                             {QStringLiteral("label"), QStringLiteral("reef")}};
    const QString recordId = add(entity, schema, aspect);
    QVERIFY2(recordId.startsWith(QLatin1String("urn:ivcap:record:")), qPrintable(recordId));

    const ApiReply read = m_api->get(QStringLiteral("/1/metadata/") + recordId);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().value(QLatin1String("record-id")).toString(), recordId);
    QCOMPARE(read.json().value(QLatin1String("entity")).toString(), entity);
    QCOMPARE(read.json().value(QLatin1String("schema")).toString(), schema);
    QCOMPARE(read.json().value(QLatin1String("aspect")).toObject(), aspect);
    QVERIFY(!read.json().value(QLatin1String("valid-from")).toString().isEmpty());

    const ApiReply byEntity =
        m_api->get(QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity));
    QCOMPARE(byEntity.status, 200);
    const QJsonArray records = byEntity.json().value(QLatin1String("records")).toArray();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().toObject().value(QLatin1String("record-id")).toString(), recordId);
    QCOMPARE(records.first().toObject().value(QLatin1String("aspect")).toObject(), aspect);

    const ApiReply byPrefix = m_api->get(
        QStringLiteral("/1/metadata?schema=urn%3Ax%25&entity-id=") + SandboxApi::enc(entity));
    QCOMPARE(byPrefix.status, 200);
    QCOMPARE(byPrefix.json().value(QLatin1String("records")).toArray().size(), 1);
    const ApiReply otherPrefix = m_api->get(
        QStringLiteral("/1/metadata?schema=urn%3Ay%25&entity-id=") + SandboxApi::enc(entity));
    QCOMPARE(otherPrefix.status, 200);
    QCOMPARE(otherPrefix.json().value(QLatin1String("records")).toArray().size(), 0);

    // Update a record: a new id, the old one revoked (valid-to and revoker set), fields copied.
    const QJsonObject newAspect{{QStringLiteral("width"), 800}};
    const ApiReply updated = m_api->putJson(QStringLiteral("/1/metadata/") + recordId, newAspect);
    QVERIFY2(updated.status == 200, qPrintable(updated.describe()));
    const QString newId = updated.json().value(QLatin1String("record-id")).toString();
    QVERIFY(!newId.isEmpty());
    QVERIFY(newId != recordId);
    const ApiReply old = m_api->get(QStringLiteral("/1/metadata/") + recordId);
    QCOMPARE(old.status, 200);
    QVERIFY2(!old.json().value(QLatin1String("valid-to")).toString().isEmpty(),
             qPrintable(old.describe()));
    const ApiReply fresh = m_api->get(QStringLiteral("/1/metadata/") + newId);
    QCOMPARE(fresh.json().value(QLatin1String("entity")).toString(), entity);
    QCOMPARE(fresh.json().value(QLatin1String("schema")).toString(), schema);
    QCOMPARE(fresh.json().value(QLatin1String("aspect")).toObject(), newAspect);
    const ApiReply afterUpdate =
        m_api->get(QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity));
    QCOMPARE(afterUpdate.json().value(QLatin1String("records")).toArray().size(), 1);

    // Update-one with a single active record works; with two active it is rejected.
    const QString putOne = QStringLiteral("/1/metadata?entity-id=%1&schema=%2")
                               .arg(SandboxApi::enc(entity), SandboxApi::enc(schema));
    const ApiReply one = m_api->putJson(putOne, QJsonObject{{QStringLiteral("width"), 1}});
    QVERIFY2(one.status == 200, qPrintable(one.describe()));
    const QString oneId = one.json().value(QLatin1String("record-id")).toString();
    QVERIFY(!add(entity, schema, QJsonObject{{QStringLiteral("width"), 2}}).isEmpty());
    const ApiReply two = m_api->putJson(putOne, QJsonObject{{QStringLiteral("width"), 3}});
    VERIFY_ERROR(two, 422);
    QCOMPARE(two.header("goa-error"), QByteArray("invalid-parameter"));

    const ApiReply revoke = m_api->del(QStringLiteral("/1/metadata/") + oneId);
    QCOMPARE(revoke.status, 204);
    const ApiReply afterRevoke =
        m_api->get(QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity));
    QCOMPARE(afterRevoke.json().value(QLatin1String("records")).toArray().size(), 1);
    const ApiReply revoked = m_api->get(QStringLiteral("/1/metadata/") + oneId);
    QVERIFY(!revoked.json().value(QLatin1String("valid-to")).toString().isEmpty());
    QVERIFY(!revoked.json().value(QLatin1String("revoker")).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxMetadata)
#include "tst_sandbox_metadata.moc"
