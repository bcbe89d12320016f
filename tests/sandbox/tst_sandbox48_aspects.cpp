// IVCAP v0.48 /1/aspects on the sandbox: create, read, list (entity, schema pattern,
// content-path, include-content, order, paging, at-time), update, retract, exact numbers, and
// the 4xx answers to bad input. Every answer body is validated against the 0.48 document.

#include "aspect48support.h"

#include <QDateTime>
#include <QFile>
#include <QTest>

using namespace aspect48;

class TestSandbox48Aspects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createReadList();
    void numbersRoundTrip();
    void serviceRequestSchemas();
    void cliJobList();
    void contentPath();
    void order();
    void paging();
    void update();
    void retract();
    void badInput_data();
    void badInput();

private:
    ApiReply list(const QString &query)
    {
        return m_api->get(QStringLiteral("/1/aspects?") + query);
    }
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandbox48Aspects::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{}, QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandbox48Aspects::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandbox48Aspects::createReadList()
{
    const QString entity = uniqueUrn("artifact");
    const QString schema = QStringLiteral("urn:xtest:schema:image.1");
    const ApiReply created =
        write(*m_api, "POST", entity, schema, R"({"$schema":"urn:xtest:schema:image.1","w":640})");
    VERIFY_ANSWER48(created, 200, "AspectIDRT");
    const QString id = created.json().value("id").toString();
    QVERIFY2(id.startsWith("urn:ivcap:aspect:"), qPrintable(id));

    // Read, by the raw id and by the percent-encoded id the SDK sends.
    for (const QString &path : {id, SandboxApi::enc(id)}) {
        const ApiReply read = m_api->get(QStringLiteral("/1/aspects/") + path);
        VERIFY_ANSWER48(read, 200, "AspectRT");
        const QJsonObject body = read.json();
        QCOMPARE(body.value("id").toString(), id);
        QCOMPARE(body.value("entity").toString(), entity);
        QCOMPARE(body.value("schema").toString(), schema);
        QCOMPARE(body.value("content").toObject().value("w").toInt(), 640);
        QCOMPARE(body.value("content-type").toString(), QStringLiteral("application/json"));
        QVERIFY(!body.contains("valid-to"));
        QVERIFY(!body.value("policy").toString().isEmpty());
    }

    // List by entity: without content unless asked for.
    const ApiReply plain = list(QStringLiteral("entity=") + SandboxApi::enc(entity));
    VERIFY_ANSWER48(plain, 200, "AspectListRT");
    QCOMPARE(ids(plain), QStringList{id});
    const QJsonObject item = plain.json().value("items").toArray().first().toObject();
    QVERIFY(!item.contains("content"));
    QVERIFY(item.value("href").toString().endsWith(id));
    QCOMPARE(plain.json().value("entity").toString(), entity);
    QVERIFY(link(plain, "next").isEmpty());
    QVERIFY(!link(plain, "self").isEmpty());
    const ApiReply full =
        list(QStringLiteral("include-content=True&entity=") + SandboxApi::enc(entity));
    VERIFY_ANSWER48(full, 200, "AspectListRT");
    QCOMPARE(dig(full.json(), "items.0.content.w").toInt(), 640);

    // The list filter: a column or a top-level content member.
    const QString inEntity = QStringLiteral("&entity=") + SandboxApi::enc(entity);
    QCOMPARE(ids(list(QStringLiteral("filter=") + SandboxApi::enc("w == '640'") + inEntity)),
             QStringList{id});
    QCOMPARE(ids(list(QStringLiteral("filter=") + SandboxApi::enc("w == '641'") + inEntity)),
             QStringList{});
    QCOMPARE(ids(list(QStringLiteral("filter=") + SandboxApi::enc("schema ~= 'urn:xtest:%'") +
                      inEntity)),
             QStringList{id});

    // Schema: '%' is the wildcard; without one the schema must match exactly.
    const QString byEntity = QStringLiteral("&entity=") + SandboxApi::enc(entity);
    QCOMPARE(ids(list(QStringLiteral("schema=urn%3Axtest%3A%25") + byEntity)), QStringList{id});
    QCOMPARE(ids(list(QStringLiteral("schema=urn%3Axtest%3Aschema%3Aimage.1") + byEntity)),
             QStringList{id});
    QCOMPARE(ids(list(QStringLiteral("schema=urn%3Axtest%3A") + byEntity)), QStringList{});
    QCOMPARE(ids(list(QStringLiteral("schema=URN%3AXTEST%3A%25") + byEntity)), QStringList{});
    QCOMPARE(ids(list(QStringLiteral("schema=urn%3Aother%25") + byEntity)), QStringList{});
    // Only '%' is a wildcard: '*', '?', '[' and '_' are themselves.
    for (const char *pattern : {"urn:xtest:*", "urn:xtest:schema:image?1",
                                "urn:xtest:schema:imag[e].1", "urn:xtest:schema:image_1"})
        QCOMPARE(ids(list(QStringLiteral("schema=") + SandboxApi::enc(pattern) + byEntity)),
                 QStringList{});
}

void TestSandbox48Aspects::numbersRoundTrip()
{
    // Numbers come back exactly as written: beyond 64 bits, decimals, beyond double range.
    const QByteArray content = R"({"big":18446744073709551617,"price":19.99,"huge":1e400,)"
                               R"("tiny":-1.5E-400,"exact":0.1000000000000000055511151231257827,)"
                               R"("list":[1.0,2e0,-0],"none":null,"s":"\u00e9\"x"})";
    const QString entity = uniqueUrn("artifact");
    const QString id =
        create(*m_api, entity, "urn:xtest:schema:numbers.1", QByteArray(" \n") + content + "\n");
    QVERIFY(!id.isEmpty());
    const ApiReply read = m_api->get(QStringLiteral("/1/aspects/") + id);
    VERIFY_ANSWER48(withoutHugeNumbers(read), 200, "AspectRT");
    QVERIFY2(read.body.contains(QByteArray(QByteArray("\"content\":") + content)),
             read.body.constData());
    const ApiReply listed =
        list(QStringLiteral("include-content=true&entity=") + SandboxApi::enc(entity));
    VERIFY_ANSWER48(withoutHugeNumbers(listed), 200, "AspectListRT");
    QVERIFY2(listed.body.contains(QByteArray(QByteArray("\"content\":") + content)),
             listed.body.constData());
    // And compare by exact value in a content-path.
    const auto match = [&](const QString &path) {
        return ids(list(QStringLiteral("entity=%1&content-path=%2")
                            .arg(SandboxApi::enc(entity), SandboxApi::enc(path))));
    };
    QCOMPARE(match("$.big ? (@ == 18446744073709551617)"), QStringList{id});
    QCOMPARE(match("$.big ? (@ == 18446744073709551616)"), QStringList{});
    QCOMPARE(match("$.huge ? (@ > 1e399)"), QStringList{id});
}

void TestSandbox48Aspects::serviceRequestSchemas()
{
    // What the SDK (service.py _fetch_request_model) and the CLI (mcp service_get) read to learn a
    // service's request schema.
    const ApiReply services = m_api->get(QStringLiteral("/1/services2?limit=3"));
    QCOMPARE(services.status, 200);
    const QJsonArray items = services.json().value("items").toArray();
    QVERIFY(!items.isEmpty());
    for (const QJsonValue &service : items) {
        const QString id = service.toObject().value("id").toString();
        const ApiReply tool =
            list(QStringLiteral("schema=%1&entity=%2&limit=2&include-content=true")
                     .arg(SandboxApi::enc("urn:sd-core:schema.ai-tool.1"), SandboxApi::enc(id)));
        VERIFY_ANSWER48(tool, 200, "AspectListRT");
        QCOMPARE(ids(tool).size(), 1);
        QVERIFY2(dig(tool.json(), "items.0.content.fn_schema").isObject(), tool.body.constData());
    }
}

void TestSandbox48Aspects::cliJobList()
{
    // `ivcap job list` finds the caller's jobs through their job.2 aspects, then `ivcap job get`
    // learns the service from the job's aspect (PROTOCOL-0.48 §2.2).
    QFile file(
        QStringLiteral(IVCAP_TEST_DATA_DIR "/../../resources/sandbox/demo-services-0.48.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject service = QJsonDocument::fromJson(file.readAll())
                                    .object()
                                    .value("services")
                                    .toArray()
                                    .first()
                                    .toObject();
    const QString serviceId = service.value("id").toString();
    const QByteArray request =
        QJsonDocument(dig(service, "sandbox.example-request").toObject()).toJson();
    QStringList jobs;
    for (int i = 0; i < 2; ++i) {
        const ApiReply created =
            m_api->send("POST", QStringLiteral("/1/services2/%1/jobs").arg(serviceId), request,
                        {{"Content-Type", "application/json"}, {"Timeout", "0"}});
        QVERIFY2(created.status == 202, qPrintable(created.describe()));
        jobs.prepend(created.json().value("job-id").toString());
        // The next job is requested in a later millisecond, so requested-at orders them.
        const qint64 answered = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > answered);
    }
    const ApiReply listed =
        list(QStringLiteral("schema=urn%3Aivcap%3Aschema%3Ajob.2&include-content="
                            "true&order-by=requested-at&limit=10"));
    VERIFY_ANSWER48(listed, 200, "AspectListRT");
    QStringList listedJobs;
    for (const QJsonValue &item : listed.json().value("items").toArray())
        listedJobs << dig(item, "content.id").toString();
    QCOMPARE(listedJobs.mid(0, 2), jobs); // newest request first

    const ApiReply aspect =
        list(QStringLiteral("schema=urn%3Aivcap%3Aschema%3Ajob.2&include-content="
                            "true&entity=") +
             SandboxApi::enc(jobs.first()));
    VERIFY_ANSWER48(aspect, 200, "AspectListRT");
    QCOMPARE(ids(aspect).size(), 1);
    const QString fromAspect = dig(aspect.json(), "items.0.content.service-id").toString();
    QCOMPARE(fromAspect, serviceId);
    const ApiReply job = m_api->get(
        QStringLiteral("/1/services2/%1/jobs/%2").arg(fromAspect, SandboxApi::enc(jobs.first())));
    QVERIFY2(job.status == 200, qPrintable(job.describe()));
}

void TestSandbox48Aspects::contentPath()
{
    const QString entity = uniqueUrn("collection");
    const QString schema = QStringLiteral("urn:xtest:schema:item.1");
    const QString a1 = uniqueUrn("artifact");
    const QString first = create(*m_api, entity, schema,
                                 QStringLiteral(R"({"item":"%1","size":5})").arg(a1).toUtf8());
    const QString second =
        create(*m_api, entity, schema, QByteArray(R"({"item":"urn:x:other","size":50})"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    const QString scope = QStringLiteral("entity=") + SandboxApi::enc(entity);

    // Exactly as the SDK encodes it: form-encoded, a space as '+'.
    QString sdk = QStringLiteral("$.item ? (@ == \"%1\")").arg(a1);
    sdk = QString::fromLatin1(QUrl::toPercentEncoding(sdk, " ")).replace(' ', '+');
    const ApiReply dedup = list(scope + QStringLiteral("&content-path=") + sdk);
    VERIFY_ANSWER48(dedup, 200, "AspectListRT");
    QCOMPARE(ids(dedup), QStringList{first});
    QCOMPARE(dedup.json().value("aspect-path").toString(),
             QStringLiteral("$.item ? (@ == \"%1\")").arg(a1));

    const auto match = [&](const QString &key, const QString &path) {
        const ApiReply reply =
            list(scope + QStringLiteral("&%1=%2").arg(key, SandboxApi::enc(path)));
        return reply.status == 200 ? ids(reply) : QStringList{reply.describe()};
    };
    QCOMPARE(match("content-path", "$ ? (@.size > 10)"), QStringList{second});
    QCOMPARE(match("content-path", "$.size ? (@ >= 5 && @ < 50)"), QStringList{first});
    QCOMPARE(match("content-path", "$.missing"), QStringList{});
    QCOMPARE(match("content-path", "$.item").size(), 2);
    // The CLI's spelling of the parameter.
    QCOMPARE(match("aspect-path", "$ ? (@.size > 10)"), QStringList{second});

    // A bad path is a 422 naming the parameter, never a 5xx.
    const ApiReply bad =
        list(scope + QStringLiteral("&content-path=") + SandboxApi::enc("$.item ? (@ == )"));
    VERIFY_ANSWER48(bad, 422, "InvalidParameterT");
    QCOMPARE(bad.json().value("name").toString(), QStringLiteral("content-path"));
    QVERIFY(bad.json().value("message").toString().contains("offset"));
    QVERIFY(!bad.header("goa-error").isEmpty());
}

void TestSandbox48Aspects::order()
{
    const QString entity = uniqueUrn("job");
    const QString schema = QStringLiteral("urn:xtest:schema:job.2");
    QStringList created;
    for (const char *at : {"2026-01-02", "2026-01-03", "2026-01-01"})
        created << create(*m_api, entity, schema,
                          QStringLiteral(R"({"requested-at":"%1"})").arg(at).toUtf8());
    const QString scope = QStringLiteral("entity=") + SandboxApi::enc(entity);
    QStringList newestFirst = created;
    std::reverse(newestFirst.begin(), newestFirst.end());
    QCOMPARE(ids(list(scope)), newestFirst); // valid_from DESC by default
    QCOMPARE(ids(list(scope + "&order-by=valid_from&order-direction=ASC")), created);
    QCOMPARE(ids(list(scope + "&order-direction=asc")), created);
    QCOMPARE(ids(list(scope + "&order-desc=false")), created); // the CLI's spelling
    QCOMPARE(ids(list(scope + "&order-desc=true")), newestFirst);
    QCOMPARE(ids(list(scope + "&order-by=schema,valid_from&order-direction=DESC")), newestFirst);
    // A content member, as the CLI orders job aspects.
    QCOMPARE(ids(list(scope + "&order-by=requested-at&order-direction=ASC")),
             (QStringList{created[2], created[0], created[1]}));

    const ApiReply direction = list(scope + "&order-direction=sideways");
    VERIFY_ANSWER48(direction, 422, "InvalidParameterT");
    const ApiReply field = list(scope + "&order-by=" + SandboxApi::enc("valid_from;drop"));
    VERIFY_ANSWER48(field, 422, "InvalidParameterT");
}

void TestSandbox48Aspects::paging()
{
    const QString entity = uniqueUrn("artifact");
    const QString schema = QStringLiteral("urn:xtest:schema:page.1");
    QStringList all;
    for (int i = 0; i < 13; ++i)
        all << create(*m_api, entity, schema,
                      QStringLiteral(R"({"i":%1,"even":%2})")
                          .arg(i)
                          .arg(i % 2 == 0 ? "true" : "false")
                          .toUtf8());
    std::reverse(all.begin(), all.end());

    const QStringList filters{QString(), QStringLiteral("&content-path=") +
                                             SandboxApi::enc("$ ? (@.even == true)")};
    for (const QString &filter : filters) {
        QStringList seen;
        QString next =
            QStringLiteral("/1/aspects?limit=5&entity=") + SandboxApi::enc(entity) + filter;
        int pages = 0;
        while (!next.isEmpty() && pages < 10) {
            const ApiReply page = m_api->get(next);
            VERIFY_ANSWER48(page, 200, "AspectListRT");
            seen += ids(page);
            next = link(page, "next");
            if (!next.isEmpty()) {
                const QUrl url(next);
                QVERIFY2(url.query().startsWith("page=") && !url.query().contains('&'),
                         qPrintable(next));
                QCOMPARE(url.path(), QStringLiteral("/1/aspects"));
            }
            ++pages;
        }
        QStringList expected = all;
        if (!filter.isEmpty()) // ids were reversed: odd positions from the end are even i
            expected = QStringList{all[0], all[2], all[4], all[6], all[8], all[10], all[12]};
        QCOMPARE(seen, expected);
        QCOMPARE(pages, filter.isEmpty() ? 3 : 2);
    }
}

void TestSandbox48Aspects::update()
{
    const QString entity = uniqueUrn("service");
    const QString schema = QStringLiteral("urn:ivcap:schema.service.2");
    // No active record: PUT creates one.
    const ApiReply first = write(*m_api, "PUT", entity, schema, R"({"name":"v1"})");
    VERIFY_ANSWER48(first, 200, "AspectIDRT");
    const QString v1 = first.json().value("id").toString();
    // One active record: retracted and replaced.
    const ApiReply second = write(*m_api, "PUT", entity, schema, R"({"name":"v2"})");
    VERIFY_ANSWER48(second, 200, "AspectIDRT");
    const QString v2 = second.json().value("id").toString();
    QVERIFY(v2 != v1);
    const ApiReply old = m_api->get(QStringLiteral("/1/aspects/") + v1);
    VERIFY_ANSWER48(old, 200, "AspectRT");
    QVERIFY(old.json().contains("valid-to"));
    QVERIFY(old.json().contains("retracter"));
    const ApiReply now = m_api->get(QStringLiteral("/1/aspects/") + v2);
    VERIFY_ANSWER48(now, 200, "AspectRT");
    QCOMPARE(now.json().value("replaces").toString(), v1);
    QCOMPARE(dig(now.json(), "content.name").toString(), QStringLiteral("v2"));
    QCOMPARE(ids(list(QStringLiteral("entity=") + SandboxApi::enc(entity))), QStringList{v2});

    // Two active records: 424 not-unique, nothing changes.
    const QString extra = create(*m_api, entity, schema, R"({"name":"other"})");
    QVERIFY(!extra.isEmpty());
    const ApiReply ambiguous = write(*m_api, "PUT", entity, schema, R"({"name":"v3"})");
    VERIFY_ANSWER48(ambiguous, 424, "NotUniqueResourceT");
    QCOMPARE(ambiguous.header("goa-error"), QByteArray("not-unique"));
    QCOMPARE(ids(list(QStringLiteral("entity=") + SandboxApi::enc(entity))).size(), 2);
}

void TestSandbox48Aspects::retract()
{
    const QString entity = uniqueUrn("artifact");
    const QString id = create(*m_api, entity, "urn:xtest:schema:gone.1", R"({"a":1})");
    QVERIFY(!id.isEmpty());
    const QString before =
        dig(m_api->get(QStringLiteral("/1/aspects/") + id).json(), "valid-from").toString();
    // The retraction must fall in a later millisecond than the creation (valid-to > valid-from).
    const QDateTime created = QDateTime::fromString(before, Qt::ISODateWithMs);
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > created);
    const ApiReply gone = m_api->del(QStringLiteral("/1/aspects/") + SandboxApi::enc(id));
    QCOMPARE(gone.status, 204);
    QVERIFY(gone.body.isEmpty());

    const ApiReply read = m_api->get(QStringLiteral("/1/aspects/") + id);
    VERIFY_ANSWER48(read, 200, "AspectRT");
    QVERIFY(read.json().contains("valid-to"));
    QVERIFY(!read.json().value("retracter").toString().isEmpty());
    const QString scope = QStringLiteral("entity=") + SandboxApi::enc(entity);
    QCOMPARE(ids(list(scope)), QStringList{});
    // Still there for a time before the retraction, with its valid-to.
    const ApiReply past = list(scope + QStringLiteral("&at-time=") + SandboxApi::enc(before));
    VERIFY_ANSWER48(past, 200, "AspectListRT");
    QCOMPARE(ids(past), QStringList{id});
    QVERIFY(dig(past.json(), "items.0").toObject().contains("valid-to"));

    // A second retraction is refused; an unknown id is not found.
    const ApiReply again = m_api->del(QStringLiteral("/1/aspects/") + id);
    VERIFY_ANSWER48(again, 422, "InvalidParameterT");
    const ApiReply unknown = m_api->del(QStringLiteral("/1/aspects/") + uniqueUrn("aspect"));
    VERIFY_ANSWER48(unknown, 404, "ResourceNotFoundT");
}

void TestSandbox48Aspects::badInput_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("schema");
    const QString ok = QStringLiteral("/1/aspects?entity=urn%3Ax%3A1&schema=urn%3Ax%3As.1");
    const QByteArray json = "application/json";
    QTest::newRow("missing entity") << QByteArray("POST") << "/1/aspects?schema=urn%3Ax%3As.1"
                                    << QByteArray("{}") << json << 400 << "BadRequestT";
    QTest::newRow("missing schema") << QByteArray("POST") << "/1/aspects?entity=urn%3Ax%3A1"
                                    << QByteArray("{}") << json << 400 << "BadRequestT";
    QTest::newRow("put missing entity") << QByteArray("PUT") << "/1/aspects?schema=urn%3Ax%3As.1"
                                        << QByteArray("{}") << json << 400 << "BadRequestT";
    QTest::newRow("entity not a uri")
        << QByteArray("POST") << "/1/aspects?entity=plain&schema=urn%3Ax%3As.1" << QByteArray("{}")
        << json << 400 << "BadRequestT";
    QTest::newRow("not json") << QByteArray("POST") << ok << QByteArray("{\"a\":") << json << 400
                              << "BadRequestT";
    QTest::newRow("empty body") << QByteArray("POST") << ok << QByteArray() << json << 400
                                << "BadRequestT";
    QTest::newRow("not an object")
        << QByteArray("POST") << ok << QByteArray("[1]") << json << 400 << "BadRequestT";
    QTest::newRow("two values") << QByteArray("POST") << ok << QByteArray("{} {}") << json << 400
                                << "BadRequestT";
    QTest::newRow("wrong type") << QByteArray("POST") << ok << QByteArray("{}")
                                << QByteArray("text/plain") << 415 << "UnsupportedContentTypeT";
    QTest::newRow("no type") << QByteArray("PUT") << ok << QByteArray("{}") << QByteArray() << 415
                             << "UnsupportedContentTypeT";
    QTest::newRow("unknown id") << QByteArray("GET") << "/1/aspects/" + uniqueUrn("aspect")
                                << QByteArray() << QByteArray() << 404 << "ResourceNotFoundT";
    QTest::newRow("malformed id") << QByteArray("GET") << "/1/aspects/not-an-id" << QByteArray()
                                  << QByteArray() << 404 << "ResourceNotFoundT";
    QTest::newRow("limit 0") << QByteArray("GET") << "/1/aspects?limit=0" << QByteArray()
                             << QByteArray() << 400 << "BadRequestT";
    QTest::newRow("limit 51") << QByteArray("GET") << "/1/aspects?limit=51" << QByteArray()
                              << QByteArray() << 400 << "BadRequestT";
    QTest::newRow("bad at-time") << QByteArray("GET") << "/1/aspects?at-time=yesterday"
                                 << QByteArray() << QByteArray() << 400 << "BadRequestT";
    QTest::newRow("bad include-content") << QByteArray("GET") << "/1/aspects?include-content=yes"
                                         << QByteArray() << QByteArray() << 400 << "BadRequestT";
    QTest::newRow("bad page") << QByteArray("GET") << "/1/aspects?page=%25%25" << QByteArray()
                              << QByteArray() << 400 << "BadRequestT";
    QTest::newRow("bad filter") << QByteArray("GET") << "/1/aspects?filter=%28%28" << QByteArray()
                                << QByteArray() << 422 << "InvalidParameterT";
    QTest::newRow("deep path") << QByteArray("GET")
                               << "/1/aspects?content-path=" +
                                      SandboxApi::enc("$" + QString("? (@").repeated(50))
                               << QByteArray() << QByteArray() << 422 << "InvalidParameterT";
}

void TestSandbox48Aspects::badInput()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, schema);
    HeaderList headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const ApiReply reply = m_api->send(verb, target, body, headers);
    QVERIFY2(reply.status == status, qPrintable(reply.describe()));
    QVERIFY2(!reply.header("goa-error").isEmpty(), qPrintable(reply.describe()));
    const QString error =
        SchemaValidator::instance(QStringLiteral("0.48")).validate(reply.json(), schema);
    QVERIFY2(error.isEmpty(), qPrintable(error + reply.describe()));
}

QTEST_GUILESS_MAIN(TestSandbox48Aspects)
#include "tst_sandbox48_aspects.moc"
