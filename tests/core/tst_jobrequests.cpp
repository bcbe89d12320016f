// A job request (JobSubmission) and a job's event stream (JobEventStream) on the one HTTP
// stack, against a scripted server: the headers a job POST carries, a 307 read rather than
// followed, the body cap, events handed out while the stream stays open, a 204 that ends it, a
// stream longer than the body cap, and cancellation that closes the connection, also from inside
// a signal.
#include "api/apierror.h"
#include "api/connection.h"
#include "api/jobeventstream.h"
#include "api/jobsubmission.h"
#include "scriptedserver.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace ivcap;
using test::httpResponse;
using test::ScriptedServer;

namespace {
const QString service = QStringLiteral("urn:ivcap:service:1");
const QString job = QStringLiteral("urn:ivcap:job:2");

const QByteArray streamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

// The header lines of a request as the server saw them, names in lower case.
QList<QByteArray> headerLines(const QByteArray &request)
{
    QList<QByteArray> lines;
    const QList<QByteArray> all = request.split('\n');
    for (qsizetype i = 1; i < all.size(); ++i) {
        const QByteArray line = all.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        lines.append(line.left(colon).toLower() + line.mid(colon));
    }
    return lines;
}

std::unique_ptr<Connection> connectTo(const ScriptedServer &server)
{
    auto c = std::make_unique<Connection>(server.url(), QStringLiteral("t"));
    c->setApiVersion(QStringLiteral("0.48"));
    return c;
}
} // namespace

class TestJobRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jobPostCarriesItsHeadersOnce()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write(httpResponse(
                "200 OK", "Content-Type: image/png\r\nIVCAP-Job-Id: urn:ivcap:job:7\r\n", "PNG"));
        };
        auto c = connectTo(server);
        JobSubmission submission(c.get(), service, QJsonObject{{"msg", "hi"}});
        QSignalSpy completed(&submission, &JobSubmission::completed);
        QSignalSpy failed(&submission, &JobSubmission::failed);
        submission.start();
        QVERIFY(completed.wait(10000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(completed.first().at(0).toString(), QStringLiteral("urn:ivcap:job:7"));
        QCOMPARE(completed.first().at(1).toByteArray(), QByteArray("image/png"));
        QCOMPARE(completed.first().at(2).toByteArray(), QByteArray("PNG"));

        QCOMPARE(server.requests.size(), 1);
        const QByteArray request = server.requests.first();
        QVERIFY2(request.startsWith("POST /1/services2/"), request.constData());
        const QList<QByteArray> lines = headerLines(request);
        // Accept replaces the connection's JSON default instead of being sent beside it.
        QCOMPARE(lines.count(QByteArray("accept: */*")), 1);
        qsizetype accepts = 0;
        for (const QByteArray &line : lines)
            accepts += line.startsWith("accept:") ? 1 : 0;
        QCOMPARE(accepts, 1);
        QVERIFY(lines.contains("timeout: 0"));
        QVERIFY(lines.contains("content-type: application/json"));
        QVERIFY(lines.contains("authorization: Bearer t"));
        QVERIFY(lines.contains("user-agent: " + Connection::userAgent()));
    }

    void temporaryRedirectIsReadNotFollowed()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write(httpResponse("307 Temporary Redirect",
                                  "Location: /1/services2/urn:ivcap:service:1/jobs/"
                                  "urn:ivcap:job:9\r\nIVCAP-Job-Id: urn:ivcap:job:9\r\n",
                                  QByteArray()));
        };
        auto c = connectTo(server);
        JobSubmission submission(c.get(), service, QJsonObject{{"msg", "hi"}});
        QSignalSpy accepted(&submission, &JobSubmission::accepted);
        submission.start();
        QVERIFY(accepted.wait(10000));
        QCOMPARE(accepted.first().at(0).toString(), QStringLiteral("urn:ivcap:job:9"));
        const QUrl location = accepted.first().at(1).toUrl();
        QCOMPARE(location.port(), server.serverPort());
        QVERIFY(location.path().endsWith(QLatin1String("/jobs/urn:ivcap:job:9")));
        QTest::qWait(100);
        QCOMPARE(server.requests.size(), 1);
    }

    void refusalCarriesTheServersMessage()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write(httpResponse("422 Unprocessable Entity", "Content-Type: application/json\r\n",
                                  "{\"name\":\"msg\",\"message\":\"msg is required\"}"));
        };
        auto c = connectTo(server);
        JobSubmission submission(c.get(), service, QJsonObject{});
        QSignalSpy failed(&submission, &JobSubmission::failed);
        submission.start();
        QVERIFY(failed.wait(10000));
        const ApiError error = failed.first().first().value<ApiError>();
        QCOMPARE(error.kind, ApiError::Kind::InvalidParameter);
        QCOMPARE(error.httpStatus, 422);
        QVERIFY2(error.message.contains(QLatin1String("msg is required")),
                 qPrintable(error.message));
    }

    void resultOverTheCapFails()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                     "IVCAP-Job-Id: urn:ivcap:job:7\r\nContent-Length: 70000000\r\n\r\n");
        };
        auto c = connectTo(server);
        JobSubmission submission(c.get(), service, QJsonObject{{"msg", "hi"}});
        QSignalSpy failed(&submission, &JobSubmission::failed);
        submission.start();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::TooLarge);
    }

    void deletingTheSubmissionClosesTheConnection()
    {
        ScriptedServer server;
        QPointer<QTcpSocket> held;
        server.fallback = [&held](QTcpSocket *s) { held = s; }; // never answers
        auto c = connectTo(server);
        auto *submission = new JobSubmission(c.get(), service, QJsonObject{{"msg", "hi"}});
        QSignalSpy accepted(submission, &JobSubmission::accepted);
        QSignalSpy failed(submission, &JobSubmission::failed);
        submission->start();
        QTRY_VERIFY_WITH_TIMEOUT(held, 10000);
        QSignalSpy closed(held.data(), &QTcpSocket::disconnected);
        delete submission;
        QVERIFY(closed.wait(10000));
        QCOMPARE(accepted.size() + failed.size(), 0);
    }

    void eventsArriveWhileTheStreamIsOpen()
    {
        ScriptedServer server;
        QPointer<QTcpSocket> open;
        server.fallback = [&open](QTcpSocket *s) {
            open = s;
            s->write(streamHead + "id: 1\ndata: {\"type\":\"first\"}\n\n");
        };
        auto c = connectTo(server);
        JobEventStream stream(c.get(), service, job);
        QSignalSpy events(&stream, &JobEventStream::eventReceived);
        QSignalSpy ended(&stream, &JobEventStream::ended);
        QSignalSpy failed(&stream, &JobEventStream::failed);
        stream.start();
        QVERIFY(events.wait(10000));
        QCOMPARE(events.size(), 1);
        QCOMPARE(stream.lastEventId(), QStringLiteral("1"));
        QVERIFY(open);
        // The second event, split in two writes, while the stream stays open.
        open->write("id: 2\ndata: {\"type\":");
        open->write("\"second\"}\n\n");
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 10000);
        QCOMPARE(events.at(1).at(1).toJsonObject().value("type").toString(),
                 QStringLiteral("second"));
        QCOMPARE(ended.size() + failed.size(), 0);
        open->disconnectFromHost();
        QVERIFY(ended.wait(10000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(stream.lastEventId(), QStringLiteral("2"));
    }

    // A finished job with nothing after the last event answers 204 without a content type
    // (the IVCAP job-no-result answer): the stream has ended; it is not an API without streams.
    void noContentEndsTheStream()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write("HTTP/1.1 204 No Content\r\ngoa-error: job-no-result\r\n\r\n");
        };
        auto c = connectTo(server);
        JobEventStream stream(c.get(), service, job);
        stream.setLastEventId(QStringLiteral("7"));
        QSignalSpy ended(&stream, &JobEventStream::ended);
        QSignalSpy unavailable(&stream, &JobEventStream::unavailable);
        QSignalSpy failed(&stream, &JobEventStream::failed);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size() + unavailable.size() + failed.size(), 1, 10000);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(stream.eventsReceived(), 0);
        QCOMPARE(stream.lastEventId(), QStringLiteral("7"));
    }

    // The 64 MiB cap is for answers; a stream is limited per line and event only.
    void streamLongerThanTheBodyCapGoesOn()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write(streamHead);
            const QByteArray comment = ": " + QByteArray(1024 * 1024 - 3, 'x') + "\n";
            for (int i = 0; i < 65; ++i)
                s->write(comment);
            s->write("id: 3\ndata: {\"type\":\"late\"}\n\n");
            s->disconnectFromHost();
        };
        auto c = connectTo(server);
        JobEventStream stream(c.get(), service, job);
        QSignalSpy events(&stream, &JobEventStream::eventReceived);
        QSignalSpy ended(&stream, &JobEventStream::ended);
        QSignalSpy failed(&stream, &JobEventStream::failed);
        stream.start();
        QVERIFY(ended.wait(30000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty()
                     ? ""
                     : qPrintable(failed.first().first().value<ApiError>().toString()));
        QCOMPARE(events.size(), 1);
        QCOMPARE(stream.lastEventId(), QStringLiteral("3"));
    }

    void cancelInsideAnEventClosesTheConnection()
    {
        bool closed = false;
        ScriptedServer server;
        server.fallback = [&closed](QTcpSocket *s) {
            QObject::connect(s, &QTcpSocket::disconnected, s, [&closed] { closed = true; });
            s->write(streamHead + "data: {\"type\":\"a\"}\n\ndata: {\"type\":\"b\"}\n\n");
        };
        auto c = connectTo(server);
        JobEventStream stream(c.get(), service, job);
        QSignalSpy events(&stream, &JobEventStream::eventReceived);
        QSignalSpy ended(&stream, &JobEventStream::ended);
        QSignalSpy failed(&stream, &JobEventStream::failed);
        connect(&stream, &JobEventStream::eventReceived, &stream, &JobEventStream::cancel);
        stream.start();
        QTRY_VERIFY_WITH_TIMEOUT(closed, 10000);
        QCOMPARE(events.size(), 1); // nothing after the cancel
        QTest::qWait(50);
        QCOMPARE(ended.size() + failed.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJobRequests)
#include "tst_jobrequests.moc"
