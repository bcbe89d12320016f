// The dialect seam without a server: version rules, list envelopes, next links, queries, the
// OpenAPI detection (also that it goes without a token), and the SSE parser of job events.
#include "api/apidetector.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "api/sseparser.h"
#include "scriptedserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace ivcap;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

QString item(const Connection::QueryItems &items, const QString &key)
{
    for (const auto &[k, v] : items) {
        if (k == key)
            return v;
    }
    return QStringLiteral("<absent>");
}

QList<SseEvent> parseAll(const QByteArray &stream, qsizetype step)
{
    SseParser parser;
    QList<SseEvent> events;
    for (qsizetype at = 0; at < stream.size(); at += step)
        events += parser.feed(QByteArrayView(stream).sliced(at, qMin(step, stream.size() - at)));
    parser.finish();
    return events;
}
} // namespace

class TestDialect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionsChooseTheDialect_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<bool>("jobs");
        QTest::addColumn<bool>("aspects");
        QTest::addColumn<QString>("servicesPath");
        QTest::newRow("0.28") << "0.28" << true << true << false << false << "/1/services";
        QTest::newRow("0.28.1") << "0.28.1" << true << true << false << false << "/1/services";
        QTest::newRow("0.30") << "0.30" << true << false << false << false << "/1/services";
        QTest::newRow("0.43") << "0.43" << true << false << false << true << "/1/services";
        QTest::newRow("0.44") << "0.44" << true << false << true << true << "/1/services2";
        QTest::newRow("0.48") << "0.48" << true << false << true << true << "/1/services2";
        QTest::newRow("v1.2") << "v1.2" << true << false << true << true << "/1/services2";
        QTest::newRow("words") << "latest" << false << false << false << false << "";
        QTest::newRow("empty") << "" << false << false << false << false << "";
    }
    void versionsChooseTheDialect()
    {
        QFETCH(QString, version);
        QFETCH(bool, valid);
        const auto dialect = Dialect::forVersion(version);
        QCOMPARE(bool(dialect), valid);
        if (!dialect)
            return;
        QFETCH(bool, legacy);
        QFETCH(bool, jobs);
        QFETCH(bool, aspects);
        QFETCH(QString, servicesPath);
        QCOMPARE(dialect->isLegacy(), legacy);
        QCOMPARE(dialect->hasJobs(), jobs);
        QCOMPARE(dialect->hasAspects(), aspects);
        QCOMPARE(dialect->collectionPath(EntityKind::Services), servicesPath);
    }

    void envelopesAndNextLinks()
    {
        const auto legacy = Dialect::forVersion(QStringLiteral("0.28"));
        const auto current = Dialect::forVersion(QStringLiteral("0.48"));
        const QJsonObject oldPage = json("{\"artifacts\":[{\"id\":\"a\"}],"
                                         "            "
                                         "\"links\":{\"self\":\"/1/artifacts\",\"next\":\"http://x/"
                                         "1/artifacts?page=P1&limit=5\"}}");
        const QJsonObject newPage = json(
            "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"at-time\":\"t\","
            "            "
            "\"links\":[{\"rel\":\"self\",\"type\":\"application/json\",\"href\":\"/1/artifacts\"},"
            "                     "
            "{\"rel\":\"next\",\"type\":\"application/json\",\"href\":\"http://x/1/"
            "artifacts?page=P2\"}]}");
        ApiError error;
        QCOMPARE(legacy->pageItems(EntityKind::Artifacts, oldPage, {}, &error).size(), 1);
        QVERIFY(!error.isError());
        QCOMPARE(legacy->nextLink(oldPage), QStringLiteral("http://x/1/artifacts?page=P1&limit=5"));
        QCOMPARE(current->pageItems(EntityKind::Artifacts, newPage, {}, &error).size(), 2);
        QVERIFY(!error.isError());
        QCOMPARE(current->nextLink(newPage), QStringLiteral("http://x/1/artifacts?page=P2"));
        QCOMPARE(ListQuery::pageToken(current->nextLink(newPage)), QStringLiteral("P2"));

        // Each dialect refuses the other's envelope with one clear error.
        current->pageItems(EntityKind::Artifacts, oldPage, QUrl("http://x/1/artifacts"), &error);
        QCOMPARE(error.kind, ApiError::Kind::MalformedResponse);
        QVERIFY2(error.message.contains(QString::fromUtf8("“items”")), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("artifacts, links")),
                 qPrintable(error.message));

        QCOMPARE(Dialect::sniff(EntityKind::Artifacts, oldPage)->isLegacy(), true);
        QCOMPARE(Dialect::sniff(EntityKind::Artifacts, newPage)->isLegacy(), false);
        QVERIFY(!Dialect::sniff(EntityKind::Artifacts, json("{\"data\":[]}")));
    }

    void adoptingTheFirstListAnswer()
    {
        Connection c(QUrl("http://127.0.0.1:1"), QString());
        QVERIFY(!c.isDialectKnown());
        QVERIFY(c.dialect().isLegacy());
        c.adoptDialect(EntityKind::Services, json("{\"items\":[],\"links\":[]}"));
        QVERIFY(c.isDialectKnown());
        QVERIFY(!c.dialect().isLegacy());
        // Once known, answers do not change it.
        c.adoptDialect(EntityKind::Services, json("{\"services\":[],\"links\":{}}"));
        QVERIFY(!c.dialect().isLegacy());

        QSignalSpy version(&c, &Connection::apiVersionChanged);
        QVERIFY(c.setApiVersion(QStringLiteral("0.28")));
        QCOMPARE(c.apiVersion(), QStringLiteral("0.28"));
        QCOMPARE(version.size(), 1);
        QVERIFY(!c.setApiVersion(QStringLiteral("soon")));
        QCOMPARE(c.apiVersion(), QStringLiteral("0.28"));
        c.setApiVersion(QString()); // unpinned: provisional again
        QVERIFY(!c.isDialectKnown());
        QCOMPARE(c.apiVersion(), QString());
    }

    void fieldsAndReferences()
    {
        const auto legacy = Dialect::forVersion(QStringLiteral("0.28"));
        const auto current = Dialect::forVersion(QStringLiteral("0.48"));
        QCOMPARE(legacy->key(EntityKind::Metadata, Field::RecordId), QLatin1String("record-id"));
        QCOMPARE(current->key(EntityKind::Metadata, Field::RecordId), QLatin1String("id"));
        QCOMPARE(legacy->key(EntityKind::Metadata, Field::AspectContext),
                 QLatin1String("aspectContext"));
        QCOMPARE(current->key(EntityKind::Metadata, Field::AspectContext),
                 QLatin1String("aspect-context"));
        QCOMPARE(current->key(EntityKind::Aspects, Field::AspectContent), QLatin1String("content"));
        QCOMPARE(legacy->key(EntityKind::Aspects, Field::AspectContent), QLatin1String("aspect"));
        QCOMPARE(legacy->collectionPath(EntityKind::Aspects), QStringLiteral("/1/metadata"));
        QCOMPARE(current->collectionPath(EntityKind::Aspects), QStringLiteral("/1/aspects"));
        QCOMPARE(current->writeReference(QStringLiteral("urn:x")),
                 QJsonValue(QStringLiteral("urn:x")));
        QCOMPARE(legacy->writeReference(QStringLiteral("urn:x")).toObject().value("id").toString(),
                 QStringLiteral("urn:x"));
        QCOMPARE(Dialect::reference(json("{\"s\":{\"id\":\"urn:a\"}}"), QLatin1String("s")),
                 QStringLiteral("urn:a"));
        QCOMPARE(Dialect::reference(json("{\"s\":\"urn:b\"}"), QLatin1String("s")),
                 QStringLiteral("urn:b"));
        QCOMPARE(Dialect::dataUrl(json("{\"data\":{\"self\":\"http://h/blob\"}}")),
                 QStringLiteral("http://h/blob"));
        QCOMPARE(Dialect::dataUrl(json("{\"data-href\":\"http://h/1/artifacts/a/blob\"}")),
                 QStringLiteral("http://h/1/artifacts/a/blob"));
        QCOMPARE(Dialect::products(json("{\"products\":{\"items\":[{\"id\":\"p\"}],\"links\":[]}}"))
                     .size(),
                 1);
        QCOMPARE(Dialect::products(json("{\"products\":[{\"id\":\"p\"},{\"id\":\"q\"}]}")).size(),
                 2);
        const QJsonObject body =
            current->orderRequestBody(QStringLiteral("urn:s"), {{"a", "1"}}, QStringLiteral("n"),
                                      QStringLiteral("acc"), QString());
        QCOMPARE(body.value("service").toString(), QStringLiteral("urn:s"));
        QVERIFY(!body.contains("service-id") && !body.contains("account-id"));
        QCOMPARE(legacy->orderRequestBody(QStringLiteral("urn:s"), {}, {}, {}, {})
                     .value("service-id")
                     .toString(),
                 QStringLiteral("urn:s"));
    }

    void queriesFollowTheDialect()
    {
        const auto legacy = Dialect::forVersion(QStringLiteral("0.28"));
        const auto current = Dialect::forVersion(QStringLiteral("0.48"));
        ListQuery q;
        q.search = QStringLiteral("genomics");
        q.orderBy = QStringLiteral("name");
        const auto search = current->firstPageItems(EntityKind::Services, q);
        QCOMPARE(item(search, "search"), QStringLiteral("genomics"));
        QCOMPARE(item(search, "order-by"), QStringLiteral("<absent>")); // score order
        QCOMPARE(item(legacy->firstPageItems(EntityKind::Services, q), "search"),
                 QStringLiteral("<absent>"));
        q.search.clear();
        // order-desc is sent explicitly: its default flipped after v0.28.
        QCOMPARE(item(current->firstPageItems(EntityKind::Artifacts, q), "order-desc"),
                 QStringLiteral("false"));
        QCOMPARE(item(current->firstPageItems(EntityKind::Services, q), "order-by"),
                 QStringLiteral("name"));

        ListQuery a;
        a.entityId = QStringLiteral("urn:e");
        a.schemaPrefix = QStringLiteral("urn:s%");
        a.aspectPath = QStringLiteral("$.x");
        const auto aspects = current->firstPageItems(EntityKind::Aspects, a);
        QCOMPARE(item(aspects, "entity"), QStringLiteral("urn:e"));
        QCOMPARE(item(aspects, "content-path"), QStringLiteral("$.x"));
        QCOMPARE(item(aspects, "include-content"), QStringLiteral("true"));
        QCOMPARE(item(aspects, "order-desc"), QStringLiteral("<absent>"));
        const auto metadata = legacy->firstPageItems(EntityKind::Aspects, a);
        QCOMPARE(item(metadata, "entity-id"), QStringLiteral("urn:e"));
        QCOMPARE(item(metadata, "aspect-path"), QStringLiteral("$.x"));
        QCOMPARE(current->collectionPath(EntityKind::Jobs, QStringLiteral("urn:ivcap:service:1")),
                 QStringLiteral("/1/services2/urn:ivcap:service:1/jobs"));
    }

    void openApiDocumentsTellTheVersion_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("jobs");
        QTest::newRow("0.28.1") << "ivcap-openapi-0.28.1.errata.json"
                                << "0.28" << false;
        QTest::newRow("0.48") << "ivcap-openapi-0.48.json"
                              << "0.48" << true;
    }
    void openApiDocumentsTellTheVersion()
    {
        QFETCH(QString, file);
        QFile f(QStringLiteral(IVCAP_TEST_DATA_DIR "/") + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString why;
        const auto dialect = ApiDetector::fromOpenApi(f.readAll(), &why);
        QVERIFY2(dialect, qPrintable(why));
        QTEST(dialect->version(), "version");
        QTEST(dialect->hasJobs(), "jobs");
    }

    void unreadableDocumentsTellNothing()
    {
        QString why;
        QVERIFY(!ApiDetector::fromOpenApi("<html>", &why));
        QVERIFY(!ApiDetector::fromOpenApi("{\"info\":{}}", &why));
        QCOMPARE(why, QStringLiteral("no info.version"));
        QVERIFY(!ApiDetector::fromOpenApi("{\"info\":{\"version\":\"next\"}}", &why));
        // A version without paths decides the capabilities by itself.
        QVERIFY(ApiDetector::fromOpenApi("{\"info\":{\"version\":\"0.44\"}}", &why)->hasJobs());
        QVERIFY(!ApiDetector::fromOpenApi(
                     "{\"info\":{\"version\":\"0.48\"},\"paths\":{\"/1/orders\":{}}}", &why)
                     ->hasJobs());
    }

    void detectionSendsNoToken()
    {
        test::ScriptedServer server;
        server.script.append([](QTcpSocket *s) {
            s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n",
                                        "{\"info\":{\"version\":\"0.48\"},\"paths\":{\"/1/"
                                        "services2\":{},\"/1/aspects\":{}}}"));
        });
        Connection c(server.url(), QStringLiteral("secret-token"));
        QSignalSpy finished(&c, &Connection::apiDetectionFinished);
        c.detectApi();
        QVERIFY(c.isDetectingApi());
        QVERIFY(finished.wait(10000));
        QCOMPARE(c.apiVersion(), QStringLiteral("0.48"));
        QVERIFY(c.dialect().hasJobs());
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(server.requests.first().startsWith("GET /1/openapi/openapi3.json "));
        QVERIFY2(!server.requests.first().toLower().contains("authorization"),
                 server.requests.first().constData());
    }

    void failedDetectionLeavesTheDialectToTheFirstList()
    {
        test::ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write(test::httpResponse("404 Not Found", "Content-Type: application/json\r\n",
                                        "{\"message\":\"no\"}"));
        };
        Connection c(server.url(), QString());
        QSignalSpy finished(&c, &Connection::apiDetectionFinished);
        c.detectApi();
        QVERIFY(finished.wait(10000));
        QVERIFY(!c.isDialectKnown());
        QCOMPARE(c.apiVersion(), QString());
    }

    void sseEventsWhateverTheChunks_data()
    {
        QTest::addColumn<int>("step");
        for (int step : {1, 2, 3, 7, 1000})
            QTest::addRow("step %d", step) << step;
    }
    void sseEventsWhateverTheChunks()
    {
        QFETCH(int, step);
        static const char raw[] = "\xEF\xBB\xBF: hello\r\n"
                                  "retry: 1500\r\n"
                                  "id: 7\r\n"
                                  "event: ivcap.job.status\r\n"
                                  "data: {\"a\":\r\n"
                                  "data:1}\r\n"
                                  "\r\n"
                                  "data: second\r"
                                  "\r"
                                  "id: x\0y\n" // an id with NUL is ignored
                                  "data\n"     // a field name alone: empty data line
                                  "unknown: field\n"
                                  "\n"
                                  "event: lonely\n\n" // no data: nothing dispatched
                                  "data: cut off";
        const QByteArray stream(raw, sizeof(raw) - 1);
        const QList<SseEvent> events = parseAll(stream, step);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.at(0).type, QStringLiteral("ivcap.job.status"));
        QCOMPARE(events.at(0).data, QStringLiteral("{\"a\":\n1}"));
        QCOMPARE(events.at(0).lastEventId, QStringLiteral("7"));
        QCOMPARE(events.at(1).type, QStringLiteral("message"));
        QCOMPARE(events.at(1).data, QStringLiteral("second"));
        QCOMPARE(events.at(1).lastEventId, QStringLiteral("7"));
        QCOMPARE(events.at(2).data, QString());
        QCOMPARE(events.at(2).lastEventId, QStringLiteral("7"));

        SseParser parser;
        parser.feed(stream);
        QCOMPARE(parser.retryMs(), 1500);
        QCOMPARE(parser.lastEventId(), QStringLiteral("7"));
    }

    void sseRefusesAnEndlessLine()
    {
        SseParser parser(64);
        QVERIFY(parser.feed("data: short\n\n").size() == 1);
        parser.feed(QByteArray(100, 'x'));
        QVERIFY(parser.hasError());
        QVERIFY(parser.feed("\n\ndata: more\n\n").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDialect)
#include "tst_dialect.moc"
