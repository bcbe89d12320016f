#include "tuspatchchannel.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>

namespace ivcap {

namespace {
// Large writes keep the server busy between our event loop turns; a bounded amount in flight
// keeps memory flat whatever the chunk size.
constexpr qint64 kBlock = 1 << 20;
constexpr qint64 kMaxInFlight = 4 << 20;

bool isHttps(const QUrl &url)
{
    return url.scheme() == QLatin1String("https");
}

QNetworkReply::NetworkError networkErrorOf(QAbstractSocket::SocketError error)
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

TusPatchChannel::TusPatchChannel(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TusPatchChannel::onTimeout);
}

TusPatchChannel::~TusPatchChannel()
{
    dropSocket();
}

bool TusPatchChannel::canReach(QNetworkAccessManager *network, const QUrl &url)
{
    if (url.scheme() != QLatin1String("http") && !isHttps(url))
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

void TusPatchChannel::send(const QNetworkRequest &request, QIODevice *body)
{
    if (isBusy())
        abort(); // the connection is in the middle of the previous request
    m_timer.stop();
    m_request = request;
    m_body.reset(body);
    m_bodyStart = body->pos();
    m_length = request.header(QNetworkRequest::ContentLengthHeader).toLongLong();
    m_sent = 0;
    m_retriedStale = false;
    m_response.reset();
    m_error = ApiError();
    const QUrl url = request.url();
    const QString endpoint = url.scheme() + QLatin1Char('|') + url.host() + QLatin1Char('|') +
                             QString::number(url.port(isHttps(url) ? 443 : 80));
    if (m_socket &&
        (m_endpoint != endpoint || m_socket->state() != QAbstractSocket::ConnectedState))
        dropSocket();
    m_endpoint = endpoint;
    touch();
    if (m_socket) {
        m_reused = true;
        writeHead();
    } else {
        connectSocket();
    }
}

void TusPatchChannel::connectSocket()
{
    m_reused = false;
    const QUrl url = m_request.url();
    QAbstractSocket *socket = nullptr;
    if (isHttps(url)) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(m_request.sslConfiguration());
        connect(ssl, &QSslSocket::encrypted, this, &TusPatchChannel::writeHead);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QAbstractSocket::connected, this, &TusPatchChannel::writeHead);
    }
    m_socket = socket;
    // A proxy is never in the way here: canReach() sends those uploads through Qt's client.
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QAbstractSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        touch();
    });
    connect(socket, &QAbstractSocket::bytesWritten, this, [this] {
        touch();
        pump();
    });
    connect(socket, &QAbstractSocket::readyRead, this, &TusPatchChannel::onReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &TusPatchChannel::onSocketEnded);
    connect(socket, &QAbstractSocket::disconnected, this, &TusPatchChannel::onSocketEnded);
    const quint16 port = quint16(url.port(isHttps(url) ? 443 : 80));
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        ssl->connectToHostEncrypted(url.host(), port);
    else
        socket->connectToHost(url.host(), port);
}

void TusPatchChannel::writeHead()
{
    if (!m_socket || !isBusy())
        return;
    const QUrl url = m_request.url();
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    // Connection::request() puts a Host override among the raw headers.
    const QByteArray host = m_request.hasRawHeader("Host")
                                ? m_request.rawHeader("Host")
                                : url.adjusted(QUrl::RemoveUserInfo).authority().toLatin1();
    QByteArray head = "PATCH " + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const QByteArray &name : m_request.rawHeaderList()) {
        if (name.compare("Host", Qt::CaseInsensitive) != 0)
            head += name + ": " + m_request.rawHeader(name) + "\r\n";
    }
    head += "\r\n";
    m_socket->write(head);
    pump();
}

void TusPatchChannel::pump()
{
    while (m_socket && isBusy() && m_sent < m_length && m_socket->bytesToWrite() < kMaxInFlight) {
        m_block.resize(qMin(kBlock, m_length - m_sent));
        const qint64 n = m_body->read(m_block.data(), m_block.size());
        if (n <= 0) {
            const QString why = m_body->errorString().isEmpty()
                                    ? tr("The data to upload ended early.")
                                    : m_body->errorString();
            dropSocket();
            finish(ApiError::local(why));
            return;
        }
        m_socket->write(m_block.constData(), n);
        m_sent += n;
    }
}

void TusPatchChannel::onReadyRead()
{
    if (!isBusy()) {
        // Nothing was asked on an idle connection: whatever came makes it unusable.
        dropSocket();
        return;
    }
    touch();
    switch (m_response.feed(m_socket->readAll())) {
    case HttpResponseParser::Result::Complete:
        complete();
        break;
    case HttpResponseParser::Result::Error:
        dropSocket();
        failNetwork(QNetworkReply::ProtocolFailure, m_response.errorString());
        break;
    case HttpResponseParser::Result::Incomplete:
        break;
    }
}

void TusPatchChannel::onSocketEnded()
{
    if (!isBusy()) {
        dropSocket(); // an idle kept-alive connection the server closed
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0) {
        onReadyRead();
        if (!isBusy())
            return;
    }
    const QAbstractSocket::SocketError socketError =
        m_socket ? m_socket->error() : QAbstractSocket::RemoteHostClosedError;
    const QString why = m_socket ? m_socket->errorString() : QString();
    // A kept-alive connection may have been closed by the server just as the PATCH went out;
    // once on a fresh connection is what any HTTP client does (and TUS offsets make it safe).
    if (m_reused && !m_retriedStale && !m_response.hasStarted() && m_body->seek(m_bodyStart)) {
        m_retriedStale = true;
        m_sent = 0;
        dropSocket();
        connectSocket();
        return;
    }
    if (m_response.finishAtClose() == HttpResponseParser::Result::Complete) {
        complete();
        return;
    }
    dropSocket();
    failNetwork(networkErrorOf(socketError), why);
}

void TusPatchChannel::touch()
{
    if (isBusy() && m_request.transferTimeout() > 0)
        m_timer.start(m_request.transferTimeout());
}

void TusPatchChannel::onTimeout()
{
    if (!isBusy())
        return;
    dropSocket();
    failNetwork(QNetworkReply::TimeoutError, QString());
}

void TusPatchChannel::complete()
{
    // An answer before the whole body went out (an early 4xx or 5xx) leaves the connection in
    // the middle of a request: it cannot carry the next one.
    if (!m_response.keepAlive() || m_sent < m_length || !m_socket || m_socket->bytesToWrite() > 0)
        dropSocket();
    ApiError::Response r;
    r.url = m_request.url();
    r.httpStatus = m_response.statusCode();
    r.goaError = m_response.header("goa-error");
    r.reasonPhrase = QString::fromLatin1(m_response.reasonPhrase());
    finish(ApiError::fromResponse(r, m_response.body()));
}

void TusPatchChannel::failNetwork(int networkError, const QString &why)
{
    ApiError::Response r;
    r.url = m_request.url();
    r.networkError = networkError;
    r.errorString = why;
    finish(ApiError::fromResponse(r, QByteArray()));
}

void TusPatchChannel::finish(const ApiError &error)
{
    m_timer.stop();
    m_body.reset();
    m_error = error;
    Q_EMIT finished(); // last: a receiver may send the next PATCH at once
}

void TusPatchChannel::abort()
{
    m_timer.stop();
    m_body.reset();
    dropSocket();
}

void TusPatchChannel::dropSocket()
{
    if (QAbstractSocket *socket = m_socket.data()) {
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

} // namespace ivcap
