// The libcurl transport (core/net) on its own: plain HTTP/1.1 to a real sandbox, and through a
// real nginx ingress (TLS, HTTP/2, gzip) with a throwaway CA, the trust failures that must each
// say what is wrong, the body cap, cancellation by deleting the request, the stall timeout,
// redirects left to the caller, and proxies from the environment.
#include "api/apirequest.h"
#include "api/connection.h"
#include "net/curlmulti.h"
#include "net/curlrequest.h"
#include "sandboxprocess.h"
#include "scriptedserver.h"
#include "tlsingress.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <cstring>
#include <memory>

using namespace ivcap;
using net::CurlRequest;
using test::ScriptedServer;

namespace {

// Runs `r` to its end; false when it did not finish in time.
bool finish(CurlRequest &r)
{
    QSignalSpy finished(&r, &CurlRequest::finished);
    r.start();
    return finished.wait(30000) && finished.size() == 1;
}

// The whole body of a finished request.
QByteArray body(CurlRequest &r)
{
    return r.readAll();
}

const char *const proxyVariables[] = {"http_proxy", "https_proxy", "all_proxy", "no_proxy",
                                      "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"};

} // namespace

class TestCurlTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void getFromSandboxOverHttp11();
    void keptAliveConnectionIsReused();
    void ingressUsesHttp2AndDecodesGzip();
    void concurrentRequestsThroughIngress();
    void unknownIssuerIsRefused();
    void caFromSslCertFileIsTrusted();
    void caFileOfTheRequestIsTrusted();
    void caFromSslCertDirIsTrusted();
    void unreadableCaFileIsALocalError();
    void wrongHostNameIsRefused();
    void expiredCertificateIsRefused();
    void declaredBodyOverCapIsRefused();
    void decodedBodyOverCapIsRefused();
    void deletingTheRequestCancelsIt_data();
    void deletingTheRequestCancelsIt();
    void abortFinishesCancelled();
    void stalledServerTimesOut();
    void stallInTheBodyTimesOut();
    void redirectIsNotFollowed();
    void proxyFromEnvironmentIsUsed();
    void noProxyHostGoesDirect();
    void uploadSendsTheBody_data();
    void uploadSendsTheBody();
    void unreadableBodySourceIsALocalError();
    void requestsRunInAWorkerThread();
    void apiRequestOverCurlThroughIngress();
    void apiRequestOverCurlRefusesUnknownIssuer();

private:
    QUrl sandboxUrl(const QString &path) const;
    QUrl ingressUrl(const QUrl &base, const QString &path) const;
    CurlRequest *servicesRequest(const QUrl &url);
    QByteArray sandboxPage();
    QUrl pageUrl(const QUrl &base) const;

    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<TlsIngress> m_ingress;
    QString m_atTime;
};

void TestCurlTransport::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_ingress = std::make_unique<TlsIngress>(m_sandbox->url());
    QVERIFY2(m_ingress->start(), qPrintable(m_ingress->errorString()));
    m_atTime = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

void TestCurlTransport::init()
{
    // Each test sets what it needs; nothing from the caller's environment leaks in.
    for (const char *name : proxyVariables)
        qunsetenv(name);
    qunsetenv("SSL_CERT_FILE");
    qunsetenv("SSL_CERT_DIR");
    qunsetenv("CURL_CA_BUNDLE");
}

QUrl TestCurlTransport::sandboxUrl(const QString &path) const
{
    QUrl url = m_sandbox->url();
    url.setPath(path);
    return url;
}

QUrl TestCurlTransport::ingressUrl(const QUrl &base, const QString &path) const
{
    QUrl url = base;
    url.setPath(path);
    return url;
}

// A list page of the sandbox's catalogue: JSON, larger than nginx's gzip threshold.
CurlRequest *TestCurlTransport::servicesRequest(const QUrl &url)
{
    auto *r = new CurlRequest(this);
    r->setUrl(url);
    r->setHeader("Authorization", "Bearer " + m_sandbox->token().toUtf8());
    r->setHeader("Accept", "application/json");
    return r;
}

// The page straight from the sandbox, byte for byte what the ingress must deliver once decoded:
// the same `at-time` (pageUrl) and the same Host, which the sandbox's links carry.
QByteArray TestCurlTransport::sandboxPage()
{
    std::unique_ptr<CurlRequest> r(servicesRequest(pageUrl(m_sandbox->url())));
    r->setHeader("Host", m_ingress->url().authority().toUtf8());
    if (!finish(*r) || r->status() != 200)
        return {};
    return body(*r);
}

// The catalogue's list page at a fixed time, so two reads of it are identical.
QUrl TestCurlTransport::pageUrl(const QUrl &base) const
{
    QUrl url = base;
    url.setPath(QStringLiteral("/1/services"));
    url.setQuery(QStringLiteral("at-time=") + m_atTime);
    return url;
}

void TestCurlTransport::getFromSandboxOverHttp11()
{
    std::unique_ptr<CurlRequest> r(servicesRequest(sandboxUrl(QStringLiteral("/1/services"))));
    QSignalSpy headers(r.get(), &CurlRequest::headersReceived);
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::None);
    QCOMPARE(r->status(), 200);
    QCOMPARE(headers.size(), 1);
    QCOMPARE(headers.first().first().toInt(), 200);
    QCOMPARE(r->httpVersion(), 11);
    QVERIFY(r->header("Content-Type").startsWith("application/json"));
    QJsonParseError error;
    QJsonDocument::fromJson(body(*r), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestCurlTransport::keptAliveConnectionIsReused()
{
    ScriptedServer server;
    server.fallback = [](QTcpSocket *s) {
        s->write(test::httpResponse("200 OK", "Content-Type: text/plain\r\n", "hello"));
    };
    for (int i = 0; i < 3; ++i) {
        CurlRequest r;
        r.setUrl(server.url());
        QVERIFY(finish(r));
        QCOMPARE(r.errorKind(), ApiError::Kind::None);
        QCOMPARE(r.readAll(), QByteArray("hello"));
    }
    QCOMPARE(server.requests.size(), 3);
    QCOMPARE(server.connectionsAccepted, 1);
}

void TestCurlTransport::ingressUsesHttp2AndDecodesGzip()
{
    const QByteArray direct = sandboxPage();
    QVERIFY(direct.size() > 256); // nginx compresses only from 256 bytes on
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    std::unique_ptr<CurlRequest> r(servicesRequest(pageUrl(m_ingress->url())));
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::None);
    QCOMPARE(r->status(), 200);
    QCOMPARE(r->httpVersion(), 20);
    QCOMPARE(r->header("content-encoding"), QByteArray("gzip"));
    QCOMPARE(body(*r), direct);
}

void TestCurlTransport::concurrentRequestsThroughIngress()
{
    const QByteArray direct = sandboxPage();
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    std::vector<std::unique_ptr<CurlRequest>> requests;
    for (int i = 0; i < 8; ++i) {
        requests.emplace_back(servicesRequest(pageUrl(m_ingress->url())));
        requests.back()->start();
    }
    for (auto &r : requests) {
        QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 30000);
        QCOMPARE(r->errorKind(), ApiError::Kind::None);
        QCOMPARE(r->httpVersion(), 20);
        QCOMPARE(r->readAll(), direct);
    }
}

void TestCurlTransport::unknownIssuerIsRefused()
{
    std::unique_ptr<CurlRequest> r(
        servicesRequest(ingressUrl(m_ingress->url(), QStringLiteral("/1/services"))));
    QSignalSpy headers(r.get(), &CurlRequest::headersReceived);
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::Network);
    QCOMPARE(r->curlCode(), int(CURLE_PEER_FAILED_VERIFICATION));
    QVERIFY2(r->errorString().contains(QLatin1String("unknown certificate authority")),
             qPrintable(r->errorString()));
    QCOMPARE(headers.size(), 0);
    QCOMPARE(r->status(), 0);
}

void TestCurlTransport::caFromSslCertFileIsTrusted()
{
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    std::unique_ptr<CurlRequest> r(
        servicesRequest(ingressUrl(m_ingress->url(), QStringLiteral("/1/services"))));
    QVERIFY(finish(*r));
    QVERIFY2(r->errorKind() == ApiError::Kind::None, qPrintable(r->errorString()));
    QCOMPARE(r->status(), 200);
}

void TestCurlTransport::caFileOfTheRequestIsTrusted()
{
    std::unique_ptr<CurlRequest> r(
        servicesRequest(ingressUrl(m_ingress->url(), QStringLiteral("/1/services"))));
    r->setCaFile(m_ingress->caFile());
    QVERIFY(finish(*r));
    QVERIFY2(r->errorKind() == ApiError::Kind::None, qPrintable(r->errorString()));
    QCOMPARE(r->status(), 200);
}

void TestCurlTransport::caFromSslCertDirIsTrusted()
{
    qputenv("SSL_CERT_DIR", m_ingress->caDir().toLocal8Bit());
    std::unique_ptr<CurlRequest> r(servicesRequest(pageUrl(m_ingress->url())));
    QVERIFY(finish(*r));
    QVERIFY2(r->errorKind() == ApiError::Kind::None, qPrintable(r->errorString()));
    QCOMPARE(r->status(), 200);
}

void TestCurlTransport::unreadableCaFileIsALocalError()
{
    CurlRequest r;
    r.setUrl(ingressUrl(m_ingress->url(), QStringLiteral("/1/services")));
    r.setCaFile(QStringLiteral("/nonexistent/ca.pem"));
    QVERIFY(finish(r));
    QCOMPARE(r.errorKind(), ApiError::Kind::Local);
    QVERIFY2(r.errorString().contains(QLatin1String("/nonexistent/ca.pem")),
             qPrintable(r.errorString()));
}

void TestCurlTransport::wrongHostNameIsRefused()
{
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    std::unique_ptr<CurlRequest> r(
        servicesRequest(ingressUrl(m_ingress->wrongHostUrl(), QStringLiteral("/1/services"))));
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::Network);
    QCOMPARE(r->curlCode(), int(CURLE_PEER_FAILED_VERIFICATION));
    QVERIFY2(r->errorString().contains(QLatin1String("another host name")),
             qPrintable(r->errorString()));
    QVERIFY(!r->errorString().contains(QLatin1String("expired")));
}

void TestCurlTransport::expiredCertificateIsRefused()
{
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    std::unique_ptr<CurlRequest> r(
        servicesRequest(ingressUrl(m_ingress->expiredUrl(), QStringLiteral("/1/services"))));
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::Network);
    QCOMPARE(r->curlCode(), int(CURLE_PEER_FAILED_VERIFICATION));
    QVERIFY2(r->errorString().contains(QLatin1String("has expired")), qPrintable(r->errorString()));
    QVERIFY(!r->errorString().contains(QLatin1String("host name")));
}

void TestCurlTransport::declaredBodyOverCapIsRefused()
{
    const QByteArray direct = sandboxPage();
    std::unique_ptr<CurlRequest> r(servicesRequest(pageUrl(m_sandbox->url())));
    r->setHeader("Host", m_ingress->url().authority().toUtf8());
    r->setMaxBodyBytes(direct.size() - 1);
    QSignalSpy readyRead(r.get(), &CurlRequest::readyRead);
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::TooLarge);
    // Refused on the Content-Length, before any of the body is handed out.
    QCOMPARE(readyRead.size(), 0);
}

void TestCurlTransport::decodedBodyOverCapIsRefused()
{
    // Through the ingress the body is gzip-encoded without a length of the decoded bytes: the
    // cap applies to what is decoded, as it arrives.
    const QByteArray direct = sandboxPage();
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    std::unique_ptr<CurlRequest> r(servicesRequest(pageUrl(m_ingress->url())));
    r->setMaxBodyBytes(direct.size() - 1);
    QVERIFY(finish(*r));
    QCOMPARE(r->errorKind(), ApiError::Kind::TooLarge);
    QVERIFY(r->readAll().size() < direct.size());
}

void TestCurlTransport::deletingTheRequestCancelsIt_data()
{
    QTest::addColumn<bool>("insideCallback");
    QTest::newRow("in a readyRead slot") << true;
    QTest::newRow("from the event loop") << false;
}

void TestCurlTransport::deletingTheRequestCancelsIt()
{
    QFETCH(bool, insideCallback);
    ScriptedServer server;
    QPointer<QTcpSocket> serverSide;
    // Headers and the first bytes of a long body, then nothing: the transfer stays open.
    server.script.append([&serverSide](QTcpSocket *s) {
        serverSide = s;
        s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n"
                 "first bytes");
    });
    server.fallback = [](QTcpSocket *s) {
        s->write(test::httpResponse("200 OK", "Content-Type: text/plain\r\n", "next"));
    };
    auto *r = new CurlRequest;
    r->setUrl(server.url());
    QSignalSpy finished(r, &CurlRequest::finished);
    QSignalSpy destroyed(r, &QObject::destroyed);
    if (insideCallback)
        connect(r, &CurlRequest::readyRead, r, [r] { delete r; });
    else
        connect(r, &CurlRequest::readyRead, r, &QObject::deleteLater);
    r->start();
    QVERIFY(destroyed.wait(10000));
    QCOMPARE(finished.size(), 0);
    // The connection is closed, not left to finish the body.
    QTRY_VERIFY_WITH_TIMEOUT(!serverSide || serverSide->state() != QAbstractSocket::ConnectedState,
                             10000);
    QTRY_COMPARE(net::CurlMulti::forCurrentThread()->transferCount(), 0);
    // The thread's multi handle goes on serving requests.
    CurlRequest next;
    next.setUrl(server.url());
    QVERIFY(finish(next));
    QCOMPARE(next.errorKind(), ApiError::Kind::None);
    QCOMPARE(next.readAll(), QByteArray("next"));
}

void TestCurlTransport::abortFinishesCancelled()
{
    ScriptedServer server; // reads the request, never answers
    CurlRequest r;
    r.setUrl(server.url());
    QSignalSpy finished(&r, &CurlRequest::finished);
    r.start();
    QTRY_COMPARE(server.requests.size(), 1);
    r.abort();
    QCOMPARE(finished.size(), 0); // never from inside abort()
    QVERIFY(finished.wait(10000));
    QCOMPARE(r.errorKind(), ApiError::Kind::Cancelled);
    QCOMPARE(finished.size(), 1);
}

void TestCurlTransport::stalledServerTimesOut()
{
    ScriptedServer server; // reads the request, never answers
    CurlRequest r;
    r.setUrl(server.url());
    r.setLowSpeedTimeout(1);
    QVERIFY(finish(r));
    QCOMPARE(r.errorKind(), ApiError::Kind::Timeout);
    QCOMPARE(server.requests.size(), 1);
}

void TestCurlTransport::stallInTheBodyTimesOut()
{
    ScriptedServer server; // headers and part of the body, then nothing
    server.fallback = [](QTcpSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart");
    };
    CurlRequest r;
    r.setUrl(server.url());
    r.setTransferTimeout(300);
    QSignalSpy headers(&r, &CurlRequest::headersReceived);
    QVERIFY(finish(r));
    QCOMPARE(r.errorKind(), ApiError::Kind::Timeout);
    QCOMPARE(headers.size(), 1);
    QCOMPARE(net::CurlMulti::forCurrentThread()->transferCount(), 0);
}

void TestCurlTransport::redirectIsNotFollowed()
{
    ScriptedServer other;
    ScriptedServer server;
    server.fallback = [&other](QTcpSocket *s) {
        s->write(test::httpResponse(
            "302 Found",
            "Location: " + other.url(QStringLiteral("localhost")).toEncoded() + "/elsewhere\r\n",
            {}));
    };
    CurlRequest r;
    r.setUrl(server.url());
    r.setHeader("Authorization", "Bearer secret");
    QVERIFY(finish(r));
    QCOMPARE(r.errorKind(), ApiError::Kind::None);
    QCOMPARE(r.status(), 302);
    QVERIFY(r.header("location").endsWith("/elsewhere"));
    QCOMPARE(other.connectionsAccepted, 0);
}

void TestCurlTransport::proxyFromEnvironmentIsUsed()
{
    ScriptedServer proxy;
    proxy.fallback = [](QTcpSocket *s) {
        s->write(test::httpResponse("200 OK", "Content-Type: text/plain\r\n", "via proxy"));
    };
    qputenv("http_proxy", proxy.url().toEncoded());
    CurlRequest r;
    // A name that cannot resolve: only the proxy can have answered.
    r.setUrl(QUrl(QStringLiteral("http://ivcap-proxied.invalid/1/services")));
    QVERIFY(finish(r));
    QVERIFY2(r.errorKind() == ApiError::Kind::None, qPrintable(r.errorString()));
    QCOMPARE(r.readAll(), QByteArray("via proxy"));
    QCOMPARE(proxy.requests.size(), 1);
    QVERIFY2(proxy.requests.first().startsWith("GET http://ivcap-proxied.invalid/1/services "),
             proxy.requests.first().constData());
}

void TestCurlTransport::noProxyHostGoesDirect()
{
    ScriptedServer proxy;
    ScriptedServer server;
    server.fallback = [](QTcpSocket *s) {
        s->write(test::httpResponse("200 OK", "Content-Type: text/plain\r\n", "direct"));
    };
    qputenv("http_proxy", proxy.url().toEncoded());
    qputenv("no_proxy", "127.0.0.1");
    CurlRequest r;
    r.setUrl(server.url());
    QVERIFY(finish(r));
    QVERIFY2(r.errorKind() == ApiError::Kind::None, qPrintable(r.errorString()));
    QCOMPARE(r.readAll(), QByteArray("direct"));
    QCOMPARE(proxy.connectionsAccepted, 0);
}

void TestCurlTransport::uploadSendsTheBody_data()
{
    QTest::addColumn<bool>("fromSource");
    QTest::newRow("from memory") << false;
    QTest::newRow("from a source") << true;
}

void TestCurlTransport::uploadSendsTheBody()
{
    QFETCH(bool, fromSource);
    // A server that answers only once the whole body has arrived, so the answer proves it did.
    const QByteArray payload(300 * 1024, 'x');
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray received;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = server.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [&, s] {
            received += s->readAll();
            const qsizetype end = received.indexOf("\r\n\r\n");
            if (end >= 0 && received.size() == end + 4 + payload.size())
                s->write(test::httpResponse("201 Created", "Content-Type: text/plain\r\n", "ok"));
        });
    });
    CurlRequest r;
    r.setUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/upload").arg(server.serverPort())));
    r.setMethod("PUT");
    r.setHeader("Content-Type", "application/octet-stream");
    qint64 offset = 0;
    if (fromSource) {
        r.setBodySource(payload.size(), [&](char *buffer, qint64 max) {
            const qint64 n = qMin(max, payload.size() - offset);
            std::memcpy(buffer, payload.constData() + offset, size_t(n));
            offset += n;
            return n;
        });
    } else {
        r.setBody(payload);
    }
    QSignalSpy progress(&r, &CurlRequest::uploadProgress);
    QVERIFY(finish(r));
    QVERIFY2(r.errorKind() == ApiError::Kind::None, qPrintable(r.errorString()));
    QCOMPARE(r.status(), 201);
    QVERIFY(received.startsWith("PUT /upload HTTP/1.1\r\n"));
    QVERIFY(received.contains("Content-Length: 307200\r\n"));
    QVERIFY(received.endsWith(payload));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(payload.size()));
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(payload.size()));
}

void TestCurlTransport::unreadableBodySourceIsALocalError()
{
    ScriptedServer server; // reads the headers, never answers
    CurlRequest r;
    r.setUrl(server.url());
    r.setMethod("PATCH");
    r.setBodySource(1000, [](char *, qint64) { return qint64(-1); });
    QVERIFY(finish(r));
    QCOMPARE(r.errorKind(), ApiError::Kind::Local);
    QVERIFY2(r.errorString().contains(QLatin1String("cannot be read")),
             qPrintable(r.errorString()));
}

void TestCurlTransport::requestsRunInAWorkerThread()
{
    // Each thread has its own multi handle, created on first use and deleted with the thread.
    ScriptedServer server;
    server.fallback = [](QTcpSocket *s) {
        s->write(test::httpResponse("200 OK", "Content-Type: text/plain\r\n", "worker"));
    };
    const QUrl url = server.url();
    QByteArray answer;
    net::CurlMulti *workerMulti = nullptr;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        CurlRequest r;
        r.setUrl(url);
        QEventLoop loop; // the worker thread's own event loop, as in a real worker
        connect(&r, &CurlRequest::finished, &loop, &QEventLoop::quit);
        r.start();
        loop.exec();
        answer = r.readAll();
        workerMulti = net::CurlMulti::forCurrentThread();
    }));
    worker->start();
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 30000);
    QCOMPARE(answer, QByteArray("worker"));
    QVERIFY(workerMulti != net::CurlMulti::forCurrentThread());
}

// ApiRequest reaches a
// deployment behind the ingress whose CA is given only in SSL_CERT_FILE, as the IVCAP CLI does.
void TestCurlTransport::apiRequestOverCurlThroughIngress()
{
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    Connection connection(m_ingress->url(), m_sandbox->token());
    auto *request = new ApiRequest(&connection, "GET", pageUrl(m_ingress->url()));
    QSignalSpy finished(request, &ApiRequest::finished);
    QSignalSpy failed(request, &ApiRequest::failed);
    request->start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<ApiError>().toString()));
    const QJsonDocument page = finished.first().first().toJsonDocument();
    QVERIFY(page.isObject());
    QCOMPARE(page.toJson(QJsonDocument::Compact),
             QJsonDocument::fromJson(sandboxPage()).toJson(QJsonDocument::Compact));
}

void TestCurlTransport::apiRequestOverCurlRefusesUnknownIssuer()
{
    Connection connection(m_ingress->url(), m_sandbox->token());
    auto *request = new ApiRequest(&connection, "GET", pageUrl(m_ingress->url()));
    request->setMaxAttempts(1);
    QSignalSpy finished(request, &ApiRequest::finished);
    QSignalSpy failed(request, &ApiRequest::failed);
    request->start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 30000);
    QCOMPARE(finished.size(), 0);
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.kind, ApiError::Kind::Network);
    QVERIFY2(error.message.contains(QLatin1String("unknown certificate authority")),
             qPrintable(error.message));
    QVERIFY(!error.message.contains(m_sandbox->token()));
}

QTEST_GUILESS_MAIN(TestCurlTransport)
#include "tst_curltransport.moc"
