#include "httpchannel.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>

namespace ivcap {

namespace {
bool isNoProxy(const QNetworkProxy &proxy)
{
    return proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy;
}

int networkErrorOf(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QNetworkReply::SslHandshakeFailedError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}
} // namespace

HttpChannel::HttpChannel(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpChannel::onTimeout);
}

HttpChannel::~HttpChannel()
{
    dropSocket();
}

bool HttpChannel::reachesDirectly(QNetworkAccessManager *network, const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") &&
        (scheme != QLatin1String("https") || !QSslSocket::supportsSsl()))
        return false;
    if (!isNoProxy(network->proxy()))
        return false;
    const QNetworkProxyQuery query(url);
    const QList<QNetworkProxy> proxies = network->proxyFactory()
                                             ? network->proxyFactory()->queryProxy(query)
                                             : QNetworkProxyFactory::proxyForQuery(query);
    return proxies.isEmpty() || isNoProxy(proxies.constFirst());
}

QString HttpChannel::originOf(const QUrl &url)
{
    const bool tls = url.scheme() == QLatin1String("https");
    return url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(url.port(tls ? 443 : 80));
}

bool HttpChannel::isReusableFor(const QUrl &url) const
{
    return !m_busy && m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
           m_origin == originOf(url);
}

void HttpChannel::send(const QNetworkRequest &request, const QByteArray &method,
                       const QByteArray &body)
{
    const bool reusable = isReusableFor(request.url());
    m_request = request;
    m_method = method;
    m_body = body;
    m_parser.reset();
    m_result = ApiError::Response();
    m_result.url = request.url();
    m_tooLarge = false;
    m_resentStale = false;
    m_busy = true;
    if (reusable) {
        m_reused = true;
        writeRequest(); // at once: the point of this channel
        return;
    }
    m_reused = false;
    connectSocket();
}

void HttpChannel::abort()
{
    m_busy = false;
    m_timer.stop();
    dropSocket();
}

void HttpChannel::connectSocket()
{
    dropSocket();
    const QUrl url = m_request.url();
    m_origin = originOf(url);
    const bool tls = url.scheme() == QLatin1String("https");
    QAbstractSocket *socket = nullptr;
    if (tls) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(m_request.sslConfiguration());
        connect(ssl, &QSslSocket::encrypted, this, &HttpChannel::writeRequest);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QAbstractSocket::connected, this, &HttpChannel::writeRequest);
    }
    m_socket = socket;
    connect(socket, &QAbstractSocket::readyRead, this, &HttpChannel::onReadyRead);
    connect(socket, &QAbstractSocket::disconnected, this, &HttpChannel::onDisconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, &HttpChannel::onSocketError);
    connect(socket, &QAbstractSocket::bytesWritten, this, [this] {
        if (m_busy && m_timer.interval() > 0)
            m_timer.start();
    });
    const int timeout = m_request.transferTimeout();
    if (timeout > 0)
        m_timer.start(timeout);
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (tls)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(url.host(), port);
    else
        socket->connectToHost(url.host(), port);
}

void HttpChannel::writeRequest()
{
    if (!m_socket || !m_busy)
        return;
    // Small requests and their answers are latency-bound: no Nagle delay on either.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QUrl url = m_request.url();
    // As QNetworkAccessManager sends it: the encoded path and query, never the fragment.
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority |
                                      QUrl::RemoveFragment | QUrl::FullyEncoded);
    if (target.isEmpty() || target.startsWith('?'))
        target.prepend('/');
    QByteArray head;
    head.reserve(512 + target.size());
    head += m_method + ' ' + target + " HTTP/1.1\r\n";
    if (!m_request.hasRawHeader("Host")) {
        const bool tls = url.scheme() == QLatin1String("https");
        head += "Host: " + url.host(QUrl::FullyEncoded).toLatin1();
        if (url.port() != -1 && url.port() != (tls ? 443 : 80))
            head += ':' + QByteArray::number(url.port());
        head += "\r\n";
    }
    // The list includes the headers set through QNetworkRequest::setHeader (User-Agent,
    // Content-Type), in their wire form.
    const QList<QByteArray> names = m_request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            head += name + ": " + m_request.rawHeader(name) + "\r\n";
    }
    if (!m_body.isEmpty() || (m_method != "GET" && m_method != "HEAD"))
        head += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n";
    head += "\r\n";
    m_socket->write(head + m_body);
    // QAbstractSocket would hand the bytes to the kernel only once control is back in the
    // event loop, that is after the caller has parsed the page it just got.
    m_socket->flush();
    // QAbstractSocket would hand the bytes to the kernel only once control is back in the
    // event loop, that is after the caller has parsed the page it just got.
    m_socket->flush();
    const int timeout = m_request.transferTimeout();
    if (timeout > 0)
        m_timer.start(timeout);
}

void HttpChannel::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    if (!m_busy) {
        // Bytes nobody asked for: whatever the server meant, this connection is out of step.
        dropSocket();
        return;
    }
    if (m_timer.interval() > 0)
        m_timer.start();
    const auto result = m_parser.feed(data);
    if (m_parser.overLimit()) {
        m_tooLarge = true;
        m_result.httpStatus = m_parser.statusCode();
        dropSocket(); // the rest of the body is not worth reading
        finish();
        return;
    }
    if (result == HttpResponseParser::Result::Complete)
        complete();
    else if (result == HttpResponseParser::Result::Error)
        failTransport(QNetworkReply::ProtocolFailure, m_parser.errorString());
}

void HttpChannel::onDisconnected()
{
    if (!m_busy) {
        dropSocket();
        return;
    }
    if (m_reused && !m_resentStale && !m_parser.hasStarted()) {
        // The server closed the kept-alive connection before it read this request (an idle
        // timeout crossing our send): sending it again on a fresh connection is what every
        // HTTP client does, and the server never acted on the first copy.
        m_resentStale = true;
        m_reused = false;
        connectSocket();
        return;
    }
    if (m_parser.finishAtClose() == HttpResponseParser::Result::Complete)
        complete();
    else
        failTransport(QNetworkReply::RemoteHostClosedError, m_parser.errorString());
}

void HttpChannel::onSocketError()
{
    if (!m_socket || !m_busy)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError)
        return; // onDisconnected decides: a body may end with the connection
    failTransport(networkErrorOf(error), m_socket->errorString());
}

void HttpChannel::onTimeout()
{
    if (!m_busy)
        return;
    failTransport(QNetworkReply::TimeoutError, tr("The server did not answer in time"));
}

void HttpChannel::complete()
{
    m_result.httpStatus = m_parser.statusCode();
    m_result.reasonPhrase = QString::fromLatin1(m_parser.reasonPhrase());
    m_result.goaError = m_parser.header("goa-error");
    if (!m_parser.keepAlive())
        dropSocket();
    finish();
}

void HttpChannel::failTransport(int networkError, const QString &why)
{
    // Whatever was parsed of a broken answer is no answer: ApiError reads status 0 as a
    // transport failure, which an idempotent request may repeat.
    m_result.httpStatus = 0;
    m_result.networkError = networkError;
    m_result.errorString = why;
    dropSocket();
    finish();
}

void HttpChannel::finish()
{
    m_busy = false;
    m_timer.stop();
    Q_EMIT finished();
}

void HttpChannel::dropSocket()
{
    if (!m_socket)
        return;
    QAbstractSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

} // namespace ivcap
