// The event stream of v0.48 jobs (GET …/jobs/{id}/events, Server-Sent Events): every status
// change and progress step in order, resume with Last-Event-Id, the stream's limits, and jobs
// that outlive a crash of the sandbox. Event data is checked against the document's JobEvent.

#include "sandbox48support.h"
#include "sandboxapi.h"

#include <QTest>

using namespace sandbox48;

class TestSandbox48JobEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eventStream();
    void eventStreamResumesAndLimits();
    void streamEndsWhenNothingComes();
    void jobsSurviveACrash();

private:
    QString createJob(const QString &serviceId, const QJsonObject &request);
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandbox48JobEvents::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{}, QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

QString TestSandbox48JobEvents::createJob(const QString &serviceId, const QJsonObject &request)
{
    const ApiReply reply = m_api->send("POST", jobsPath(serviceId), QJsonDocument(request).toJson(),
                                       {{"Content-Type", "application/json"}, {"Timeout", "0"}});
    return reply.status == 202 ? reply.json().value("job-id").toString() : QString();
}

void TestSandbox48JobEvents::eventStream()
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

void TestSandbox48JobEvents::eventStreamResumesAndLimits()
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

void TestSandbox48JobEvents::streamEndsWhenNothingComes()
{
    // Bushfire Spread Simulation runs for 6 s; a stream that may wait 0 s ends at once.
    const QString jobId = createJob(kBushfire, example(kBushfire));
    const ApiReply stream =
        m_api->get(jobsPath(kBushfire) + "/" + jobId + "/events?max-wait-time=0");
    QCOMPARE(stream.status, 200);
    const QList<SseEvent> events = parseSse(stream.body);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first().data.value("data").toObject().value("status").toString(),
             QStringLiteral("pending"));
    for (const SseEvent &event : events)
        QVERIFY(event.data.value("data").toObject().value("status").toString() !=
                QLatin1String("succeeded"));
}

void TestSandbox48JobEvents::jobsSurviveACrash()
{
    SandboxProcess sandbox({}, QStringLiteral("0.48"));
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SandboxApi api(&sandbox);
    const ApiReply created =
        api.send("POST", jobsPath(kBushfire), QJsonDocument(example(kBushfire)).toJson(),
                 {{"Content-Type", "application/json"}, {"Timeout", "0"}});
    QCOMPARE(created.status, 202);
    const QString jobId = created.json().value("job-id").toString();
    QVERIFY2(sandbox.restart(true), qPrintable(sandbox.errorString()));
    const QJsonObject done = waitForTerminalJob(api, kBushfire, jobId);
    QCOMPARE(done.value("status").toString(), QStringLiteral("succeeded"));
    const ApiReply stream = api.get(jobsPath(kBushfire) + "/" + jobId + "/events");
    QStringList statuses;
    for (const SseEvent &event : parseSse(stream.body)) {
        const QString status = event.data.value("data").toObject().value("status").toString();
        if (!status.isEmpty())
            statuses << status;
    }
    QCOMPARE(statuses.first(), QStringLiteral("pending"));
    QCOMPARE(statuses.last(), QStringLiteral("succeeded"));
}

QTEST_GUILESS_MAIN(TestSandbox48JobEvents)
#include "tst_sandbox48_jobevents.moc"
