// HttpChannel carrying TUS PATCHes with streamed bodies against a small scripted server on
// loopback: the framing of answers however they are split, keep-alive and reconnects, broken
// servers, the token rule, timeouts, TLS, and UploadJob closing its connection on pause.
#include "api/connection.h"
#include "api/httpchannel.h"
#include "transfer/uploadjob.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace ivcap;

namespace {

struct Request
{
    int connection = 0; // which accepted connection carried it, from 1
    QByteArray head;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

using Answer = std::function<void(QTcpSocket *, const Request &)>;

QByteArray accepted(const Request &r)
{
    const qint64 offset = r.header("Upload-Offset").toLongLong() + r.body.size();
    return "HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " +
           QByteArray::number(offset) + "\r\n\r\n";
}

// Writes `data` one byte per event loop turn, so the client meets every possible split.
void writeByteByByte(QTcpSocket *s, const QByteArray &data)
{
    for (qsizetype i = 0; i < data.size(); ++i) {
        QTimer::singleShot(int(i), s, [s, byte = data.mid(i, 1)] {
            s->write(byte);
            s->flush();
        });
    }
}

// Reads PATCH requests (head and Content-Length body) and answers each with the next scripted
// answer, or accepts it once the script is used up. `closeAfterBodyBytes` >= 0 closes the
// connection once that much of a body has come.
class FakeTusServer : public QObject
{
public:
    explicit FakeTusServer(QTcpServer *server = new QTcpServer) : m_server(server)
    {
        m_server->setParent(this);
        m_server->listen(QHostAddress::LocalHost);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection()) {
                const int index = ++connections;
                connect(s, &QTcpSocket::disconnected, this, [this, s, index] {
                    closed.append(index);
                    s->deleteLater();
                });
                connect(s, &QTcpSocket::readyRead, s, [this, s, index] { onData(s, index); });
            }
        });
    }
    QUrl url(const QString &scheme = QStringLiteral("http")) const
    {
        QUrl url(QStringLiteral("%1://127.0.0.1:%2/1/artifacts/a1/blob")
                     .arg(scheme)
                     .arg(m_server->serverPort()));
        url.setQuery(QStringLiteral("x=a%2Bb"), QUrl::StrictMode); // stays encoded on the wire
        return url;
    }

    QList<Answer> script;
    QList<Request> requests;
    int connections = 0;
    QList<int> closed; // connections the client closed
    qint64 closeAfterBodyBytes = -1;

private:
    struct Pending
    {
        QByteArray data;
        qint64 length = -1; // of the body, once the head is complete
        Request request;
    };

    void onData(QTcpSocket *s, int index)
    {
        Pending &p = m_pending[s];
        p.data += s->readAll();
        for (;;) {
            if (p.length < 0) {
                const qsizetype end = p.data.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                p.request = Request{index, p.data.left(end + 4), {}};
                p.length = p.request.header("Content-Length").toLongLong();
                p.data.remove(0, end + 4);
            }
            const qint64 take = qMin<qint64>(p.length - p.request.body.size(), p.data.size());
            p.request.body += p.data.left(take);
            p.data.remove(0, take);
            if (closeAfterBodyBytes >= 0 && p.request.body.size() >= closeAfterBodyBytes) {
                closeAfterBodyBytes = -1;
                m_pending.remove(s);
                s->abort();
                return;
            }
            if (p.request.body.size() < p.length)
                return;
            const Request request = p.request;
            p = Pending{p.data, -1, {}};
            requests.append(request);
            if (script.isEmpty())
                s->write(accepted(request));
            else
                script.takeFirst()(s, request);
        }
    }

    QTcpServer *m_server;
    QHash<QTcpSocket *, Pending> m_pending;
};

QNetworkRequest patchRequest(const QUrl &url, qint64 offset, qint64 length, int timeoutMs = 10000)
{
    QNetworkRequest req(url);
    req.setRawHeader("Tus-Resumable", "1.0.0");
    req.setRawHeader("Upload-Offset", QByteArray::number(offset));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/offset+octet-stream");
    req.setHeader(QNetworkRequest::ContentLengthHeader, length);
    req.setTransferTimeout(timeoutMs);
    return req;
}

QBuffer *bodyOf(const QByteArray &data)
{
    auto *buffer = new QBuffer;
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

// Sends one PATCH and waits for its outcome; false when finished() did not come.
bool patch(HttpChannel *channel, const QNetworkRequest &req, const QByteArray &body)
{
    QSignalSpy finished(channel, &HttpChannel::finished);
    channel->send(req, "PATCH", bodyOf(body));
    return finished.wait(15000) && finished.size() == 1;
}

QByteArray payload(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char((i * 131) ^ (i >> 7));
    return data;
}

} // namespace

class TestHttpChannelUpload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestCarriesTheHeadersAndBody();
    void answerSplitByteByByte();
    void chunkedAnswer();
    void keepAliveReusesOneConnection();
    void reconnectsAfterTheServerCloses();
    void garbageStatusLineIsAnError();
    void serverClosesInTheMiddleOfTheRequestBody();
    void serverClosesInTheMiddleOfTheAnswerBody();
    void earlyAnswerEndsTheRequest();
    void tokenOnlyForItsOwnOrigin();
    void silenceTimesOut();
    void abortIsQuiet();
    void bodyEndingEarlyIsALocalError();
    void proxiedUrlsAreNotReached();
    void pausingAnUploadDropsItsPatch();
    void https();
};

void TestHttpChannelUpload::requestCarriesTheHeadersAndBody()
{
    FakeTusServer server;
    HttpChannel channel;
    // Larger than what the channel keeps in flight: the body is streamed in several writes.
    const QByteArray body = payload(9 * 1024 * 1024 + 17);
    QVERIFY(patch(&channel, patchRequest(server.url(), 5, body.size()), body));
    QVERIFY2(!channel.error().isError(), qPrintable(channel.error().toString()));
    QCOMPARE(server.requests.size(), 1);
    const Request &r = server.requests.first();
    QVERIFY2(r.head.startsWith("PATCH /1/artifacts/a1/blob?x=a%2Bb HTTP/1.1\r\n"),
             r.head.constData());
    QCOMPARE(r.header("Host"), QByteArray("127.0.0.1:") + QByteArray::number(server.url().port()));
    QCOMPARE(r.header("Tus-Resumable"), QByteArray("1.0.0"));
    QCOMPARE(r.header("Upload-Offset"), QByteArray("5"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/offset+octet-stream"));
    QCOMPARE(r.header("Content-Length"), QByteArray::number(body.size()));
    QVERIFY(r.body == body);
    QCOMPARE(channel.rawHeader("Upload-Offset"), QByteArray::number(5 + body.size()));
}

void TestHttpChannelUpload::answerSplitByteByByte()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *s, const Request &) {
                         // A 204 names no length: its end is the end of the headers.
                         writeByteByByte(s, "HTTP/1.1 204 No Content\r\nupload-OFFSET: 42\r\n"
                                            "Tus-Resumable: 1.0.0\r\n\r\n");
                     },
                     [](QTcpSocket *s, const Request &) {
                         writeByteByByte(s, "HTTP/1.1 503 Busy\r\nContent-Length: 19\r\n\r\n"
                                            "{\"message\":\"full\"}\n");
                     }};
    HttpChannel channel;
    QVERIFY(patch(&channel, patchRequest(server.url(), 40, 2), "ab"));
    QVERIFY2(!channel.error().isError(), qPrintable(channel.error().toString()));
    QVERIFY(channel.hasRawHeader("Upload-Offset"));
    QCOMPARE(channel.rawHeader("upload-offset"), QByteArray("42"));

    QVERIFY(patch(&channel, patchRequest(server.url(), 42, 2), "cd"));
    QCOMPARE(channel.error().httpStatus, 503);
    QVERIFY(channel.error().isTransient());
    QVERIFY(channel.error().message.contains(QLatin1String("full")));
    QCOMPARE(server.connections, 1);
}

void TestHttpChannelUpload::chunkedAnswer()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *s, const Request &) {
        s->write("HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n"
                 "goa-error: offset_mismatch\r\n\r\n"
                 "7;ext=1\r\n{\"messa\r\n"
                 "15\r\nge\":\"offset 0 ≠ 9\"}\r\n" // 21 bytes: ≠ takes three
                 "0\r\nX-Trailer: t\r\n\r\n");
    }};
    HttpChannel channel;
    QVERIFY(patch(&channel, patchRequest(server.url(), 9, 3), "xyz"));
    QVERIFY2(channel.error().kind == ApiError::Kind::Http, qPrintable(channel.error().toString()));
    QCOMPARE(channel.error().httpStatus, 409);
    QCOMPARE(channel.error().goaError, QStringLiteral("offset_mismatch"));
    QVERIFY2(channel.error().message.contains(QStringLiteral("offset 0 ≠ 9")),
             qPrintable(channel.error().message));
    // The chunked answer was read to its end: the connection carries the next PATCH.
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 3), "xyz"));
    QVERIFY(!channel.error().isError());
    QCOMPARE(server.connections, 1);
}

void TestHttpChannelUpload::keepAliveReusesOneConnection()
{
    FakeTusServer server;
    HttpChannel channel;
    const QByteArray body = payload(300000);
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, body.size()), body));
    QVERIFY(patch(&channel, patchRequest(server.url(), body.size(), body.size()), body));
    QVERIFY(!channel.error().isError());
    QCOMPARE(channel.rawHeader("Upload-Offset"), QByteArray::number(2 * body.size()));
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.connections, 1);
    QCOMPARE(server.requests.at(1).connection, 1);
}

void TestHttpChannelUpload::reconnectsAfterTheServerCloses()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *s, const Request &r) {
                         // Says it closes, and does.
                         s->write(accepted(r).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
                         s->disconnectFromHost();
                     },
                     [](QTcpSocket *s, const Request &r) {
                         // Closes without a word, after its answer went out.
                         s->write(accepted(r));
                         QTimer::singleShot(50, s, [s] { s->disconnectFromHost(); });
                     }};
    HttpChannel channel;
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    QVERIFY(!channel.error().isError());
    QVERIFY(patch(&channel, patchRequest(server.url(), 4, 4), "efgh"));
    QVERIFY(!channel.error().isError());
    QTest::qWait(200);
    QVERIFY(patch(&channel, patchRequest(server.url(), 8, 4), "ijkl"));
    QVERIFY2(!channel.error().isError(), qPrintable(channel.error().toString()));
    QCOMPARE(channel.rawHeader("Upload-Offset"), QByteArray("12"));
    QCOMPARE(server.connections, 3);
    QCOMPARE(server.requests.size(), 3);
}

void TestHttpChannelUpload::garbageStatusLineIsAnError()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *s, const Request &) { s->write("SSH-2.0-OpenSSH\r\n\r\n"); }};
    HttpChannel channel;
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    QCOMPARE(channel.error().kind, ApiError::Kind::Network);
    QVERIFY(channel.error().message.contains(QLatin1String("SSH-2.0")));
    QVERIFY(!channel.hasRawHeader("Upload-Offset"));
    // The broken connection is not used again.
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    QVERIFY(!channel.error().isError());
    QCOMPARE(server.connections, 2);
}

void TestHttpChannelUpload::serverClosesInTheMiddleOfTheRequestBody()
{
    FakeTusServer server;
    server.closeAfterBodyBytes = 100000;
    HttpChannel channel;
    const QByteArray body = payload(3 * 1024 * 1024);
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, body.size()), body));
    QCOMPARE(channel.error().kind, ApiError::Kind::Network);
    QVERIFY(channel.error().isTransient()); // UploadJob asks for the offset and goes on
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, body.size()), body));
    QVERIFY(!channel.error().isError());
}

void TestHttpChannelUpload::serverClosesInTheMiddleOfTheAnswerBody()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *s, const Request &) {
        s->write("HTTP/1.1 200 OK\r\nUpload-Offset: 4\r\nContent-Length: 100\r\n\r\n{\"id\"");
        s->flush();
        s->disconnectFromHost();
    }};
    HttpChannel channel;
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    QCOMPARE(channel.error().kind, ApiError::Kind::Network);
    QVERIFY(channel.error().isTransient());
}

void TestHttpChannelUpload::earlyAnswerEndsTheRequest()
{
    HttpChannel channel;
    const QByteArray body = payload(8 * 1024 * 1024);
    // A server that refuses on the head alone, before reading the body: its answer is what
    // counts, not the broken pipe that follows.
    QTcpServer early;
    QVERIFY(early.listen(QHostAddress::LocalHost));
    connect(&early, &QTcpServer::pendingConnectionAvailable, this, [&early] {
        QTcpSocket *s = early.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [s] {
            if (s->property("answered").toBool())
                return;
            s->setProperty("answered", true);
            s->write("HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->flush();
            QTimer::singleShot(100, s, [s] { s->close(); });
        });
    });
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/blob").arg(early.serverPort()));
    QVERIFY(patch(&channel, patchRequest(url, 0, body.size()), body));
    QCOMPARE(channel.error().httpStatus, 413);
    QCOMPARE(channel.error().kind, ApiError::Kind::Http);
}

void TestHttpChannelUpload::tokenOnlyForItsOwnOrigin()
{
    FakeTusServer server;
    HttpChannel channel;
    QUrl base = server.url();
    base.setPath(QString());
    base.setQuery(QString());
    Connection own(base, QStringLiteral("secret"));
    own.setHostOverride(QStringLiteral("api.example.org"));
    QNetworkRequest req = own.request(server.url());
    req.setHeader(QNetworkRequest::ContentLengthHeader, 2);
    QVERIFY(patch(&channel, req, "ab"));
    QCOMPARE(server.requests.last().header("Authorization"), QByteArray("Bearer secret"));
    QCOMPARE(server.requests.last().header("Host"), QByteArray("api.example.org"));
    QCOMPARE(server.requests.last().header("Cache-Control"), QByteArray("no-cache"));
    QCOMPARE(server.requests.last().header("Accept"), QByteArray("application/json"));
    QVERIFY(server.requests.last().header("User-Agent").startsWith("ivcap-desktop/"));

    // The same server on another port is another origin: no token.
    base.setPort(base.port() == 1 ? 2 : base.port() - 1);
    Connection other(base, QStringLiteral("secret"));
    req = other.request(server.url());
    req.setHeader(QNetworkRequest::ContentLengthHeader, 2);
    QVERIFY(patch(&channel, req, "ab"));
    QCOMPARE(server.requests.size(), 2);
    QVERIFY(!server.requests.last().head.contains("secret"));
    QVERIFY(server.requests.last().header("Authorization").isEmpty());
}

void TestHttpChannelUpload::silenceTimesOut()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *, const Request &) {}};
    HttpChannel channel;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4, 300), "abcd"));
    QCOMPARE(channel.error().kind, ApiError::Kind::Timeout);
    QVERIFY(channel.error().isTransient());
    QVERIFY(clock.elapsed() < 5000);
}

void TestHttpChannelUpload::abortIsQuiet()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *, const Request &) {}};
    HttpChannel channel;
    QSignalSpy finished(&channel, &HttpChannel::finished);
    channel.send(patchRequest(server.url(), 0, 4), "PATCH", bodyOf("abcd"));
    QTRY_COMPARE(server.requests.size(), 1);
    channel.abort();
    QVERIFY(!channel.isBusy());
    QTest::qWait(100);
    QVERIFY(finished.isEmpty());
    // And the channel is good for the next one.
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    QVERIFY(!channel.error().isError());
}

void TestHttpChannelUpload::bodyEndingEarlyIsALocalError()
{
    // The file shrank under the upload: the source is at fault, not the server, and the
    // report comes from the event loop even when the very first block fails.
    FakeTusServer server;
    HttpChannel channel;
    // A kept-alive connection, so that the next send() writes at once, from within itself.
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    bool insideSend = false;
    int reports = 0;
    connect(&channel, &HttpChannel::finished, this, [&] {
        QVERIFY(!insideSend);
        ++reports;
    });
    insideSend = true;
    channel.send(patchRequest(server.url(), 0, 2 * 1024 * 1024), "PATCH", bodyOf("only this"));
    insideSend = false;
    QTRY_COMPARE(reports, 1);
    QCOMPARE(channel.error().kind, ApiError::Kind::Local);
    QVERIFY2(channel.error().message.contains(QLatin1String("ended early")),
             qPrintable(channel.error().message));
    QTest::qWait(50);
    QCOMPARE(reports, 1);
    QVERIFY(patch(&channel, patchRequest(server.url(), 0, 4), "abcd"));
    QVERIFY(!channel.error().isError());
}

void TestHttpChannelUpload::proxiedUrlsAreNotReached()
{
    QNetworkAccessManager network;
    const QUrl url(QStringLiteral("http://127.0.0.1:9/blob"));
    QVERIFY(HttpChannel::reachesDirectly(&network, url));
    QVERIFY(!HttpChannel::reachesDirectly(&network, QUrl(QStringLiteral("ftp://127.0.0.1/blob"))));
    network.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 3128));
    QVERIFY(!HttpChannel::reachesDirectly(&network, url));
    network.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    QVERIFY(HttpChannel::reachesDirectly(&network, url));
}

void TestHttpChannelUpload::pausingAnUploadDropsItsPatch()
{
    FakeTusServer server;
    server.script = {[](QTcpSocket *s, const Request &) { // the HEAD of the resume
                         s->write(
                             "HTTP/1.1 200 OK\r\nUpload-Offset: 0\r\nContent-Length: 0\r\n\r\n");
                     },
                     [](QTcpSocket *, const Request &) {}}; // the PATCH: no answer
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(payload(3000000));
    file.close();
    QUrl base = server.url();
    base.setPath(QString());
    base.setQuery(QString());
    Connection connection(base, QStringLiteral("tok"));
    auto *job = new UploadJob(&connection, path, UploadOptions());
    job->setResumeTarget(QStringLiteral("urn:ivcap:artifact:a1"), server.url());
    job->start();
    QTRY_COMPARE(server.requests.size(), 2);
    QVERIFY(server.requests.at(1).head.startsWith("PATCH "));
    QCOMPARE(server.requests.at(1).body.size(), 3000000);
    const int patchConnection = server.requests.at(1).connection;
    QVERIFY(!server.closed.contains(patchConnection));
    job->pause();
    QCOMPARE(job->state(), TransferState::Paused);
    QTRY_VERIFY_WITH_TIMEOUT(server.closed.contains(patchConnection), 2000);
    delete job; // and nothing of it is left to answer
    QTest::qWait(50);
}

void TestHttpChannelUpload::https()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is needed to make a throwaway certificate");
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    QProcess make;
    make.start(openssl,
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
    QVERIFY(make.waitForFinished(60000));
    QCOMPARE(make.exitCode(), 0);
    QFile keyFile(key);
    QFile certFile(cert);
    QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    QVERIFY(!certificate.isNull());

    auto *tls = new QSslServer;
    QSslConfiguration serverConfig = QSslConfiguration::defaultConfiguration();
    serverConfig.setLocalCertificate(certificate);
    serverConfig.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa));
    tls->setSslConfiguration(serverConfig);
    FakeTusServer server(tls);

    QNetworkRequest req = patchRequest(server.url(QStringLiteral("https")), 0, 0);
    QSslConfiguration clientConfig = QSslConfiguration::defaultConfiguration();
    clientConfig.setCaCertificates({certificate});
    req.setSslConfiguration(clientConfig);
    HttpChannel channel;
    const QByteArray body = payload(2 * 1024 * 1024);
    req.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    QVERIFY(patch(&channel, req, body));
    QVERIFY2(!channel.error().isError(), qPrintable(channel.error().toString()));
    QVERIFY(patch(&channel, req, body));
    QVERIFY(!channel.error().isError());
    QCOMPARE(server.connections, 1);
    QVERIFY(server.requests.last().body == body);

    // A certificate the client does not trust: a network error, not an answer.
    HttpChannel untrusting;
    QNetworkRequest plain = patchRequest(server.url(QStringLiteral("https")), 0, 2);
    QVERIFY(patch(&untrusting, plain, "ab"));
    QCOMPARE(untrusting.error().kind, ApiError::Kind::Network);
}

QTEST_GUILESS_MAIN(TestHttpChannelUpload)
#include "tst_httpchannel_upload.moc"
