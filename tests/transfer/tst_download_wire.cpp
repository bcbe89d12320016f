// What downloads and previews send and keep, against a scripted server, for answers the
// sandbox never gives: content with a coding the server applies (as an ingress or a store of
// pre-compressed objects does), a broken transfer of such content resumed with Range, a body
// declared larger than the 64 MiB cap of API answers, a stalled transfer, an owner that goes
// away mid-body, and a redirected preview.
#include "api/connection.h"
#include "api/contentrequest.h"
#include "scriptedserver.h"
#include "transfer/downloadjob.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;
using test::Behaviour;
using test::ScriptedServer;

namespace {

// zlib data (RFC 1950), which is what HTTP calls the `deflate` coding: qCompress's output
// without its 4-byte length prefix.
QByteArray deflated(const QByteArray &data)
{
    return qCompress(data).mid(4);
}

// Numbered lines: text that compresses, but not to almost nothing.
QByteArray numberedLines(int count)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "line " + QByteArray::number(i * 7919 % 100003) + '\n';
    return lines;
}

// The artifact's bytes as the server holds them, served with `Content-Encoding: deflate`
// whatever the request accepts: the whole from `first` (a 206 then), or only `cut` bytes of it
// under the whole Content-Length before the connection closes.
Behaviour storedEncoded(const QByteArray &stored, qsizetype first = 0, qsizetype cut = -1)
{
    return [stored, first, cut](QTcpSocket *s) {
        const QByteArray part = stored.mid(first);
        QByteArray headers = "Content-Type: text/plain\r\nContent-Encoding: deflate\r\n";
        if (first > 0)
            headers += "Content-Range: bytes " + QByteArray::number(first) + '-' +
                       QByteArray::number(stored.size() - 1) + '/' +
                       QByteArray::number(stored.size()) + "\r\n";
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

// Headers declaring `declared` body bytes, then only `sent` of them (the connection stays open).
Behaviour declaresMore(qint64 declared, const QByteArray &sent)
{
    return [declared, sent](QTcpSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                 QByteArray::number(declared) + "\r\n\r\n" + sent);
    };
}

QByteArray headerLine(const QByteArray &request, const QByteArray &name)
{
    for (const QByteArray &line : request.split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.trimmed();
    }
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(no file)");
}

} // namespace

class TestDownloadWire : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodedContentSavedAsStoredAndResumed();
    void downloadOverTheApiCap();
    void stalledDownloadTimesOutAndResumes();
    void deletingTheJobInItsProgressClosesTheConnection();
    void previewOfBodyDeclaredOverTheApiCap();
    void previewFollowsSameOriginRedirect();
};

void TestDownloadWire::encodedContentSavedAsStoredAndResumed()
{
    // The file must hold the artifact's bytes as the server holds them: decoding them would
    // change their length and make a Range offset count other bytes than the server's.
    const QByteArray stored = deflated(numberedLines(2000));
    QVERIFY(stored.size() > 100);
    ScriptedServer server;
    server.script = {storedEncoded(stored, 0, 60), storedEncoded(stored, 60)};
    QTemporaryDir dir;
    Connection c(server.url(), QStringLiteral("secret-token"));
    DownloadJob job(&c, QStringLiteral("urn:ivcap:artifact:z"), dir.filePath("z.txt.z"));
    job.setDataUrl(c.apiUrl(QStringLiteral("/1/artifacts/z/blob")), stored.size());
    job.setRetryDelayMs(10);
    job.setMaxRetries(2);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(readFile(dir.filePath("z.txt.z")), stored);
    QCOMPARE(job.fetchedBytes(), stored.size()); // nothing fetched twice
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(headerLine(server.requests.at(0), "Accept-Encoding"),
             QByteArray("Accept-Encoding: identity"));
    QCOMPARE(headerLine(server.requests.at(1), "Range"), QByteArray("Range: bytes=60-"));
    QCOMPARE(headerLine(server.requests.at(1), "Accept-Encoding"),
             QByteArray("Accept-Encoding: identity"));
}

void TestDownloadWire::downloadOverTheApiCap()
{
    // A download is written as it comes, so the 64 MiB cap of API answers does not apply: a
    // transfer that breaks after 1000 bytes of 100 MiB is a network failure to resume, not an
    // answer refused as too large.
    const qint64 size = 100LL * 1024 * 1024;
    ScriptedServer server;
    server.script = {[size](QTcpSocket *s) {
        declaresMore(size, QByteArray(1000, 'x'))(s);
        s->flush();
        s->disconnectFromHost();
    }};
    QTemporaryDir dir;
    Connection c(server.url(), QString());
    DownloadJob job(&c, QStringLiteral("urn:ivcap:artifact:big"), dir.filePath("big.bin"));
    job.setDataUrl(c.apiUrl(QStringLiteral("/1/artifacts/big/blob")), size);
    job.setMaxRetries(0);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(job.state(), TransferState::Failed);
    QCOMPARE(job.fetchedBytes(), 1000);
    QVERIFY2(!job.errorMessage().contains(QLatin1String("too large")),
             qPrintable(job.errorMessage()));
    QVERIFY(!QFile::exists(dir.filePath("big.bin")));
}

void TestDownloadWire::stalledDownloadTimesOutAndResumes()
{
    // The first answer stops after 10 bytes with the connection open: the connection's transfer
    // timeout ends it, and the retry asks for the rest.
    const QByteArray content = numberedLines(100);
    ScriptedServer server;
    server.script = {declaresMore(content.size(), content.left(10)), [content](QTcpSocket *s) {
                         s->write(test::httpResponse(
                             "206 Partial Content",
                             "Content-Range: bytes 10-" + QByteArray::number(content.size() - 1) +
                                 '/' + QByteArray::number(content.size()) + "\r\n",
                             content.mid(10)));
                     }};
    QTemporaryDir dir;
    Connection c(server.url(), QString());
    c.setTimeoutMs(300);
    DownloadJob job(&c, QStringLiteral("urn:ivcap:artifact:s"), dir.filePath("s.txt"));
    job.setDataUrl(c.apiUrl(QStringLiteral("/1/artifacts/s/blob")), content.size());
    job.setRetryDelayMs(10);
    QSignalSpy retrying(&job, &DownloadJob::retrying);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(readFile(dir.filePath("s.txt")), content);
    QCOMPARE(headerLine(server.requests.at(1), "Range"), QByteArray("Range: bytes=10-"));
}

void TestDownloadWire::deletingTheJobInItsProgressClosesTheConnection()
{
    // The owner goes away while the body arrives, from inside the job's own signal: the
    // transfer ends at once (the server sees its connection closed) and no file is left.
    ScriptedServer server;
    bool closed = false;
    server.script = {[&closed](QTcpSocket *s) {
        QObject::connect(s, &QTcpSocket::disconnected, [&closed] { closed = true; });
        declaresMore(1 << 20, QByteArray(1000, 'd'))(s);
    }};
    QTemporaryDir dir;
    Connection c(server.url(), QString());
    auto *job = new DownloadJob(&c, QStringLiteral("urn:ivcap:artifact:d"), dir.filePath("d.bin"));
    job->setDataUrl(c.apiUrl(QStringLiteral("/1/artifacts/d/blob")), 1 << 20);
    QPointer<DownloadJob> alive(job);
    connect(job, &DownloadJob::progress, job, [job](qint64 received) {
        if (received > 0)
            delete job;
    });
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(!alive, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(closed, 10000);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestDownloadWire::previewOfBodyDeclaredOverTheApiCap()
{
    // A preview keeps the head of a body of any size: a declared length over the 64 MiB cap of
    // API answers is no reason to fail.
    ScriptedServer server;
    server.script = {declaresMore(1LL << 30, QByteArray(4096, 'p'))};
    Connection c(server.url(), QString());
    auto *request = new ContentRequest(&c, c.apiUrl(QStringLiteral("/1/artifacts/p/blob")), 100);
    QSignalSpy finished(request, &ContentRequest::finished);
    QSignalSpy failed(request, &ContentRequest::failed);
    request->start();
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 10000));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<ApiError>().toString()));
    QCOMPARE(finished.first().at(0).toByteArray(), QByteArray(100, 'p'));
    QCOMPARE(finished.first().at(1).toBool(), true);
}

void TestDownloadWire::previewFollowsSameOriginRedirect()
{
    ScriptedServer server;
    server.script = {
        [](QTcpSocket *s) {
            s->write(test::httpResponse("307 Temporary Redirect", "Location: /blobs/p\r\n",
                                        QByteArray()));
        },
        [](QTcpSocket *s) {
            s->write(test::httpResponse("200 OK", "Content-Type: text/plain\r\n", "previewed"));
        }};
    Connection c(server.url(), QStringLiteral("secret-token"));
    auto *request = new ContentRequest(&c, c.apiUrl(QStringLiteral("/1/artifacts/p/blob")));
    QSignalSpy finished(request, &ContentRequest::finished);
    QSignalSpy failed(request, &ContentRequest::failed);
    request->start();
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 10000));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<ApiError>().toString()));
    QCOMPARE(finished.first().at(0).toByteArray(), QByteArray("previewed"));
    QCOMPARE(server.requests.size(), 2);
    QVERIFY(server.requests.at(1).startsWith("GET /blobs/p HTTP/1.1"));
    QVERIFY(server.requests.at(1).contains("Authorization: Bearer secret-token"));
}

QTEST_GUILESS_MAIN(TestDownloadWire)
#include "tst_download_wire.moc"
