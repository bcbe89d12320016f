#include "httpchannel.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>

namespace ivcap {

namespace {
// Large writes keep the server busy between our event loop turns; a bounded amount in flight
// keeps memory flat whatever the size of a streamed body.
constexpr qint64 kBlock = 1 << 20;
constexpr qint64 kMaxInFlight = 4 << 20;

bool isHttps(const QUrl &url)
{
    return url.scheme() == QLatin1String("https");
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
    if (url.scheme() != QLatin1String("http") && (!isHttps(url) || !QSslSocket::supportsSsl()))
        return false;
    QNetworkProxy proxy = network->proxy();
    if (proxy.type() == QNetworkProxy::DefaultProxy) {
        const QNetworkProxyQuery query(url);
        const QList<QNetworkProxy> proxies = network->proxyFactory()
                                                 ? network->proxyFactory()->queryProxy(query)
                                                 : QNetworkProxyFactory::proxyForQuery(query);
        proxy = proxies.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    }
    return proxy.type() == QNetworkProxy::NoProxy;
}

QString HttpChannel::originOf(const QUrl &url)
{
    return url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(url.port(isHttps(url) ? 443 : 80));
}

bool HttpChannel::isReusableFor(const QUrl &url) const
{
    return !m_busy && m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
           m_origin == originOf(url);
}

ApiError HttpChannel::error() const
{
    if (!m_localError.isEmpty())
        return ApiError::local(m_localError);
    if (m_parser.overLimit())
        return ApiError::tooLarge(m_request.url());
    return ApiError::fromResponse(m_result, m_parser.body());
}

void HttpChannel::send(const QNetworkRequest &request, const QByteArray &method,
                       const QByteArray &body)
{
    m_device.reset();
    m_body = body;
    m_length = body.size();
    start(request, method);
}

void HttpChannel::send(const QNetworkRequest &request, const QByteArray &method, QIODevice *body)
{
    m_body.clear();
    m_device.reset(body);
    m_deviceStart = body->pos();
    m_length = request.header(QNetworkRequest::ContentLengthHeader).toLongLong();
    start(request, method);
}

void HttpChannel::start(const QNetworkRequest &request, const QByteArray &method)
{
    const bool reusable = isReusableFor(request.url());
    m_request = request;
    m_method = method;
    m_sent = 0;
    m_parser.reset();
    m_result = ApiError::Response();
    m_result.url = request.url();
    m_localError.clear();
    m_resentStale = false;
    m_busy = true;
    ++m_serial;
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
    m_device.reset();
    dropSocket();
}

void HttpChannel::connectSocket()
{
    dropSocket();
    const QUrl url = m_request.url();
    m_origin = originOf(url);
    QAbstractSocket *socket = nullptr;
    if (isHttps(url)) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(m_request.sslConfiguration());
        connect(ssl, &QSslSocket::encrypted, this, &HttpChannel::writeRequest);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QAbstractSocket::connected, this, &HttpChannel::writeRequest);
    }
    m_socket = socket;
    // reachesDirectly() already sent every proxied request through Qt's client.
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QAbstractSocket::readyRead, this, &HttpChannel::onReadyRead);
    connect(socket, &QAbstractSocket::disconnected, this, &HttpChannel::onDisconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, &HttpChannel::onSocketError);
    connect(socket, &QAbstractSocket::bytesWritten, this, [this] {
        touch();
        pump();
    });
    touch();
    const quint16 port = quint16(url.port(isHttps(url) ? 443 : 80));
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        ssl->connectToHostEncrypted(url.host(), port);
    else
        socket->connectToHost(url.host(), port);
}

void HttpChannel::writeRequest()
{
    if (!m_socket || !m_busy)
        return;
    // Requests and answers are latency-bound: no Nagle delay on either end of a body.
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
    // Connection::request() puts a Host override among the raw headers.
    if (!m_request.hasRawHeader("Host"))
        head += "Host: " + url.adjusted(QUrl::RemoveUserInfo).authority().toLatin1() + "\r\n";
    // The list includes the headers set through QNetworkRequest::setHeader (User-Agent,
    // Content-Type), in their wire form.
    const QList<QByteArray> names = m_request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            head += name + ": " + m_request.rawHeader(name) + "\r\n";
    }
    if (m_length > 0 || (m_method != "GET" && m_method != "HEAD"))
        head += "Content-Length: " + QByteArray::number(m_length) + "\r\n";
    head += "\r\n";
    if (!m_device) {
        m_socket->write(head + m_body);
        m_sent = m_length;
    } else {
        m_socket->write(head);
        pump();
    }
    // QAbstractSocket would hand the bytes to the kernel only once control is back in the
    // event loop, that is after the caller has parsed the page it just got.
    if (m_socket)
        m_socket->flush();
    touch();
}

void HttpChannel::pump()
{
    while (m_device && m_socket && m_busy && m_sent < m_length &&
           m_socket->bytesToWrite() < kMaxInFlight) {
        m_block.resize(qMin(kBlock, m_length - m_sent));
        const qint64 n = m_device->read(m_block.data(), m_block.size());
        if (n <= 0) {
            // 0: the source is shorter than it said (a file that shrank); -1: a read error.
            m_localError = n == 0 ? tr("The data to upload ended early.") : m_device->errorString();
            m_device.reset();
            dropSocket();
            // This may be the first block, written from within send(): report from the
            // event loop, and only if this request is still the one in flight.
            QTimer::singleShot(0, this, [this, serial = m_serial] {
                if (m_busy && serial == m_serial)
                    finish();
            });
            return;
        }
        m_socket->write(m_block.constData(), n);
        m_sent += n;
    }
}

void HttpChannel::touch()
{
    if (m_busy && m_request.transferTimeout() > 0)
        m_timer.start(m_request.transferTimeout());
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
    touch();
    const auto result = m_parser.feed(data);
    if (m_parser.overLimit()) {
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
        dropSocket(); // an idle kept-alive connection the server closed
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0) {
        onReadyRead();
        if (!m_busy)
            return;
    }
    if (m_reused && !m_resentStale && !m_parser.hasStarted() &&
        (!m_device || m_device->seek(m_deviceStart))) {
        // The server closed the kept-alive connection before it read this request (an idle
        // timeout crossing our send): sending it again on a fresh connection is what every
        // HTTP client does. The server never acted on the first copy, and a TUS PATCH that it
        // did act on would be refused for its offset, not applied twice.
        m_resentStale = true;
        m_reused = false;
        m_sent = 0;
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
    if (m_busy)
        failTransport(QNetworkReply::TimeoutError, QString());
}

void HttpChannel::complete()
{
    m_result.httpStatus = m_parser.statusCode();
    m_result.reasonPhrase = QString::fromLatin1(m_parser.reasonPhrase());
    m_result.goaError = m_parser.header("goa-error");
    m_result.location = m_parser.header("Location");
    // An answer before the whole body went out (an early 4xx or 5xx) leaves the connection in
    // the middle of a request: it cannot carry the next one.
    if (!m_parser.keepAlive() || m_sent < m_length || !m_socket || m_socket->bytesToWrite() > 0)
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
    m_device.reset();
    Q_EMIT finished(); // last: a receiver may send the next request at once
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
