// Redirects (RFC 9110 §15.4) against a scripted server, since the sandbox never redirects:
// same-origin 307/308 (and 301/302/303 for GET) are followed for idempotent requests with the
// token, a bounded number of times; every redirect not followed fails with a message that
// names its target, and nothing (least of all the token) goes to another origin.
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/redirectpolicy.h"
#include "scriptedserver.h"
#include "transfer/uploadjob.h"

#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;
using test::Behaviour;
using test::ScriptedServer;

namespace {
const QByteArray okBody = R"({"id":"o","status":"pending"})";

Behaviour redirect(const QByteArray &status, const QByteArray &location)
{
    return [status, location](QTcpSocket *s) {
        const QByteArray header =
            location.isNull() ? QByteArray() : "Location: " + location + "\r\n";
        s->write(test::httpResponse(status, header, QByteArray()));
    };
}

void answerOk(QTcpSocket *s)
{
    s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n", okBody));
}

// Runs `method` on `path` of `server`; returns the error (kind None on success).
ApiError run(Connection *c, const QByteArray &method, const QString &path)
{
    auto *request = new ApiRequest(c, method, c->apiUrl(path));
    request->setMaxAttempts(1);
    QSignalSpy failed(request, &ApiRequest::failed);
    QSignalSpy finished(request, &ApiRequest::finished);
    request->start();
    if (!QTest::qWaitFor([&] { return !failed.isEmpty() || !finished.isEmpty(); }, 10000))
        return ApiError::local(QStringLiteral("no answer"));
    return failed.isEmpty() ? ApiError() : failed.first().first().value<ApiError>();
}

QByteArray requestLine(const QByteArray &request)
{
    return request.left(request.indexOf("\r\n"));
}
} // namespace

class TestRedirects : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followedOnSameOrigin_data();
    void followedOnSameOrigin();
    void notFollowed_data();
    void notFollowed();
    void loopStopsAfterMaxHops();
    void uploadCreateRedirectNamesTarget();
};

void TestRedirects::followedOnSameOrigin_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<bool>("absolute");
    QTest::newRow("GET 307 relative")
        << QByteArray("GET") << QByteArray("307 Temporary Redirect") << false;
    QTest::newRow("GET 308 absolute")
        << QByteArray("GET") << QByteArray("308 Permanent Redirect") << true;
    QTest::newRow("GET 301") << QByteArray("GET") << QByteArray("301 Moved Permanently") << false;
    QTest::newRow("GET 302") << QByteArray("GET") << QByteArray("302 Found") << true;
    QTest::newRow("GET 303") << QByteArray("GET") << QByteArray("303 See Other") << false;
    QTest::newRow("DELETE 307") << QByteArray("DELETE") << QByteArray("307 Temporary Redirect")
                                << false;
    QTest::newRow("DELETE 308") << QByteArray("DELETE") << QByteArray("308 Permanent Redirect")
                                << true;
}

void TestRedirects::followedOnSameOrigin()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, status);
    QFETCH(bool, absolute);
    // Both transports of a GET: the connection's own channel and QNetworkAccessManager.
    for (const bool direct : {true, false}) {
        ScriptedServer server;
        const QByteArray target =
            (absolute ? server.url().toEncoded() : QByteArray()) + "/1/orders/moved";
        server.script = {redirect(status, target)};
        server.fallback = answerOk;
        Connection c(server.url(), QStringLiteral("secret-token"));
        c.setDirectHttp(direct);
        const ApiError error = run(&c, method, QStringLiteral("/1/orders/o"));
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(requestLine(server.requests.at(1)), method + " /1/orders/moved HTTP/1.1");
        QVERIFY(server.requests.at(1).contains("Authorization: Bearer secret-token"));
    }
}

void TestRedirects::notFollowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QString>("target"); // "OTHER" is another server's URL
    QTest::addColumn<QString>("why");
    QTest::newRow("other origin") << QByteArray("GET") << QByteArray("307 Temporary Redirect")
                                  << "OTHER/1/orders/o"
                                  << "leaves the configured deployment";
    QTest::newRow("other host name, same port")
        << QByteArray("GET") << QByteArray("308 Permanent Redirect")
        << "http://localhost:PORT/1/orders/o"
        << "leaves the configured deployment";
    QTest::newRow("https to http") << QByteArray("GET") << QByteArray("301 Moved Permanently")
                                   << "https://127.0.0.1:PORT/1/orders/o"
                                   << "leaves the configured deployment";
    QTest::newRow("POST 307") << QByteArray("POST") << QByteArray("307 Temporary Redirect")
                              << "/1/orders/again"
                              << "POST";
    QTest::newRow("POST 303") << QByteArray("POST") << QByteArray("303 See Other") << "/1/orders/o"
                              << "POST";
    QTest::newRow("PATCH 308") << QByteArray("PATCH") << QByteArray("308 Permanent Redirect")
                               << "/1/orders/o"
                               << "PATCH";
    QTest::newRow("DELETE 302") << QByteArray("DELETE") << QByteArray("302 Found") << "/1/orders/o"
                                << "DELETE";
    QTest::newRow("no Location") << QByteArray("GET") << QByteArray("307 Temporary Redirect")
                                 << QString() << "no Location";
}

void TestRedirects::notFollowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, status);
    QFETCH(QString, target);
    QFETCH(QString, why);
    for (const bool direct : {true, false}) {
        ScriptedServer server;
        ScriptedServer other;
        other.fallback = answerOk;
        target.replace(QLatin1String("OTHER"), other.url().toString());
        target.replace(QLatin1String("PORT"), QString::number(server.serverPort()));
        server.script = {redirect(status, target.isNull() ? QByteArray() : target.toUtf8())};
        server.fallback = answerOk;
        Connection c(server.url(), QStringLiteral("secret-token"));
        c.setDirectHttp(direct);
        const ApiError error = run(&c, method, QStringLiteral("/1/orders/o"));
        QVERIFY(error.isError());
        QCOMPARE(error.httpStatus, status.left(3).toInt());
        const QString expected =
            target.isEmpty() ? QString() : server.url().resolved(QUrl(target)).toString();
        QVERIFY2(error.message.contains(expected), qPrintable(error.message));
        QVERIFY2(error.message.contains(why), qPrintable(error.message));
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(other.requests.size(), 0);
    }
}

void TestRedirects::loopStopsAfterMaxHops()
{
    ScriptedServer server;
    server.fallback = redirect("307 Temporary Redirect", "/1/orders/o");
    Connection c(server.url(), QStringLiteral("secret-token"));
    const ApiError error = run(&c, "GET", QStringLiteral("/1/orders/o"));
    QVERIFY(error.isError());
    QVERIFY2(error.message.contains(QStringLiteral("more than %1").arg(RedirectPolicy::kMaxHops)),
             qPrintable(error.message));
    QCOMPARE(server.requests.size(), RedirectPolicy::kMaxHops + 1);
}

void TestRedirects::uploadCreateRedirectNamesTarget()
{
    // Transfers report a redirect they do not follow with its target too (a POST never is).
    ScriptedServer server;
    server.fallback = redirect("307 Temporary Redirect", "https://elsewhere.example/1/artifacts");
    Connection c(server.url(), QStringLiteral("secret-token"));
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("f.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("content");
    file.close();
    UploadJob job(&c, file.fileName(), UploadOptions{});
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(job.state(), TransferState::Failed);
    QVERIFY2(job.errorMessage().contains(QLatin1String("https://elsewhere.example/1/artifacts")),
             qPrintable(job.errorMessage()));
}

QTEST_GUILESS_MAIN(TestRedirects)
#include "tst_redirects.moc"
