// IVCAP v0.48 legacy /1/metadata on the sandbox: the new shapes (ListMetaRT, MetadataRecordRT,
// AddMetaRT), records shared with /1/aspects in both directions, update-record, revoke, no
// PUT /1/metadata, and aspect-path evaluated.

#include "aspect48support.h"

#include <QTest>

using namespace aspect48;

class TestSandbox48Metadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lifecycle();
    void sharedWithAspects();
    void badInput();

private:
    ApiReply add(const QString &entity, const QString &schema, const QByteArray &json,
                 const QByteArray &contentType = "application/json")
    {
        HeaderList headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        return m_api->send("POST",
                           QStringLiteral("/1/metadata?entity-id=%1&schema=%2")
                               .arg(SandboxApi::enc(entity), SandboxApi::enc(schema)),
                           json, headers);
    }
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandbox48Metadata::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{}, QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandbox48Metadata::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandbox48Metadata::lifecycle()
{
    const QString entity = uniqueUrn("artifact");
    const QString schema = QStringLiteral("urn:xtest:schema:image.1");
    const ApiReply added =
        add(entity, schema, R"({"width":640,"label":"reef","n":18446744073709551617,"h":1e400})");
    VERIFY_ANSWER48(added, 200, "AddMetaRT");
    const QString id = added.json().value("record-id").toString();
    QVERIFY2(id.startsWith("urn:ivcap:record:"), qPrintable(id));

    const ApiReply read = m_api->get(QStringLiteral("/1/metadata/") + SandboxApi::enc(id));
    VERIFY_ANSWER48(withoutHugeNumbers(read), 200, "MetadataRecordRT");
    QCOMPARE(withoutHugeNumbers(read).json().value("id").toString(), id);
    QVERIFY(!withoutHugeNumbers(read).json().contains("record-id"));
    QCOMPARE(withoutHugeNumbers(read).json().value("entity").toString(), entity);
    QVERIFY(read.body.contains(
        R"("aspect":{"width":640,"label":"reef","n":18446744073709551617,"h":1e400})"));

    // List: items (not records), content by default, entity echoed.
    const QString scope = QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity);
    const ApiReply listed = m_api->get(scope);
    VERIFY_ANSWER48(withoutHugeNumbers(listed), 200, "ListMetaRT");
    QCOMPARE(ids(withoutHugeNumbers(listed)), QStringList{id});
    QCOMPARE(dig(withoutHugeNumbers(listed).json(), "items.0.aspect.label").toString(),
             QStringLiteral("reef"));
    QCOMPARE(withoutHugeNumbers(listed).json().value("entity").toString(), entity);
    QVERIFY(!withoutHugeNumbers(listed).json().contains("records"));
    const ApiReply bare = m_api->get(scope + "&include-content=false");
    VERIFY_ANSWER48(bare, 200, "ListMetaRT");
    QVERIFY(!dig(bare.json(), "items.0").toObject().contains("aspect"));
    QCOMPARE(ids(m_api->get(scope + "&schema=urn%3Axtest%3A%25")), QStringList{id});
    QCOMPARE(ids(m_api->get(scope + "&aspect-path=" + SandboxApi::enc("$ ? (@.width > 600)"))),
             QStringList{id});
    QCOMPARE(ids(m_api->get(scope + "&aspect-path=" + SandboxApi::enc("$ ? (@.width > 700)"))),
             QStringList{});
    const ApiReply badPath = m_api->get(scope + "&aspect-path=" + SandboxApi::enc("$.("));
    VERIFY_ANSWER48(badPath, 422, "InvalidParameterT");

    // Update a record: a new id replaces it; the old one is revoked but readable.
    const ApiReply updated =
        m_api->send("PUT", QStringLiteral("/1/metadata/") + id, R"({"width":800})",
                    {{"Content-Type", "application/json"}});
    VERIFY_ANSWER48(updated, 200, "AddMetaRT");
    const QString next = updated.json().value("record-id").toString();
    QVERIFY(!next.isEmpty() && next != id);
    const ApiReply old = m_api->get(QStringLiteral("/1/metadata/") + id);
    VERIFY_ANSWER48(old, 200, "MetadataRecordRT");
    QVERIFY(withoutHugeNumbers(old).json().contains("valid-to"));
    QVERIFY(withoutHugeNumbers(old).json().contains("revoker"));
    QCOMPARE(ids(m_api->get(scope)), QStringList{next});
    const ApiReply fresh = m_api->get(QStringLiteral("/1/metadata/") + next);
    QCOMPARE(fresh.json().value("schema").toString(), schema); // kept from the old record

    // Revoke, then revoking again is refused.
    QCOMPARE(m_api->del(QStringLiteral("/1/metadata/") + next).status, 204);
    QCOMPARE(ids(m_api->get(scope)), QStringList{});
    const ApiReply again = m_api->del(QStringLiteral("/1/metadata/") + next);
    VERIFY_ANSWER48(again, 422, "InvalidParameterT");
}

void TestSandbox48Metadata::sharedWithAspects()
{
    const QString entity = uniqueUrn("artifact");
    const ApiReply viaMetadata = add(entity, "urn:xtest:schema:a.1", R"({"from":"metadata"})");
    QCOMPARE(viaMetadata.status, 200);
    const QString recordId = viaMetadata.json().value("record-id").toString();
    const QString aspectId =
        create(*m_api, entity, "urn:xtest:schema:b.1", R"({"from":"aspects"})");
    QVERIFY(!aspectId.isEmpty());

    const ApiReply aspects = m_api->get(QStringLiteral("/1/aspects?order-direction=ASC&entity=") +
                                        SandboxApi::enc(entity));
    VERIFY_ANSWER48(aspects, 200, "AspectListRT");
    QCOMPARE(ids(aspects), (QStringList{recordId, aspectId}));
    const ApiReply metadata =
        m_api->get(QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity));
    VERIFY_ANSWER48(metadata, 200, "ListMetaRT");
    QCOMPARE(ids(metadata), (QStringList{recordId, aspectId}));

    const ApiReply asAspect = m_api->get(QStringLiteral("/1/aspects/") + recordId);
    VERIFY_ANSWER48(asAspect, 200, "AspectRT");
    QCOMPARE(dig(asAspect.json(), "content.from").toString(), QStringLiteral("metadata"));
    const ApiReply asRecord = m_api->get(QStringLiteral("/1/metadata/") + aspectId);
    VERIFY_ANSWER48(asRecord, 200, "MetadataRecordRT");
    QCOMPARE(dig(asRecord.json(), "aspect.from").toString(), QStringLiteral("aspects"));

    // Retracted through one, gone from both lists.
    QCOMPARE(m_api->del(QStringLiteral("/1/metadata/") + aspectId).status, 204);
    QCOMPARE(ids(m_api->get(QStringLiteral("/1/aspects?entity=") + SandboxApi::enc(entity))),
             QStringList{recordId});
}

void TestSandbox48Metadata::badInput()
{
    // PUT /1/metadata (update-one) was removed in v0.30.
    const ApiReply updateOne =
        m_api->send("PUT", "/1/metadata?entity-id=urn%3Ax%3A1&schema=urn%3Ax%3As.1", "{}",
                    {{"Content-Type", "application/json"}});
    QCOMPARE(updateOne.status, 405);
    const ApiReply missing = add(QString(), "urn:x:s.1", "{}");
    VERIFY_ANSWER48(missing, 400, "BadRequestT");
    const ApiReply notJson = add("urn:x:1", "urn:x:s.1", "nope");
    VERIFY_ANSWER48(notJson, 400, "BadRequestT");
    const ApiReply wrongType = add("urn:x:1", "urn:x:s.1", "{}", "text/plain");
    VERIFY_ANSWER48(wrongType, 415, "UnsupportedContentTypeT");
    const ApiReply unknown = m_api->get(QStringLiteral("/1/metadata/") + uniqueUrn("record"));
    VERIFY_ANSWER48(unknown, 404, "ResourceNotFoundT");
    const ApiReply unknownUpdate =
        m_api->send("PUT", QStringLiteral("/1/metadata/") + uniqueUrn("record"), "{}",
                    {{"Content-Type", "application/json"}});
    VERIFY_ANSWER48(unknownUpdate, 404, "ResourceNotFoundT");
}

QTEST_GUILESS_MAIN(TestSandbox48Metadata)
#include "tst_sandbox48_metadata.moc"
