// Network and server faults a real deployment or network can produce but the sandbox does not:
// a small scripted server answers each request with one fault, and the same connection must
// report exactly one clear ApiError and then serve the next request normally.
// (Malformed lists, the body cap and retries have their own tests in tst_apirequest.)
#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "scriptedserver.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

using namespace ivcap;

namespace {
using test::Behaviour;
using test::ScriptedServer;

const QByteArray okBody = R"({"id":"o","status":"pending"})";

QByteArray response(const QByteArray &status, const QByteArray &headers, const QByteArray &body)
{
    return test::httpResponse(status, headers, body);
}

void answerOk(QTcpSocket *s)
{
    s->write(response("200 OK", "Content-Type: application/json\r\n", okBody));
}

ApiError failureOf(ApiRequest *request)
{
    request->setMaxAttempts(1); // the fault itself is under test, not the retry
    QSignalSpy failed(request, &ApiRequest::failed);
    QSignalSpy finished(request, &ApiRequest::finished);
    request->start();
    if (!failed.wait(15000) || !finished.isEmpty())
        return ApiError();
    return failed.first().first().value<ApiError>();
}

bool nextRequestWorks(Connection *c)
{
    auto *request = Api::readOrder(c, QStringLiteral("o"), nullptr);
    QSignalSpy finished(request, &ApiRequest::finished);
    request->start();
    return finished.wait(15000) && finished.first().first().toJsonDocument().object().value(
                                       QLatin1String("id")) == QLatin1String("o");
}
} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void faultIsReportedAndClientRecovers_data()
    {
        QTest::addColumn<Behaviour>("fault");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::addColumn<QString>("detail"); // a part of the message that names the cause

        QTest::newRow("connection dropped mid-response") << Behaviour([](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000\r\n\r\n{\"id\":\"o\",");
            s->flush();
            s->abort();
        }) << ApiError::Kind::Network << QString();
        QTest::newRow("body shorter than its Content-Length") << Behaviour([](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000\r\n\r\n{\"id\":\"o\",");
            s->disconnectFromHost();
        }) << ApiError::Kind::Network << QString();
        QTest::newRow("truncated body without a length") << Behaviour([](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Connection: close\r\n\r\n{\"id\":\"o\",\"sta");
            s->disconnectFromHost();
        }) << ApiError::Kind::MalformedResponse << QString();
        QTest::newRow("malformed JSON") << Behaviour([](QTcpSocket *s) {
            s->write(response("200 OK", "Content-Type: application/json\r\n", "{\"id\":]"));
        }) << ApiError::Kind::MalformedResponse
                                        << QString();
        QTest::newRow("HTML instead of JSON") << Behaviour([](QTcpSocket *s) {
            s->write(response("200 OK", "Content-Type: text/html; charset=utf-8\r\n",
                              "<html><body>Sign in to the Wi-Fi</body></html>"));
        }) << ApiError::Kind::MalformedResponse
                                              << QStringLiteral("text/html");
        QTest::newRow("JSON under a wrong content type") << Behaviour([](QTcpSocket *s) {
            s->write(response("200 OK", "Content-Type: text/plain\r\n", okBody));
        }) << ApiError::Kind::MalformedResponse << QStringLiteral("text/plain");
        QTest::newRow("declared body over the limit") << Behaviour([](QTcpSocket *s) {
            // Announces 100 GB, sends a little and then nothing: refused at once,
            // without waiting for the rest or for a timeout.
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100000000000\r\n\r\n[[[[[[[[");
        }) << ApiError::Kind::TooLarge << QString();
        QTest::newRow("endless body") << Behaviour([](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Connection: close\r\n\r\n[");
            // Keeps sending for as long as the client reads.
            const QByteArray chunk(64 * 1024, ' ');
            s->write(chunk);
            QObject::connect(s, &QTcpSocket::bytesWritten, s, [s, chunk] {
                if (s->state() == QAbstractSocket::ConnectedState &&
                    s->bytesToWrite() < chunk.size())
                    s->write(chunk);
            });
        }) << ApiError::Kind::TooLarge << QString();
        QTest::newRow("stalled server") << Behaviour([](QTcpSocket *) {
            // Reads the request and never answers.
        }) << ApiError::Kind::Timeout << QString();
        QTest::newRow("stalled mid-body") << Behaviour([](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{\"id\":");
        }) << ApiError::Kind::Timeout << QString();
    }
    void faultIsReportedAndClientRecovers()
    {
        QFETCH(Behaviour, fault);
        QFETCH(ApiError::Kind, kind);
        QFETCH(QString, detail);
        ScriptedServer server;
        server.fallback = answerOk;
        server.script = {fault};
        Connection c(server.url(), QStringLiteral("secret-token"));
        c.setTimeoutMs(500);
        auto *request = Api::readOrder(&c, QStringLiteral("o"), this);
        request->setMaxBodyBytes(1024 * 1024);
        const ApiError error = failureOf(request);
        ApiError expected;
        expected.kind = kind;
        QCOMPARE(error.kindName(), expected.kindName());
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(error.toString().contains(detail), qPrintable(error.toString()));
        QVERIFY(!error.toString().contains(QLatin1String("secret-token")));
        QVERIFY(nextRequestWorks(&c));
        // A client may resend the next request once if it first went out on the closing
        // connection.
        QVERIFY(server.requests.size() >= 2);
    }

    void redirectToAnotherHostIsNotFollowed()
    {
        ScriptedServer other;
        ScriptedServer server;
        other.fallback = server.fallback = answerOk;
        const QUrl elsewhere = other.url(QStringLiteral("localhost"));
        server.script = {[elsewhere](QTcpSocket *s) {
            s->write(response("302 Found",
                              "Location: " + elsewhere.toEncoded() +
                                  "/1/orders/o\r\n"
                                  "Content-Type: application/json\r\n",
                              "{}"));
        }};
        Connection c(server.url(), QStringLiteral("secret-token"));
        const ApiError error = failureOf(Api::readOrder(&c, QStringLiteral("o"), this));
        QCOMPARE(error.kind, ApiError::Kind::Http);
        QCOMPARE(error.httpStatus, 302);
        QVERIFY2(error.message.contains(QLatin1String("redirect")), qPrintable(error.message));
        // The request to our own deployment carried the token; the other host saw nothing.
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(server.requests.first().contains("Bearer secret-token"));
        QVERIFY(other.requests.isEmpty());
        QVERIFY(nextRequestWorks(&c));
    }

    void tokenIsNeverSentToAnotherPort()
    {
        // A URL the server hands out is re-based on our deployment, but a raw request to
        // another origin (e.g. a download link used as is) goes without the token.
        ScriptedServer other;
        ScriptedServer server;
        other.fallback = server.fallback = answerOk;
        Connection c(server.url(), QStringLiteral("secret-token"));
        auto *request = new ApiRequest(&c, "GET", other.url(QStringLiteral("127.0.0.1")), this);
        QSignalSpy finished(request, &ApiRequest::finished);
        request->start();
        QVERIFY(finished.wait(15000));
        QCOMPARE(other.requests.size(), 1);
        QVERIFY(!other.requests.first().contains("secret-token"));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
