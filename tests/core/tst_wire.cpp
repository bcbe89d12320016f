// API calls on the wire, over HTTP/1.1 to a scripted server: one kept-alive connection, answers
// however the bytes arrive, the stale keep-alive resend, bytes that are not HTTP. Faults of the
// answer itself are in tst_faults; TLS, HTTP/2, gzip and proxies in tst_curltransport.
#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "scriptedserver.h"

#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace ivcap;
using test::ScriptedServer;

namespace {
const QByteArray orderBody = R"({"id":"o","status":"pending"})";

void answerOk(QTcpSocket *s)
{
    s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n", orderBody));
}

// Reads an order and returns its id, or an empty string with the error in `error`.
QString readOrder(Connection *c, QString *error = nullptr)
{
    auto *request = Api::readOrder(c, QStringLiteral("o"), nullptr);
    request->setMaxAttempts(1);
    QSignalSpy finished(request, &ApiRequest::finished);
    QSignalSpy failed(request, &ApiRequest::failed);
    request->start();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 10000))
        return QString();
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.first().first().value<ApiError>().toString();
        return QString();
    }
    return finished.first().first().toJsonDocument().object().value(QLatin1String("id")).toString();
}

// Writes `bytes` one at a time, each in its own event-loop turn, so that the client sees every
// possible split of the answer.
void writeSlowly(QPointer<QTcpSocket> s, QByteArray bytes)
{
    if (!s || bytes.isEmpty())
        return;
    s->write(bytes.left(1));
    s->flush();
    QTimer::singleShot(0, s, [s, rest = bytes.mid(1)] { writeSlowly(s, rest); });
}
} // namespace

class TestWire : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void getsShareOneKeptAliveConnection()
    {
        ScriptedServer server;
        server.fallback = answerOk;
        Connection c(server.url(), QStringLiteral("secret-token"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(server.requests.size(), 5);
        QCOMPARE(server.connectionsAccepted, 1);
        const QByteArray first = server.requests.first();
        QVERIFY2(first.startsWith("GET /1/orders/o HTTP/1.1\r\n"), first.constData());
        QCOMPARE(first.count("\r\nHost: 127.0.0.1:"), 1);
        QCOMPARE(first.count("\r\nAuthorization: Bearer secret-token\r\n"), 1);
        QCOMPARE(first.count("\r\nUser-Agent: ivcap-desktop/"), 1);
        QVERIFY(!first.contains("Content-Length"));
    }

    void hostOverrideIsTheOnlyHost()
    {
        ScriptedServer server;
        server.fallback = answerOk;
        Connection c(server.url(), QString());
        c.setHostOverride(QStringLiteral("ivcap.example.org"));
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(server.requests.first().count("\r\nHost: "), 1);
        QVERIFY(server.requests.first().contains("\r\nHost: ivcap.example.org\r\n"));
    }

    void answerArrivingByteByByte()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            writeSlowly(
                s, test::httpResponse("200 OK", "Content-Type: application/json\r\n", orderBody));
        };
        Connection c(server.url(), QString());
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(readOrder(&c), QStringLiteral("o")); // and the connection is still in step
        QCOMPARE(server.connectionsAccepted, 1);
    }

    void chunkedAnswerAfterAnInterimOne()
    {
        ScriptedServer server;
        server.fallback = [](QTcpSocket *s) {
            s->write("HTTP/1.1 100 Continue\r\n\r\n"
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"
                     "7\r\n{\"id\":\"\r\n"
                     "16;ext=1\r\no\",\"status\":\"pending\"}\r\n"
                     "0\r\nX-Trailer: t\r\n\r\n");
        };
        Connection c(server.url(), QString());
        QString error;
        QCOMPARE(readOrder(&c, &error), QStringLiteral("o"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(server.connectionsAccepted, 1);
    }

    void staleKeptAliveConnectionIsResentOnce()
    {
        // The server closes the idle connection just as the second request arrives on it (an
        // idle timeout crossing the request): the request goes again on a new connection.
        ScriptedServer server;
        server.script = {answerOk, [](QTcpSocket *s) { s->abort(); }};
        server.fallback = answerOk;
        Connection c(server.url(), QString());
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(server.requests.size(), 3);
        QCOMPARE(server.connectionsAccepted, 2);
    }

    void closedConnectionIsResentOnlyOnce()
    {
        // A server that drops every request on the floor is reported, not retried forever.
        ScriptedServer server;
        server.script = {answerOk};
        server.fallback = [](QTcpSocket *s) { s->abort(); };
        Connection c(server.url(), QString());
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QString error;
        QCOMPARE(readOrder(&c, &error), QString());
        QVERIFY2(error.contains(QLatin1String("Cannot reach")), qPrintable(error));
        QCOMPARE(server.requests.size(), 3);
    }

    void answerNotAskedForEndsTheConnection()
    {
        // Bytes after a complete answer mean the connection is out of step; the next request
        // must not read them as its answer.
        ScriptedServer server;
        server.script = {[](QTcpSocket *s) {
            answerOk(s);
            s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n",
                                        R"({"id":"intruder"})"));
        }};
        server.fallback = answerOk;
        Connection c(server.url(), QString());
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
    }

    void garbageStatusLineIsAnError()
    {
        ScriptedServer server;
        server.script = {[](QTcpSocket *s) { s->write("SSH-2.0-OpenSSH_9.2\r\n\r\n"); }};
        server.fallback = answerOk;
        Connection c(server.url(), QString());
        QString error;
        QCOMPARE(readOrder(&c, &error), QString());
        QVERIFY2(error.contains(QLatin1String("not HTTP")), qPrintable(error));
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
    }

    void cancelledRequestLeavesNoAnswerBehind()
    {
        // A request cancelled while its answer is on the way must not hand that answer to the
        // next request on the same connection.
        ScriptedServer server;
        server.script = {[](QTcpSocket *s) {
            QTimer::singleShot(100, s, [s] {
                s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n",
                                            R"({"id":"late"})"));
            });
        }};
        server.fallback = answerOk;
        Connection c(server.url(), QString());
        auto *request = Api::readOrder(&c, QStringLiteral("o"), nullptr);
        QSignalSpy finished(request, &ApiRequest::finished);
        request->start();
        QTRY_COMPARE(server.requests.size(), 1);
        request->cancel();
        QTest::qWait(200);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(readOrder(&c), QStringLiteral("o"));
        delete request;
    }
};

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
