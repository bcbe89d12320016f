// Redirects (RFC 9110 §15.4) against a scripted server, since the sandbox never redirects:
// same-origin 307/308 (and 301/302/303 for GET) are followed for idempotent requests with the
// token, a bounded number of times; every redirect not followed fails with a message that
// names its target, and nothing (least of all the token) goes to another origin. The same for
// transfers: a download's GETs and an upload's offset HEAD.
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/redirectpolicy.h"
#include "scriptedserver.h"
#include "transfer/downloadjob.h"
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

const QByteArray blob = "hello, redirected world";

// The content, or its part from `first` (a 206), or only its first `cut` bytes under the whole
// Content-Length before the connection closes (a broken transfer).
Behaviour content(qsizetype first = 0, qsizetype cut = -1)
{
    return [first, cut](QTcpSocket *s) {
        const QByteArray part = blob.mid(first);
        QByteArray headers = "Content-Type: application/octet-stream\r\n";
        if (first > 0)
            headers += "Content-Range: bytes " + QByteArray::number(first) + '-' +
                       QByteArray::number(blob.size() - 1) + '/' + QByteArray::number(blob.size()) +
                       "\r\n";
        QByteArray answer =
            test::httpResponse(first > 0 ? "206 Partial Content" : "200 OK", headers, part);
        if (cut >= 0) {
            answer.chop(part.size() - cut);
            s->write(answer);
            s->flush();
            s->disconnectFromHost();
            return;
        }
        s->write(answer);
    };
}

struct Download
{
    QTemporaryDir dir;
    Connection connection;
    DownloadJob job;
    explicit Download(const QUrl &base)
        : connection(base, QStringLiteral("secret-token")),
          job(&connection, QStringLiteral("urn:ivcap:artifact:a"), dir.filePath("out.bin"))
    {
        job.setDataUrl(connection.apiUrl(QStringLiteral("/1/artifacts/a/blob")), blob.size());
        job.setRetryDelayMs(10);
    }
    bool run()
    {
        QSignalSpy finished(&job, &DownloadJob::finished);
        job.start();
        return finished.wait(10000);
    }
    QByteArray saved() const
    {
        QFile file(dir.filePath("out.bin"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(no file)");
    }
};
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
    void downloadFollowsSameOrigin307();
    void downloadRecordReadFollowsRedirect();
    void downloadResumesWithRangeAfterRedirect();
    void downloadCrossOriginNamedNotFollowed_data();
    void downloadCrossOriginNamedNotFollowed();
    void downloadLoopStopsAfterMaxHops();
    void uploadOffsetFollows308();
    void uploadOffsetCrossOriginNamed();
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
    ScriptedServer server;
    const QByteArray target =
        (absolute ? server.url().toEncoded() : QByteArray()) + "/1/orders/moved";
    server.script = {redirect(status, target)};
    server.fallback = answerOk;
    Connection c(server.url(), QStringLiteral("secret-token"));
    const ApiError error = run(&c, method, QStringLiteral("/1/orders/o"));
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(requestLine(server.requests.at(1)), method + " /1/orders/moved HTTP/1.1");
    QVERIFY(server.requests.at(1).contains("Authorization: Bearer secret-token"));
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
    ScriptedServer server;
    ScriptedServer other;
    other.fallback = answerOk;
    target.replace(QLatin1String("OTHER"), other.url().toString());
    target.replace(QLatin1String("PORT"), QString::number(server.serverPort()));
    server.script = {redirect(status, target.isNull() ? QByteArray() : target.toUtf8())};
    server.fallback = answerOk;
    Connection c(server.url(), QStringLiteral("secret-token"));
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

void TestRedirects::downloadFollowsSameOrigin307()
{
    ScriptedServer server;
    server.script = {redirect("307 Temporary Redirect", "/blobs/a"), content()};
    Download d(server.url());
    QVERIFY(d.run());
    QCOMPARE(d.job.state(), TransferState::Done);
    QCOMPARE(d.saved(), blob);
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(requestLine(server.requests.at(1)), QByteArray("GET /blobs/a HTTP/1.1"));
    QVERIFY(server.requests.at(1).contains("Authorization: Bearer secret-token"));
}

void TestRedirects::downloadRecordReadFollowsRedirect()
{
    // Without a data URL the job reads the artifact record first; that GET follows too.
    ScriptedServer server;
    const QByteArray record = R"({"id":"urn:ivcap:artifact:a","status":"ready","size":)" +
                              QByteArray::number(blob.size()) + R"(,"data-href":")" +
                              server.url().toEncoded() + R"(/blobs/a"})";
    server.script = {
        redirect("308 Permanent Redirect", "/1/artifacts/moved"),
        [record](QTcpSocket *s) {
            s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n", record));
        },
        content()};
    QTemporaryDir dir;
    Connection c(server.url(), QStringLiteral("secret-token"));
    DownloadJob job(&c, QStringLiteral("urn:ivcap:artifact:a"), dir.filePath("out.bin"));
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(requestLine(server.requests.at(1)), QByteArray("GET /1/artifacts/moved HTTP/1.1"));
    QCOMPARE(requestLine(server.requests.at(2)), QByteArray("GET /blobs/a HTTP/1.1"));
}

void TestRedirects::downloadResumesWithRangeAfterRedirect()
{
    // The first transfer breaks after 5 bytes; the retry asks the data URL again (a 307 moves
    // one request only), is redirected again, and the Range goes along to the new place.
    ScriptedServer server;
    server.script = {redirect("307 Temporary Redirect", "/blobs/a"), content(0, 5),
                     redirect("307 Temporary Redirect", "/blobs/a"), content(5)};
    Download d(server.url());
    QVERIFY(d.run());
    QVERIFY2(d.job.state() == TransferState::Done, qPrintable(d.job.errorMessage()));
    QCOMPARE(d.saved(), blob);
    QCOMPARE(d.job.fetchedBytes(), blob.size()); // nothing fetched twice
    QCOMPARE(server.requests.size(), 4);
    QCOMPARE(requestLine(server.requests.at(2)), QByteArray("GET /1/artifacts/a/blob HTTP/1.1"));
    QVERIFY(server.requests.at(2).contains("Range: bytes=5-"));
    QCOMPARE(requestLine(server.requests.at(3)), QByteArray("GET /blobs/a HTTP/1.1"));
    QVERIFY(server.requests.at(3).contains("Range: bytes=5-"));
    QVERIFY(server.requests.at(3).contains("Authorization: Bearer secret-token"));
}

void TestRedirects::downloadCrossOriginNamedNotFollowed_data()
{
    QTest::addColumn<QString>("target"); // OTHER: another server; PORT: this one's port
    QTest::newRow("another server") << "OTHER/blobs/a";
    QTest::newRow("another host name, same port") << "http://localhost:PORT/blobs/a";
}

void TestRedirects::downloadCrossOriginNamedNotFollowed()
{
    QFETCH(QString, target);
    ScriptedServer server;
    ScriptedServer other;
    other.fallback = content();
    target.replace(QLatin1String("OTHER"), other.url().toString());
    target.replace(QLatin1String("PORT"), QString::number(server.serverPort()));
    server.script = {redirect("307 Temporary Redirect", target.toUtf8())};
    server.fallback = content();
    Download d(server.url());
    QVERIFY(d.run());
    QCOMPARE(d.job.state(), TransferState::Failed);
    QVERIFY2(d.job.errorMessage().contains(target), qPrintable(d.job.errorMessage()));
    QVERIFY2(d.job.errorMessage().contains(QLatin1String("leaves the configured deployment")),
             qPrintable(d.job.errorMessage()));
    QCOMPARE(server.requests.size(), 1); // "localhost" is this server too: nothing came
    QCOMPARE(other.requests.size(), 0);
    QVERIFY(!QFile::exists(d.dir.filePath("out.bin")));
}

void TestRedirects::downloadLoopStopsAfterMaxHops()
{
    ScriptedServer server;
    server.fallback = redirect("307 Temporary Redirect", "/1/artifacts/a/blob");
    Download d(server.url());
    QVERIFY(d.run());
    QCOMPARE(d.job.state(), TransferState::Failed);
    QVERIFY2(
        d.job.errorMessage().contains(QStringLiteral("more than %1").arg(RedirectPolicy::kMaxHops)),
        qPrintable(d.job.errorMessage()));
    QVERIFY2(d.job.errorMessage().contains(server.url().toString() + "/1/artifacts/a/blob"),
             qPrintable(d.job.errorMessage()));
    QCOMPARE(server.requests.size(), RedirectPolicy::kMaxHops + 1); // and no retries
}

namespace {
// An upload into a known artifact, so it starts with the offset HEAD.
struct Resume
{
    QTemporaryDir dir;
    Connection connection;
    std::unique_ptr<UploadJob> job;
    explicit Resume(const QUrl &base) : connection(base, QStringLiteral("secret-token"))
    {
        QFile file(dir.filePath(QStringLiteral("f.txt")));
        if (file.open(QIODevice::WriteOnly))
            file.write(blob);
        file.close();
        UploadOptions options;
        options.retryDelayMs = 10;
        job = std::make_unique<UploadJob>(&connection, file.fileName(), options);
        job->setResumeTarget(QStringLiteral("urn:ivcap:artifact:a"),
                             connection.apiUrl(QStringLiteral("/1/artifacts/a/blob")));
    }
    bool run()
    {
        QSignalSpy finished(job.get(), &UploadJob::finished);
        job->start();
        return finished.wait(10000);
    }
};

void offsetAnswer(QTcpSocket *s)
{
    s->write(test::httpResponse(
        "200 OK",
        "Tus-Resumable: 1.0.0\r\nUpload-Offset: " + QByteArray::number(blob.size()) + "\r\n",
        QByteArray()));
}

void readyRecord(QTcpSocket *s)
{
    s->write(test::httpResponse("200 OK", "Content-Type: application/json\r\n",
                                R"({"id":"urn:ivcap:artifact:a","status":"ready","size":)" +
                                    QByteArray::number(blob.size()) + "}"));
}
} // namespace

void TestRedirects::uploadOffsetFollows308()
{
    // All bytes are on the server already: the HEAD, redirected, says so, and the job checks
    // the artifact and is done without sending anything again.
    ScriptedServer server;
    server.script = {redirect("308 Permanent Redirect", "/blobs/a"), offsetAnswer, readyRecord};
    Resume r(server.url());
    QVERIFY(r.run());
    QVERIFY2(r.job->state() == TransferState::Done, qPrintable(r.job->errorMessage()));
    QCOMPARE(server.requests.size(), 3);
    QCOMPARE(requestLine(server.requests.at(0)), QByteArray("HEAD /1/artifacts/a/blob HTTP/1.1"));
    QCOMPARE(requestLine(server.requests.at(1)), QByteArray("HEAD /blobs/a HTTP/1.1"));
    QVERIFY(server.requests.at(1).contains("Authorization: Bearer secret-token"));
    QVERIFY(server.requests.at(1).contains("Tus-Resumable: 1.0.0"));
}

void TestRedirects::uploadOffsetCrossOriginNamed()
{
    ScriptedServer server;
    ScriptedServer other;
    other.fallback = offsetAnswer;
    const QString target = other.url().toString() + QStringLiteral("/blobs/a");
    server.script = {redirect("307 Temporary Redirect", target.toUtf8())};
    server.fallback = readyRecord;
    Resume r(server.url());
    QVERIFY(r.run());
    QCOMPARE(r.job->state(), TransferState::Failed);
    QVERIFY2(r.job->errorMessage().contains(target), qPrintable(r.job->errorMessage()));
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(other.requests.size(), 0);
}

QTEST_GUILESS_MAIN(TestRedirects)
#include "tst_redirects.moc"
