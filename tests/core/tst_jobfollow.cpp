// Following a job when its deployment misbehaves: an event that is not JSON, a stream that
// keeps breaking, a deployment without streams, a job that never ends. Each gives one clear
// error and the rest goes on. A scripted server answers by path.
#include "api/connection.h"
#include "models/jobdetails.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace ivcap;
using test::httpResponse;

namespace {
const QString service = QStringLiteral("urn:ivcap:service:1");
const QString job = QStringLiteral("urn:ivcap:job:2");

QByteArray jobBody(const char *status)
{
    return QByteArray("{\"id\":\"urn:ivcap:job:2\",\"status\":\"") + status +
           "\",\"service\":\"urn:ivcap:service:1\",\"products\":{\"items\":[],\"links\":[]}}";
}

void answerJson(QTcpSocket *s, const QByteArray &body)
{
    s->write(httpResponse("200 OK", "Content-Type: application/json\r\n", body));
}

void answerStream(QTcpSocket *s, const QByteArray &events)
{
    s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" +
             events);
    s->disconnectFromHost();
}

struct Deployment
{
    test::ScriptedServer server;
    int jobReads = 0;
    int streams = 0;
    // What the job read answers and what an events request gets, by count.
    std::function<QByteArray(int read)> jobStatus;
    std::function<void(QTcpSocket *, int stream)> events;

    Deployment()
    {
        server.fallback = [this](QTcpSocket *s) {
            const QByteArray line = server.requests.last().left(200);
            if (line.contains("/events")) {
                events(s, ++streams);
            } else {
                answerJson(s, jobBody(jobStatus(++jobReads).constData()));
            }
        };
    }
};
} // namespace

class TestJobFollow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventThatIsNotJsonIsReportedOnce()
    {
        Deployment d;
        d.jobStatus = [](int read) { return read == 1 ? "executing" : "succeeded"; };
        d.events = [](QTcpSocket *s, int) {
            answerStream(
                s, ": hello\n\ndata: not json\n\ndata: [1]\n\nid: 1\nevent: ivcap.job.status\n"
                   "data: {\"Data\":{\"status\":\"succeeded\"}}\n\n");
        };
        Connection c(d.server.url(), QStringLiteral("t"));
        c.setApiVersion(QStringLiteral("0.48"));
        JobDetails details(&c, service, job);
        details.setPollIntervals(10, 50);
        QSignalSpy ended(&details, &JobDetails::terminalReached);
        QSignalSpy errors(&details, &EntityDetails::errorOccurred);
        QSignalSpy events(&details, &JobDetails::eventReceived);
        details.follow();
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().first().toString(), QStringLiteral("succeeded"));
        QCOMPARE(events.size(), 1);
        QCOMPARE(errors.size(), 1); // two bad events, one error
        const ApiError error = errors.first().first().value<ApiError>();
        QCOMPARE(error.kind, ApiError::Kind::MalformedResponse);
        QVERIFY2(error.message.contains(QLatin1String("not a JSON object")),
                 qPrintable(error.message));
        QVERIFY(!details.isFollowing());
    }

    void brokenStreamFallsBackToPolling()
    {
        Deployment d;
        d.jobStatus = [](int read) { return read < 5 ? "executing" : "failed"; };
        d.events = [](QTcpSocket *s, int) {
            s->write(httpResponse("500 Internal Server Error", "Content-Type: application/json\r\n",
                                  "{\"message\":\"boom\"}"));
        };
        Connection c(d.server.url(), QStringLiteral("t"));
        c.setApiVersion(QStringLiteral("0.48"));
        JobDetails details(&c, service, job);
        details.setPollIntervals(10, 50);
        QSignalSpy ended(&details, &JobDetails::terminalReached);
        QSignalSpy errors(&details, &EntityDetails::errorOccurred);
        details.follow();
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().first().toString(), QStringLiteral("failed"));
        QVERIFY(details.isPolling());
        QCOMPARE(d.streams, 3);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(
            errors.first().first().value<ApiError>().message.contains(QLatin1String("broke off")),
            qPrintable(errors.first().first().value<ApiError>().message));
    }

    void jobThatNeverEndsIsGivenUp()
    {
        Deployment d;
        d.jobStatus = [](int) { return "executing"; };
        d.events = [](QTcpSocket *s, int) {
            s->write(httpResponse("404 Not Found", "Content-Type: application/json\r\n",
                                  "{\"message\":\"no events here\"}"));
        };
        Connection c(d.server.url(), QStringLiteral("t"));
        c.setApiVersion(QStringLiteral("0.48"));
        JobDetails details(&c, service, job);
        details.setPollIntervals(10, 40);
        details.setGiveUpAfter(1000);
        QSignalSpy ended(&details, &JobDetails::terminalReached);
        QSignalSpy errors(&details, &EntityDetails::errorOccurred);
        details.follow();
        QTRY_VERIFY_WITH_TIMEOUT(!details.isFollowing(), 10000);
        QVERIFY(details.isPolling()); // no stream: polled
        QCOMPARE(ended.size(), 0);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(
            errors.first().first().value<ApiError>().message.contains(QLatin1String("did not end")),
            qPrintable(errors.first().first().value<ApiError>().message));
        const int reads = d.jobReads;
        QTest::qWait(100); // nothing more is asked once following stopped
        QCOMPARE(d.jobReads, reads);
    }

    void reconnectsWithTheLastEventId()
    {
        Deployment d;
        d.jobStatus = [](int read) { return read < 3 ? "executing" : "succeeded"; };
        d.events = [](QTcpSocket *s, int stream) {
            if (stream == 1)
                answerStream(s, "id: 41\ndata: {\"type\":\"ivcap.job.event\",\"data\":{}}\n\n");
            else
                answerStream(s, "id: 42\ndata: {\"type\":\"ivcap.job.status\","
                                "\"data\":{\"status\":\"succeeded\"}}\n\n");
        };
        Connection c(d.server.url(), QStringLiteral("t"));
        c.setApiVersion(QStringLiteral("0.48"));
        JobDetails details(&c, service, job);
        details.setPollIntervals(10, 50);
        QSignalSpy ended(&details, &JobDetails::terminalReached);
        details.follow();
        QVERIFY(ended.wait(10000));
        QVERIFY(d.streams >= 2);
        bool resumed = false;
        for (const QByteArray &request : std::as_const(d.server.requests))
            resumed = resumed || (request.contains("/events") &&
                                  request.toLower().contains("last-event-id: 41"));
        QVERIFY(resumed);
        QCOMPARE(details.eventsReceived(), 2);
    }
};

QTEST_GUILESS_MAIN(TestJobFollow)
#include "tst_jobfollow.moc"
