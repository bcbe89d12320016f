// Collections on the v0.48 sandbox are aspects, in both models today's clients write: the CLI's
// artifact-collection.1 {collection, artifacts[]} and the SDK's collection.1 {name, description}
// with one collection-item.1 {collection, item} per member. Checks the seeded demo collections
// and each client's write and query flow.

#include "aspect48support.h"

#include <QTest>

using namespace aspect48;

namespace {
const QString kCli = QStringLiteral("urn:ivcap:schema:artifact-collection.1");
const QString kSdk = QStringLiteral("urn:ivcap:schema:collection.1");
const QString kSdkItem = QStringLiteral("urn:ivcap:schema:collection-item.1");
} // namespace

class TestSandbox48Collections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void seeded();
    void cliModel();
    void sdkModel();

private:
    ApiReply list(const QString &query)
    {
        const ApiReply reply = m_api->get(QStringLiteral("/1/aspects?") + query);
        if (reply.status != 200)
            qWarning("%s", qPrintable(reply.describe()));
        return reply;
    }
    // The SDK's membership check: is `item` already in `collection`?
    QStringList members(const QString &collection, const QString &item)
    {
        return ids(
            list(QStringLiteral("entity=%1&schema=%2&content-path=%3")
                     .arg(SandboxApi::enc(collection), SandboxApi::enc(kSdkItem),
                          SandboxApi::enc(QStringLiteral("$.item ? (@ == \"%1\")").arg(item)))));
    }
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandbox48Collections::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{"--seed-artifacts", "20"},
                                                 QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandbox48Collections::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandbox48Collections::seeded()
{
    // The CLI's model: `ivcap collection list` = GET /1/aspects?schema=…
    const ApiReply cli =
        list(QStringLiteral("include-content=true&schema=") + SandboxApi::enc(kCli));
    VERIFY_ANSWER48(cli, 200, "AspectListRT");
    const QJsonArray cliItems = cli.json().value("items").toArray();
    QCOMPARE(cliItems.size(), 2);
    QString someArtifact;
    for (const QJsonValue &value : cliItems) {
        const QJsonObject item = value.toObject();
        QCOMPARE(dig(item, "content.collection").toString(), item.value("entity").toString());
        const QJsonArray artifacts = dig(item, "content.artifacts").toArray();
        QVERIFY(!artifacts.isEmpty());
        for (const QJsonValue &artifact : artifacts)
            QVERIFY(artifact.toString().startsWith("urn:ivcap:artifact:"));
        someArtifact = artifacts.first().toString();
    }
    // The search example's question: which collections hold this artifact?
    const ApiReply holding =
        list(QStringLiteral("schema=%1&content-path=%2")
                 .arg(SandboxApi::enc(kCli),
                      SandboxApi::enc(
                          QStringLiteral("$.artifacts[*] ? (@ == \"%1\")").arg(someArtifact))));
    VERIFY_ANSWER48(holding, 200, "AspectListRT");
    QVERIFY(!ids(holding).isEmpty());

    // The SDK's model: two definitions, each with its member aspects.
    const ApiReply sdk =
        list(QStringLiteral("include-content=true&schema=") + SandboxApi::enc(kSdk));
    VERIFY_ANSWER48(sdk, 200, "AspectListRT");
    const QJsonArray definitions = sdk.json().value("items").toArray();
    QCOMPARE(definitions.size(), 2);
    for (const QJsonValue &value : definitions) {
        const QString collection = value.toObject().value("entity").toString();
        QVERIFY(!dig(value.toObject(), "content.name").toString().isEmpty());
        const ApiReply items =
            list(QStringLiteral("include-content=true&limit=50&entity=%1&schema=%2")
                     .arg(SandboxApi::enc(collection), SandboxApi::enc(kSdkItem)));
        VERIFY_ANSWER48(items, 200, "AspectListRT");
        const QJsonArray memberItems = items.json().value("items").toArray();
        QVERIFY(!memberItems.isEmpty());
        const QString first = dig(memberItems.first(), "content.item").toString();
        QCOMPARE(members(collection, first).size(), 1);
    }
    // Both models in one prefix query.
    QCOMPARE(ids(list(QStringLiteral("limit=50&schema=") +
                      SandboxApi::enc("urn:ivcap:schema:%collection.1")))
                 .size(),
             4);
}

void TestSandbox48Collections::cliModel()
{
    // `ivcap collection create`: PUT the whole membership (falls back to POST on 404).
    const QString collection = uniqueUrn("collection");
    const QString a = uniqueUrn("artifact");
    const QString b = uniqueUrn("artifact");
    const auto content = [&](const QStringList &artifacts) {
        return QJsonDocument(QJsonObject{{"collection", collection},
                                         {"artifacts", QJsonArray::fromStringList(artifacts)}})
            .toJson(QJsonDocument::Compact);
    };
    const ApiReply created = write(*m_api, "PUT", collection, kCli, content({a}));
    VERIFY_ANSWER48(created, 200, "AspectIDRT");
    const ApiReply grown = write(*m_api, "PUT", collection, kCli, content({a, b}));
    VERIFY_ANSWER48(grown, 200, "AspectIDRT");
    const ApiReply current = list(QStringLiteral("include-content=true&entity=%1&schema=%2")
                                      .arg(SandboxApi::enc(collection), SandboxApi::enc(kCli)));
    VERIFY_ANSWER48(current, 200, "AspectListRT");
    QCOMPARE(ids(current), QStringList{grown.json().value("id").toString()});
    QCOMPARE(dig(current.json(), "items.0.content.artifacts").toArray().size(), 2);
    const ApiReply withB =
        list(QStringLiteral("schema=%1&content-path=%2")
                 .arg(SandboxApi::enc(kCli),
                      SandboxApi::enc(QStringLiteral("$.artifacts[*] ? (@ == \"%1\")").arg(b))));
    QCOMPARE(ids(withB), QStringList{grown.json().value("id").toString()});
}

void TestSandbox48Collections::sdkModel()
{
    // ivcap.create_collection(...) then add members, each only once.
    const QString collection = uniqueUrn("collection");
    const QString definition = create(
        *m_api, collection, kSdk,
        QStringLiteral(R"({"$schema":"%1","$entity":"%2","name":"Field trip","description":"x"})")
            .arg(kSdk, collection)
            .toUtf8());
    QVERIFY(!definition.isEmpty());
    const QStringList artifacts{uniqueUrn("artifact"), uniqueUrn("artifact")};
    for (int round = 0; round < 2; ++round) {
        for (const QString &artifact : artifacts) {
            if (!members(collection, artifact).isEmpty())
                continue; // already a member: the SDK adds nothing
            const QString id = create(
                *m_api, collection, kSdkItem,
                QStringLiteral(R"({"$schema":"%1","$entity":"%2","collection":"%2","item":"%3"})")
                    .arg(kSdkItem, collection, artifact)
                    .toUtf8());
            QVERIFY(!id.isEmpty());
        }
    }
    for (const QString &artifact : artifacts)
        QCOMPARE(members(collection, artifact).size(), 1);
    const ApiReply all = list(QStringLiteral("entity=%1&schema=%2")
                                  .arg(SandboxApi::enc(collection), SandboxApi::enc(kSdkItem)));
    VERIFY_ANSWER48(all, 200, "AspectListRT");
    QCOMPARE(ids(all).size(), 2);
}

QTEST_GUILESS_MAIN(TestSandbox48Collections)
#include "tst_sandbox48_collections.moc"
