// Jobs on a v0.48 sandbox: create (Timeout semantics, request validation), list, read, output
// and the event stream, the runner over the demo catalogue, and the job aspect "all my jobs" is
// listed from. Every JSON answer is checked against ivcap-openapi-0.48.json.

#include "sandboxapi.h"

#include <QFile>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

namespace {
const QString kGradient = QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");
const QString kSoilCarbon =
    QStringLiteral("urn:ivcap:service:eec45123-e10b-4e59-bbce-443d4c77a4b6");
const QString kBushfire = QStringLiteral("urn:ivcap:service:b324dc4d-5b79-4ade-a9ac-8605605b6227");

QJsonArray catalogue()
{
    QFile file(
        QStringLiteral(IVCAP_TEST_DATA_DIR "/../../resources/sandbox/demo-services-0.48.json"));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object().value("services").toArray();
}

QJsonObject entry(const QString &id)
{
    for (const QJsonValue &value : catalogue()) {
        if (value.toObject().value("id").toString() == id)
            return value.toObject();
    }
    return {};
}

QJsonObject example(const QString &id)
{
    return entry(id).value("sandbox").toObject().value("example-request").toObject();
}

QString jobsPath(const QString &serviceId)
{
    return QStringLiteral("/1/services2/") + serviceId + QStringLiteral("/jobs");
}

struct SseEvent
{
    qint64 id = 0;
    QString type;
    QJsonObject data;
};

QList<SseEvent> parseSse(const QByteArray &body)
{
    QList<SseEvent> events;
    const QStringList blocks =
        QString::fromUtf8(body).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
    for (const QString &block : blocks) {
        SseEvent event;
        for (const QString &line : block.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("id: ")))
                event.id = line.mid(4).toLongLong();
            else if (line.startsWith(QLatin1String("event: ")))
                event.type = line.mid(7);
            else if (line.startsWith(QLatin1String("data: ")))
                event.data = QJsonDocument::fromJson(line.mid(6).toUtf8()).object();
        }
        events.append(event);
    }
    return events;
}
} // namespace

class TestSandbox48Jobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createWithTimeoutZero();
    void createWaitsForTheResult();
    void createAnswers202WhenTheWaitRunsOut();
    void waitingDoesNotBlockTheServer();
    void everyCatalogueExampleSucceeds();
    void toleratesNullsAndDecimalMultiples();
    void invalidRequests_data();
    void invalidRequests();
    void failAndError_data();
    void failAndError();
    void readOptions();
    void outputBeforeTheEnd();
    void listJobsOfAService();
    void eventStream();
    void eventStreamResumesAndLimits();
    void jobAspectFollowsTheJob();

private:
    QString createJob(const QString &serviceId, const QJsonObject &request);
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandbox48Jobs::initTestCase()
{
    QVERIFY(catalogue().size() >= 30);
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{}, QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

QString TestSandbox48Jobs::createJob(const QString &serviceId, const QJsonObject &request)
{
    const ApiReply reply = m_api->send("POST", jobsPath(serviceId), QJsonDocument(request).toJson(),
                                       {{"Content-Type", "application/json"}, {"Timeout", "0"}});
    if (reply.status != 202)
        qWarning("%s", qPrintable(reply.describe()));
    return reply.json().value("job-id").toString();
}

void TestSandbox48Jobs::createWithTimeoutZero()
{
    // The raw colons are how ivcap_client sends job-create; members in the SDK's order (the
    // image shows the first string after $schema).
    const QByteArray request = "{\"$schema\": \"urn:sd:schema:gradient-text-image.request.1\", "
                               "\"msg\": \"Hello IVCAP\", \"from_colour\": \"#1f4e79\", "
                               "\"to_colour\": null, \"width\": 640, \"height\": 360}";
    const ApiReply reply = m_api->send("POST", jobsPath(kGradient), request,
                                       {{"Content-Type", "application/json"}, {"Timeout", "0"}});
    QCOMPARE(reply.status, 202);
    VERIFY_SCHEMA48(reply, "JobRetryLaterT");
    const QString jobId = reply.json().value("job-id").toString();
    QVERIFY(jobId.startsWith(QLatin1String("urn:ivcap:job:")));
    QVERIFY(reply.json().value("retry-later").toInt() >= 1);
    const QString location = reply.json().value("location").toString();
    QCOMPARE(location, m_sandbox->url().toString() + jobsPath(kGradient) + "/" + jobId);

    const ApiReply status = m_api->get(location);
    QCOMPARE(status.status, 200);
    VERIFY_SCHEMA48(status, "JobStatusRT");
    QVERIFY(QStringList({"pending", "scheduled", "executing"})
                .contains(status.json().value("status").toString()));

    const QJsonObject done = waitForTerminalJob(*m_api, kGradient, jobId);
    QCOMPARE(done.value("status").toString(), QStringLiteral("succeeded"));
    QCOMPARE(SchemaValidator::instance("0.48").validate(done, "JobStatusRT"), QString());
    const QJsonObject result = done.value("result-content").toObject();
    QCOMPARE(result.value("$schema").toString(),
             entry(kGradient).value("sandbox").toObject().value("result-schema").toString());
    QCOMPARE(result.value("request").toObject().value("msg").toString(),
             QStringLiteral("Hello IVCAP"));
    QVERIFY(!result.value("request").toObject().contains("to_colour"));
    const QJsonArray products = done.value("products").toObject().value("items").toArray();
    QCOMPARE(products.size(), 1);
    const QJsonObject image = products.first().toObject();
    QCOMPARE(image.value("mime-type").toString(), QStringLiteral("image/svg+xml"));
    const ApiReply svg = m_api->get(image.value("data-href").toString());
    QCOMPARE(svg.status, 200);
    QVERIFY2(svg.body.contains(">Hello IVCAP</text>"), svg.body.constData());
    for (const char *key : {"requested-at", "started-at", "finished-at"})
        QVERIFY2(done.contains(QLatin1String(key)), key);
}

void TestSandbox48Jobs::createWaitsForTheResult()
{
    const ApiReply reply =
        m_api->send("POST", QStringLiteral("/1/services2/") + SandboxApi::enc(kGradient) + "/jobs",
                    QJsonDocument(example(kGradient)).toJson(),
                    {{"Content-Type", "application/json"}, {"Timeout", "25"}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("content-type").startsWith("application/json"));
    const QByteArray jobId = reply.header("ivcap-job-id");
    QVERIFY(jobId.startsWith("urn:ivcap:job:"));
    QCOMPARE(reply.header("ivcap-job-url"),
             (m_sandbox->url().toString() + jobsPath(kGradient) + "/" + jobId).toUtf8());
    QVERIFY(reply.header("ivcap-order-id").startsWith("urn:ivcap:order:"));
    QCOMPARE(reply.json().value("request").toObject(), example(kGradient));
    // The same result through …/output.
    const ApiReply output =
        m_api->get(jobsPath(kGradient) + "/" + QString::fromUtf8(jobId) + "/output");
    QCOMPARE(output.status, 200);
    QCOMPARE(output.body, reply.body);
    QCOMPARE(output.header("ivcap-job-id"), jobId);
}

void TestSandbox48Jobs::createAnswers202WhenTheWaitRunsOut()
{
    // Bushfire Spread Simulation runs for 6 s.
    const ApiReply reply =
        m_api->send("POST", jobsPath(kBushfire), QJsonDocument(example(kBushfire)).toJson(),
                    {{"Content-Type", "application/json"}, {"Timeout", "1"}});
    QCOMPARE(reply.status, 202);
    VERIFY_SCHEMA48(reply, "JobRetryLaterT");
    const QString jobId = reply.json().value("job-id").toString();
    const ApiReply status = m_api->get(jobsPath(kBushfire) + "/" + jobId);
    QVERIFY(!QStringList({"succeeded", "failed", "error"})
                 .contains(status.json().value("status").toString()));
}

void TestSandbox48Jobs::waitingDoesNotBlockTheServer()
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_api->url(jobsPath(kBushfire)));
    request.setRawHeader("Authorization", "Bearer " + m_sandbox->token().toUtf8());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Timeout", "30");
    QNetworkReply *waiting = network.post(request, QJsonDocument(example(kBushfire)).toJson());
    QSignalSpy waited(waiting, &QNetworkReply::finished);
    // While the job-create waits, other requests are answered.
    const ApiReply list = m_api->get(QStringLiteral("/1/services2?limit=1"));
    QCOMPARE(list.status, 200);
    QCOMPARE(waited.count(), 0);
    QVERIFY(waited.wait(30000));
    QCOMPARE(waiting->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(waiting->rawHeader("IVCAP-Job-Id").startsWith("urn:ivcap:job:"));
    waiting->deleteLater();
}

void TestSandbox48Jobs::everyCatalogueExampleSucceeds()
{
    QHash<QString, QString> jobs; // job -> service
    for (const QJsonValue &value : catalogue()) {
        const QString serviceId = value.toObject().value("id").toString();
        const QString jobId = createJob(serviceId, example(serviceId));
        QVERIFY2(!jobId.isEmpty(), qPrintable(serviceId));
        jobs.insert(jobId, serviceId);
    }
    for (auto it = jobs.cbegin(); it != jobs.cend(); ++it) {
        const QJsonObject done = waitForTerminalJob(*m_api, it.value(), it.key());
        QVERIFY2(done.value("status").toString() == QLatin1String("succeeded"),
                 qPrintable(it.value() + QLatin1Char(' ') +
                            QJsonDocument(done).toJson(QJsonDocument::Compact)));
        const QJsonObject sandbox = entry(it.value()).value("sandbox").toObject();
        QCOMPARE(done.value("products").toObject().value("items").toArray().size(),
                 sandbox.value("products").toArray().size());
        if (sandbox.value("result").toString() == QLatin1String("sum"))
            QVERIFY(done.value("result-content").toObject().contains("sum"));
        if (sandbox.value("result").toString() == QLatin1String("text-stats"))
            QVERIFY(done.value("result-content").toObject().contains("stats"));
    }
}

void TestSandbox48Jobs::toleratesNullsAndDecimalMultiples()
{
    QJsonObject request = example(kGradient);
    request.insert("to_colour", QJsonValue::Null);
    request.insert("background", QJsonValue::Null);
    QVERIFY(!createJob(kGradient, request).isEmpty());
    // 19.99 is a multiple of 0.01 for pydantic, though not in binary floating point.
    QJsonObject soil = example(kSoilCarbon);
    soil.insert("price_per_tonne", 19.99);
    const QString jobId = createJob(kSoilCarbon, soil);
    QVERIFY(!jobId.isEmpty());
    const QJsonObject done = waitForTerminalJob(*m_api, kSoilCarbon, jobId);
    QCOMPARE(done.value("status").toString(), QStringLiteral("succeeded"));
    QVERIFY(!QJsonDocument(done).toJson().contains("null"));
}

void TestSandbox48Jobs::invalidRequests_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("timeout");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    const auto changed = [](const char *key, const QJsonValue &value) {
        QJsonObject request = example(kGradient);
        if (value.isUndefined())
            request.remove(QLatin1String(key));
        else
            request.insert(QLatin1String(key), value);
        return QJsonDocument(request).toJson();
    };
    const QByteArray good = QJsonDocument(example(kGradient)).toJson();
    QTest::newRow("wrong type") << kGradient << changed("msg", 5) << QByteArray("0") << 422
                                << "msg";
    QTest::newRow("missing required")
        << kGradient << changed("msg", QJsonValue::Undefined) << QByteArray("0") << 422 << "";
    QTest::newRow("pattern") << kGradient << changed("from_colour", "blue") << QByteArray("0")
                             << 422 << "from_colour";
    QTest::newRow("bound") << kGradient << changed("width", 1) << QByteArray("0") << 422 << "width";
    QTest::newRow("multipleOf") << kGradient << changed("width", 643) << QByteArray("0") << 422
                                << "width";
    QTest::newRow("wrong $schema")
        << kGradient << changed("$schema", "urn:x") << QByteArray("0") << 422 << "$schema";
    QTest::newRow("not JSON") << kGradient << QByteArray("{\"msg\":") << QByteArray("0") << 400
                              << "";
    QTest::newRow("deeply nested")
        << kGradient << QByteArray(100000, '[') << QByteArray("0") << 400 << "";
    QTest::newRow("unknown service")
        << QStringLiteral("urn:ivcap:service:00000000-0000-0000-0000-000000000000") << good
        << QByteArray("0") << 404 << "";
    QTest::newRow("Timeout not a number") << kGradient << good << QByteArray("soon") << 400 << "";
    QTest::newRow("Timeout negative") << kGradient << good << QByteArray("-1") << 400 << "";
}

void TestSandbox48Jobs::invalidRequests()
{
    QFETCH(QString, service);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, timeout);
    QFETCH(int, status);
    QFETCH(QString, name);
    const int before =
        m_api->get(jobsPath(service) + "?limit=50").json().value("items").toArray().size();
    const ApiReply reply =
        m_api->send("POST", jobsPath(service), body,
                    {{"Content-Type", "application/json"}, {"Timeout", timeout}});
    VERIFY_ERROR(reply, status);
    if (status == 422) {
        VERIFY_SCHEMA48(reply, "InvalidParameterT");
        if (!name.isEmpty())
            QCOMPARE(reply.json().value("name").toString(), name);
    } else if (status == 404) {
        VERIFY_SCHEMA48(reply, "ResourceNotFoundT");
    } else {
        VERIFY_SCHEMA48(reply, "BadRequestT");
    }
    // Nothing was created.
    QCOMPARE(m_api->get(jobsPath(service) + "?limit=50").json().value("items").toArray().size(),
             before);
}

void TestSandbox48Jobs::failAndError_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("outputStatus");
    QTest::addColumn<QByteArray>("goaError");
    QTest::newRow("fail") << "fail"
                          << "failed" << 400 << QByteArray("job-request-error");
    QTest::newRow("error") << "error"
                           << "error" << 500 << QByteArray("job-internal-error");
}

void TestSandbox48Jobs::failAndError()
{
    QFETCH(QString, word);
    QFETCH(QString, status);
    QFETCH(int, outputStatus);
    QFETCH(QByteArray, goaError);
    QJsonObject request = example(kGradient);
    request.insert("msg", word);
    const QString jobId = createJob(kGradient, request);
    const QJsonObject done = waitForTerminalJob(*m_api, kGradient, jobId);
    QCOMPARE(done.value("status").toString(), status);
    QVERIFY(!done.value("error-message").toString().isEmpty());
    QVERIFY(!done.contains("result-content"));
    QVERIFY(done.value("products").toObject().value("items").toArray().isEmpty());
    const ApiReply output = m_api->get(jobsPath(kGradient) + "/" + jobId + "/output");
    VERIFY_ERROR(output, outputStatus);
    QCOMPARE(output.header("goa-error"), goaError);
    VERIFY_SCHEMA48(output, "JobInternalErrorT");
}

void TestSandbox48Jobs::readOptions()
{
    QJsonObject request = example(kGradient);
    request.insert("to_colour", QJsonValue::Null);
    const QString jobId = createJob(kGradient, request);
    QVERIFY(waitForTerminalJob(*m_api, kGradient, jobId).value("status").toString() ==
            QLatin1String("succeeded"));
    const QString target = QStringLiteral("/1/services2/") + SandboxApi::enc(kGradient) + "/jobs/" +
                           SandboxApi::enc(jobId);
    const ApiReply plain = m_api->get(target);
    VERIFY_SCHEMA48(plain, "JobStatusRT");
    QVERIFY(!plain.json().contains("request-content"));
    QVERIFY(plain.json().contains("result-content"));
    const ApiReply both =
        m_api->get(target + "?with-request-content=true&with-result-content=false");
    QCOMPARE(both.status, 200);
    VERIFY_SCHEMA48(both, "JobStatusRT");
    QJsonObject echoed = request;
    echoed.remove("to_colour"); // answers carry no null
    QCOMPARE(both.json().value("request-content").toObject(), echoed);
    QVERIFY(!both.json().contains("result-content"));
    QCOMPARE(both.json().value("result-content-type").toString(),
             QStringLiteral("application/json"));
    const ApiReply bad = m_api->get(target + "?with-result-content=maybe");
    VERIFY_ERROR(bad, 400);
    VERIFY_SCHEMA48(bad, "BadRequestT");
    // A job of another service is not found under this one.
    VERIFY_ERROR(m_api->get(jobsPath(kBushfire) + "/" + jobId), 404);
    VERIFY_ERROR(
        m_api->get(jobsPath(kGradient) + "/urn:ivcap:job:00000000-0000-0000-0000-000000000000"),
        404);
}

void TestSandbox48Jobs::outputBeforeTheEnd()
{
    const QString jobId = createJob(kBushfire, example(kBushfire));
    const ApiReply output = m_api->get(jobsPath(kBushfire) + "/" + jobId + "/output");
    QCOMPARE(output.status, 204);
    QVERIFY(output.body.isEmpty());
    QCOMPARE(output.header("ivcap-job-id"), jobId.toUtf8());
}

void TestSandbox48Jobs::listJobsOfAService()
{
    const QString a = createJob(kGradient, example(kGradient));
    const QString b = createJob(kGradient, example(kGradient));
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll48(jobsPath(kGradient) + "?limit=1",
                                 QStringLiteral("services2/") + kGradient + "/jobs",
                                 QStringLiteral("JobListRT"), &items, &pages, &error),
             qPrintable(error));
    QCOMPARE(pages, items.size());
    // Newest first: order-desc defaults to true.
    QCOMPARE(items.at(0).toObject().value("id").toString(), b);
    QCOMPARE(items.at(1).toObject().value("id").toString(), a);
    for (const QJsonValue &item : items) {
        QCOMPARE(item.toObject().value("service").toString(), kGradient);
        QVERIFY(item.toObject().value("order").toString().startsWith("urn:ivcap:order:"));
    }
    const ApiReply none =
        m_api->get(jobsPath(kSoilCarbon) + "?filter=" + SandboxApi::enc("name = 'nothing'"));
    QCOMPARE(none.status, 200);
    VERIFY_SCHEMA48(none, "JobListRT");
    QVERIFY(none.json().value("items").toArray().isEmpty());
}

void TestSandbox48Jobs::eventStream()
{
    const QString jobId = createJob(kGradient, example(kGradient));
    // The stream ends by itself once the job has ended.
    const ApiReply stream = m_api->get(jobsPath(kGradient) + "/" + jobId + "/events");
    QCOMPARE(stream.status, 200);
    QVERIFY(stream.header("content-type").startsWith("text/event-stream"));
    const QList<SseEvent> events = parseSse(stream.body);
    QStringList statuses;
    QStringList steps;
    qint64 previous = 0;
    for (const SseEvent &event : events) {
        QVERIFY(event.id > previous);
        previous = event.id;
        QCOMPARE(SchemaValidator::instance("0.48").validate(event.data, "JobEvent"), QString());
        QCOMPARE(event.data.value("SeqID").toString(), QString::number(event.id));
        QCOMPARE(event.data.value("type").toString(), event.type);
        const QJsonObject data = event.data.value("data").toObject();
        if (event.type == QLatin1String("ivcap.job.status"))
            statuses << data.value("status").toString();
        else
            steps << data.value("type").toString() + ' ' + data.value("stepName").toString();
    }
    QCOMPARE(statuses, QStringList({"pending", "scheduled", "executing", "succeeded"}));
    const QJsonArray expected =
        entry(kGradient).value("sandbox").toObject().value("steps").toArray();
    QCOMPARE(steps.size(), expected.size() * 2);
    QCOMPARE(steps.first(), "STEP_STARTED " + expected.first().toString());
}

void TestSandbox48Jobs::eventStreamResumesAndLimits()
{
    const QString jobId = createJob(kGradient, example(kGradient));
    const QString path = jobsPath(kGradient) + "/" + jobId + "/events";
    const ApiReply two = m_api->get(path + "?max-messages=2");
    QCOMPARE(two.status, 200);
    const QList<SseEvent> first = parseSse(two.body);
    QCOMPARE(first.size(), 2);
    const ApiReply rest =
        m_api->send("GET", path, {}, {{"Last-Event-Id", QByteArray::number(first.last().id)}});
    QCOMPARE(rest.status, 200);
    const QList<SseEvent> later = parseSse(rest.body);
    QVERIFY(!later.isEmpty());
    QVERIFY(later.first().id > first.last().id);
    QCOMPARE(later.last().data.value("data").toObject().value("status").toString(),
             QStringLiteral("succeeded"));
    // Nothing after the last event of a finished job.
    const ApiReply after =
        m_api->send("GET", path, {}, {{"Last-Event-Id", QByteArray::number(later.last().id)}});
    QCOMPARE(after.status, 204);
    const ApiReply badWait = m_api->get(path + "?max-wait-time=soon");
    VERIFY_ERROR(badWait, 422);
    VERIFY_SCHEMA48(badWait, "InvalidParameterT");
    VERIFY_ERROR(m_api->get(jobsPath(kGradient) +
                            "/urn:ivcap:job:00000000-0000-0000-0000-000000000000/events"),
                 404);
}

void TestSandbox48Jobs::jobAspectFollowsTheJob()
{
    const QString jobId = createJob(kGradient, example(kGradient));
    QCOMPARE(waitForTerminalJob(*m_api, kGradient, jobId).value("status").toString(),
             QStringLiteral("succeeded"));
    // Read the store directly: /1/aspects is served by its own routes.
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(m_sandbox->dataDir() + QStringLiteral("/sandbox.sqlite"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(
            query.exec(QStringLiteral("SELECT content, valid_to FROM aspects WHERE entity = '%1' "
                                      "AND schema = 'urn:ivcap:schema:job.2' ORDER BY rowid")
                           .arg(jobId)));
        QStringList statuses;
        int active = 0;
        QJsonObject last;
        while (query.next()) {
            last = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
            statuses << last.value("status").toString();
            active += query.value(1).isNull() ? 1 : 0;
        }
        QCOMPARE(statuses, QStringList({"pending", "scheduled", "executing", "succeeded"}));
        QCOMPARE(active, 1);
        QCOMPARE(last.value("id").toString(), jobId);
        QCOMPARE(last.value("service-id").toString(), kGradient);
        QCOMPARE(last.value("service-name").toString(), QStringLiteral("Gradient Text Image"));
        QVERIFY(last.contains("requested-at") && last.contains("finished-at"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

QTEST_GUILESS_MAIN(TestSandbox48Jobs)
#include "tst_sandbox48_jobs.moc"
