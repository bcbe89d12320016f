// Legacy /1/orders and /1/artifacts on a v0.48 sandbox, in today's shapes, every JSON answer
// checked against ivcap-openapi-0.48.json.

#include "sandboxapi.h"

#include <QDateTime>
#include <QTest>

namespace {
const QString kGradient = QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");

QJsonObject orderRequest(const QString &msg)
{
    return {{"service", kGradient},
            {"name", QJsonValue::Null},
            {"policy", "urn:ivcap:policy:ivcap.open.order"},
            {"parameters", QJsonArray{QJsonObject{{"name", "msg"}, {"value", msg}},
                                      QJsonObject{{"name", "width"}, {"value", "320"}}}}};
}

QJsonObject waitForTerminalOrder48(SandboxApi &api, const QString &id)
{
    QJsonObject order;
    for (int i = 0; i < 300; ++i) {
        order = api.get(QStringLiteral("/1/orders/") + id).json();
        if (QStringList({"succeeded", "failed", "error"})
                .contains(order.value("status").toString()))
            break;
        QTest::qWait(100);
    }
    return order;
}
} // namespace

class TestSandbox48OrdersArtifacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void orderLifecycle();
    void orderCreateRejects_data();
    void orderCreateRejects();
    void orderListAndUnknown();
    void orderLogsBounds();
    void artifactUploadAndDownload();
    void artifactListPagesLikeTheSdk();
    void artifactErrors();

private:
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
    QString m_order; // a finished order
};

void TestSandbox48OrdersArtifacts::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(
        QStringList{QStringLiteral("--seed-artifacts"), QStringLiteral("60")},
        QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandbox48OrdersArtifacts::orderLifecycle()
{
    const ApiReply created = m_api->postJson(QStringLiteral("/1/orders"), orderRequest("hello"));
    QCOMPARE(created.status, 200);
    VERIFY_SCHEMA48(created, "OrderStatusRT");
    QVERIFY(!created.body.contains("null"));
    m_order = created.json().value("id").toString();
    QVERIFY(m_order.startsWith(QLatin1String("urn:ivcap:order:")));
    QCOMPARE(created.json().value("service").toString(), kGradient);

    const QJsonObject done = waitForTerminalOrder48(*m_api, SandboxApi::enc(m_order));
    QCOMPARE(done.value("status").toString(), QStringLiteral("succeeded"));
    QCOMPARE(SchemaValidator::instance("0.48").validate(done, "OrderStatusRT"), QString());
    QCOMPARE(done.value("products").toObject().value("items").toArray().size(), 1);

    const ApiReply products = m_api->get(QStringLiteral("/1/orders/") + m_order + "/products");
    QCOMPARE(products.status, 200);
    VERIFY_SCHEMA48(products, "PartialProductListT");
    const QJsonObject image = products.json().value("items").toArray().first().toObject();
    const ApiReply svg = m_api->get(image.value("data-href").toString());
    QCOMPARE(svg.status, 200);
    QVERIFY(svg.body.contains(">hello</text>"));

    const ApiReply metadata = m_api->get(QStringLiteral("/1/orders/") + m_order + "/metadata");
    QCOMPARE(metadata.status, 200);
    VERIFY_SCHEMA48(metadata, "PartialMetaListT");
    QStringList schemas;
    for (const QJsonValue &item : metadata.json().value("items").toArray())
        schemas << item.toObject().value("schema").toString();
    for (const char *schema : {"urn:ivcap:schema:order-placed.1", "urn:ivcap:schema:job.2",
                               "urn:ivcap:schema:demo.product.1"})
        QVERIFY2(schemas.contains(QLatin1String(schema)), schema);

    const ApiReply logs = m_api->get(QStringLiteral("/1/orders/") + m_order + "/logs");
    QCOMPARE(logs.status, 200);
    QVERIFY(logs.header("content-type").startsWith("text/plain"));
    QVERIFY(logs.body.contains("status pending\n"));
    QVERIFY(logs.body.contains("status succeeded\n"));
    QVERIFY(logs.body.contains("STEP_STARTED"));

    const ApiReply top = m_api->get(QStringLiteral("/1/orders/") + m_order + "/top");
    QCOMPARE(top.status, 200);
    VERIFY_SCHEMA48(top, "OrderTopResultItemCollection");
    QVERIFY(top.doc().array().isEmpty()); // nothing runs any more
}

void TestSandbox48OrdersArtifacts::orderCreateRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QJsonObject v028 = orderRequest("x");
    v028.remove("service");
    v028.insert("service-id", kGradient);
    QJsonObject unknown = orderRequest("x");
    unknown.insert("service", "urn:ivcap:service:00000000-0000-0000-0000-000000000000");
    QJsonObject badValue = orderRequest("x");
    badValue.insert("parameters", QJsonArray{QJsonObject{{"name", "msg"}, {"value", "x"}},
                                             QJsonObject{{"name", "width"}, {"value", "wide"}}});
    QJsonObject numberValue = orderRequest("x");
    numberValue.insert("parameters", QJsonArray{QJsonObject{{"name", "msg"}, {"value", 5}}});
    QTest::newRow("v0.28 body") << QJsonDocument(v028).toJson() << 400;
    QTest::newRow("not JSON") << QByteArray("{") << 400;
    QTest::newRow("value not a string") << QJsonDocument(numberValue).toJson() << 400;
    QTest::newRow("unknown service") << QJsonDocument(unknown).toJson() << 404;
    QTest::newRow("value of the wrong type") << QJsonDocument(badValue).toJson() << 422;
}

void TestSandbox48OrdersArtifacts::orderCreateRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const ApiReply reply = m_api->send("POST", QStringLiteral("/1/orders"), body,
                                       {{"Content-Type", "application/json"}});
    VERIFY_ERROR(reply, status);
    if (status == 400)
        VERIFY_SCHEMA48(reply, "BadRequestT");
    else if (status == 404)
        VERIFY_SCHEMA48(reply, "ResourceNotFoundT");
    else
        VERIFY_SCHEMA48(reply, "InvalidParameterT");
}

void TestSandbox48OrdersArtifacts::orderListAndUnknown()
{
    QVERIFY(!m_order.isEmpty());
    m_api->postJson(QStringLiteral("/1/orders"), orderRequest("second"));
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll48(QStringLiteral("/1/orders?limit=1"), QStringLiteral("orders"),
                                 QStringLiteral("OrderListRT"), &items, &pages, &error),
             qPrintable(error));
    QVERIFY(items.size() >= 2);
    QCOMPARE(items.last().toObject().value("id").toString(), m_order); // newest first
    const QString unknown =
        QStringLiteral("/1/orders/urn:ivcap:order:00000000-0000-0000-0000-000000000000");
    for (const QString &sub : {QString(), QStringLiteral("/products"), QStringLiteral("/metadata"),
                               QStringLiteral("/logs"), QStringLiteral("/top")}) {
        const ApiReply reply = m_api->get(unknown + sub);
        VERIFY_ERROR(reply, 404);
        VERIFY_SCHEMA48(reply, "ResourceNotFoundT");
    }
}

void TestSandbox48OrdersArtifacts::orderLogsBounds()
{
    QVERIFY(!m_order.isEmpty());
    const QString base = QStringLiteral("/1/orders/") + m_order + "/logs";
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(m_api->get(base + "?from=" + QString::number(now + 3600)).body.isEmpty());
    QVERIFY(m_api->get(base + "?to=1").body.isEmpty());
    QVERIFY(m_api->get(base + "?from=1&to=" + QString::number(now + 3600))
                .body.contains("status succeeded"));
    const ApiReply bad = m_api->get(base + "?from=yesterday");
    VERIFY_ERROR(bad, 422);
    VERIFY_SCHEMA48(bad, "InvalidParameterT");
}

void TestSandbox48OrdersArtifacts::artifactUploadAndDownload()
{
    const QByteArray content = "v0.48 artifact content";
    const ApiReply created =
        m_api->send("POST", QStringLiteral("/1/artifacts"), {},
                    {{"X-Name", QByteArray("notes.txt").toBase64()},
                     {"X-Content-Type", "text/plain"},
                     {"X-Content-Length", QByteArray::number(content.size())}});
    QCOMPARE(created.status, 201);
    VERIFY_SCHEMA48(created, "ArtifactUploadRT2");
    const QJsonObject record = created.json();
    const QString id = record.value("id").toString();
    const QString dataHref = record.value("data-href").toString();
    QCOMPARE(dataHref, m_sandbox->url().toString() + "/1/artifacts/" + id + "/blob");
    QCOMPARE(created.header("location"), dataHref.toUtf8());
    QVERIFY(!record.contains("data") && !record.contains("location"));
    QCOMPARE(record.value("name").toString(), QStringLiteral("notes.txt"));
    // TUS through the path of data-href, as the SDK rebases it.
    const QString path = QUrl(dataHref).path();
    QCOMPARE(m_api->send("HEAD", path, {}, {{"Tus-Resumable", "1.0.0"}}).header("upload-offset"),
             QByteArray("0"));
    const ApiReply patched = m_api->send("PATCH", path, content.left(5),
                                         {{"Content-Type", "application/offset+octet-stream"},
                                          {"Upload-Offset", "0"},
                                          {"Tus-Resumable", "1.0.0"}});
    QCOMPARE(patched.status, 204);
    QCOMPARE(
        m_api
            ->send("PATCH", path, content.mid(5),
                   {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", "5"}})
            .status,
        204);
    const ApiReply read = m_api->get(QStringLiteral("/1/artifacts/") + SandboxApi::enc(id));
    QCOMPARE(read.status, 200);
    VERIFY_SCHEMA48(read, "ArtifactStatusRT");
    QCOMPARE(read.json().value("status").toString(), QStringLiteral("ready"));
    QCOMPARE(read.json().value("size").toInt(), content.size());
    const ApiReply whole = m_api->get(dataHref);
    QCOMPARE(whole.body, content);
    const ApiReply range = m_api->send("GET", path, {}, {{"Range", "bytes=6-"}});
    QCOMPARE(range.status, 206);
    QCOMPARE(range.body, content.mid(6));
}

void TestSandbox48OrdersArtifacts::artifactListPagesLikeTheSdk()
{
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll48(QStringLiteral("/1/artifacts?limit=50&order-desc=false"),
                                 QStringLiteral("artifacts"), QStringLiteral("ArtifactListRT"),
                                 &items, &pages, &error),
             qPrintable(error));
    QVERIFY(items.size() >= 60);
    QCOMPARE(pages, int((items.size() + 49) / 50));
    QString previous;
    for (const QJsonValue &item : items) {
        const QString created = item.toObject().value("created-at").toString();
        QVERIFY(created >= previous);
        previous = created;
    }
}

void TestSandbox48OrdersArtifacts::artifactErrors()
{
    const ApiReply badLength = m_api->send("POST", QStringLiteral("/1/artifacts"), {},
                                           {{"X-Name", "eA=="}, {"X-Content-Length", "ten"}});
    VERIFY_ERROR(badLength, 400);
    VERIFY_SCHEMA48(badLength, "BadRequestT");
    const ApiReply unknown = m_api->get(
        QStringLiteral("/1/artifacts/urn:ivcap:artifact:00000000-0000-0000-0000-000000000000"));
    VERIFY_ERROR(unknown, 404);
    VERIFY_SCHEMA48(unknown, "ResourceNotFoundT");
    const ApiReply badOrder = m_api->get(QStringLiteral("/1/artifacts?order-by=colour"));
    VERIFY_ERROR(badOrder, 422);
    VERIFY_SCHEMA48(badOrder, "InvalidParameterT");
}

QTEST_GUILESS_MAIN(TestSandbox48OrdersArtifacts)
#include "tst_sandbox48_orders_artifacts.moc"
