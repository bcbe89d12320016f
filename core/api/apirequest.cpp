#include "apirequest.h"

#include "aspect/jsonnumbers.h"
#include "redirectpolicy.h"

#include "changenotifier.h"
#include "connection.h"
#include "httpchannel.h"
#include "net/curlrequest.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ivcap {

ApiRequest::ApiRequest(Connection *connection, const QByteArray &method, const QUrl &url,
                       QObject *parent)
    : QObject(parent), m_connection(connection), m_method(method), m_url(url)
{}

ApiRequest::~ApiRequest()
{
    dropReply();
}

void ApiRequest::setBody(const QByteArray &body, const QByteArray &contentType)
{
    m_body = body;
    m_contentType = contentType;
}

void ApiRequest::start()
{
    if (m_started)
        return;
    m_started = true;
    // Deferred so that a caller connecting after start() still sees every signal, and so that
    // no result can ever arrive synchronously.
    QTimer::singleShot(0, this, &ApiRequest::send);
}

void ApiRequest::startNow()
{
    if (m_started)
        return;
    m_started = true;
    send();
}

void ApiRequest::cancel()
{
    m_done = true;
    dropReply();
}

void ApiRequest::dropReply()
{
    // Destroying a CurlRequest closes its transfer at once, also from inside its signals.
    delete m_curl.data();
    if (m_channel) {
        HttpChannel *channel = m_channel;
        m_channel = nullptr;
        disconnect(channel, nullptr, this, nullptr);
        channel->abort();
        if (m_connection)
            m_connection->releaseChannel(channel);
    }
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    // Disconnect first: abort() emits finished() synchronously.
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void ApiRequest::send()
{
    if (m_done)
        return;
    if (!m_connection) {
        ApiError e = ApiError::local(
            QCoreApplication::translate("ivcap::ApiRequest", "No connection to a deployment"));
        e.kind = ApiError::Kind::Cancelled;
        fail(e);
        return;
    }
    ++m_attempt;
    m_buffer.clear();
    QNetworkRequest req = m_connection->request(m_url);
    m_sentToken = m_connection->token();
    if (!m_contentType.isEmpty() && (!m_body.isEmpty() || m_method != "GET"))
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
    if (m_connection->usesCurl()) {
        sendOverCurl(req);
        return;
    }
    // Only GETs: a channel resends a request whose kept-alive connection turned out closed,
    // which must never happen to a POST.
    if (m_method == "GET" && m_connection->usesDirectHttp(m_url)) {
        m_channel = m_connection->takeChannel(m_url);
        m_channel->setMaxBodyBytes(m_maxBodyBytes);
        connect(m_channel, &HttpChannel::finished, this, &ApiRequest::onChannelFinished);
        m_channel->send(req, m_method, m_body);
        return;
    }
    // The reply stays a child of the network manager: if the connection goes away first, the
    // reply goes with it and the QPointer clears, instead of aborting on a dead manager later.
    m_reply = m_connection->network()->sendCustomRequest(req, m_method, m_body);
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiRequest::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiRequest::onFinished);
}

void ApiRequest::onReadyRead()
{
    if (!m_reply)
        return;
    // A declared length over the limit is refused before any of the body is read.
    const qint64 declared = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (declared <= m_maxBodyBytes)
        m_buffer += m_reply->readAll();
    if (declared > m_maxBodyBytes || m_buffer.size() > m_maxBodyBytes)
        failTooLarge();
}

void ApiRequest::failTooLarge()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
    m_buffer.clear();
    // Queued: we are inside the reply's signal and callers may delete us.
    QTimer::singleShot(0, this, [this, e = ApiError::tooLarge(m_url)] { fail(e); });
}

void ApiRequest::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    if (reply->isOpen()) // closed after a timeout
        m_buffer += reply->readAll();
    if (m_buffer.size() > m_maxBodyBytes) {
        failTooLarge();
        return;
    }
    m_reply = nullptr;
    reply->deleteLater();
    disconnect(reply, nullptr, this, nullptr);

    ApiError error = ApiError::fromReply(reply, m_buffer);
    // Qt reports the connection's transfer timeout as a cancellation; we never cancel a reply
    // without disconnecting from it first, so a cancellation seen here is the timeout.
    if (error.kind == ApiError::Kind::Cancelled) {
        error.kind = ApiError::Kind::Timeout;
        error.message =
            QCoreApplication::translate("ivcap::ApiError", "The server did not answer in time");
    }
    handleAnswer(error, reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 reply->rawHeader("Location"));
}

void ApiRequest::onChannelFinished()
{
    HttpChannel *channel = m_channel;
    if (!channel || m_done)
        return;
    m_channel = nullptr;
    disconnect(channel, nullptr, this, nullptr);
    const ApiError error = channel->error();
    m_buffer = channel->body();
    const QString contentType = QString::fromLatin1(channel->rawHeader("Content-Type"));
    const QByteArray location = channel->rawHeader("Location");
    // Back to the pool first, so that whoever reacts to this answer with the next request
    // finds the connection idle and sends on it at once.
    if (m_connection)
        m_connection->releaseChannel(channel);
    handleAnswer(error, contentType, location);
}

void ApiRequest::sendOverCurl(const QNetworkRequest &req)
{
    auto *curl = new net::CurlRequest(this);
    m_curl = curl;
    curl->setMethod(m_method);
    curl->setUrl(req.url());
    // The known headers (User-Agent, Content-Type) are among the raw ones too.
    const QList<QByteArray> names = req.rawHeaderList();
    for (const QByteArray &name : names)
        curl->setHeader(name, req.rawHeader(name));
    if (!m_body.isEmpty() || m_method != "GET")
        curl->setBody(m_body);
    curl->setMaxBodyBytes(m_maxBodyBytes);
    curl->setTransferTimeout(req.transferTimeout());
    connect(curl, &net::CurlRequest::finished, this, &ApiRequest::onCurlFinished);
    curl->start();
}

void ApiRequest::onCurlFinished()
{
    net::CurlRequest *curl = m_curl;
    if (!curl || m_done)
        return;
    m_curl = nullptr;
    disconnect(curl, nullptr, this, nullptr);
    curl->deleteLater();
    m_buffer = curl->readAll();
    ApiError error;
    switch (curl->errorKind()) {
    case ApiError::Kind::None: {
        ApiError::Response response;
        response.url = m_url;
        response.httpStatus = curl->status();
        response.goaError = curl->header("goa-error");
        response.reasonPhrase = curl->reasonPhrase();
        response.location = curl->header("location");
        error = ApiError::fromResponse(response, m_buffer);
        break;
    }
    case ApiError::Kind::TooLarge:
        m_buffer.clear();
        error = ApiError::tooLarge(m_url);
        break;
    case ApiError::Kind::Timeout:
        error.kind = ApiError::Kind::Timeout;
        error.url = m_url.adjusted(QUrl::RemoveQuery);
        error.message =
            QCoreApplication::translate("ivcap::ApiError", "The server did not answer in time");
        break;
    default:
        error.kind = curl->errorKind();
        error.url = m_url.adjusted(QUrl::RemoveQuery);
        error.message = curl->errorString();
        break;
    }
    if (error.isError() && error.httpStatus == 0)
        m_buffer.clear();
    handleAnswer(error, QString::fromLatin1(curl->header("content-type")),
                 curl->header("location"));
}

void ApiRequest::handleAnswer(const ApiError &error, const QString &contentTypeHeader,
                              const QByteArray &location)
{
    if (RedirectPolicy::isRedirect(error.httpStatus)) {
        const auto decision =
            m_connection ? RedirectPolicy::decide(*m_connection, m_method, error.httpStatus, m_url,
                                                  location, m_hops)
                         : RedirectPolicy::Decision{};
        if (decision.follow) {
            // A hop is not another attempt: the retry budget stays for real failures.
            ++m_hops;
            --m_attempt;
            m_url = decision.target;
            send();
            return;
        }
        ApiError refused = error;
        if (!decision.refusal.isEmpty())
            refused.message = decision.refusal;
        fail(refused);
        return;
    }
    if (error.isError()) {
        if (retryWithNewToken(error))
            return;
        if (error.isTransient() && m_method == "GET" && m_attempt < m_maxAttempts) {
            const int delay = m_retryBaseMs * (1 << (m_attempt - 1));
            QTimer::singleShot(delay, this, &ApiRequest::send);
            return;
        }
        fail(error);
        return;
    }
    if (m_buffer.trimmed().isEmpty()) {
        succeed(QJsonDocument());
        return;
    }
    // A captive portal or a proxy answers 200 with a page of its own: say so instead of
    // reporting a JSON syntax error.
    const QString contentType =
        contentTypeHeader.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (!contentType.isEmpty() && contentType != QLatin1String("application/json") &&
        !contentType.endsWith(QLatin1String("+json"))) {
        fail(ApiError::malformed(m_url, QStringLiteral("expected JSON, got %1").arg(contentType)));
        return;
    }
    Q_EMIT bodyReceived(m_buffer);
    if (m_done) // the receiver cancelled us
        return;
    QJsonParseError parseError;
    // Numbers beyond a double's range (1e400) are valid JSON; Qt alone refuses them.
    const QJsonDocument doc = jsonnumbers::parse(m_buffer, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(ApiError::malformed(m_url, parseError.errorString()));
        return;
    }
    succeed(doc);
}

bool ApiRequest::retryWithNewToken(const ApiError &error)
{
    // A 401 means the server did not act on the request, so sending it again is safe for every
    // method; once only, so a refreshed token that is refused too cannot start a loop.
    if (error.kind != ApiError::Kind::Unauthorized || error.httpStatus != 401 || m_refreshTried ||
        !m_connection || !m_connection->canRefreshToken())
        return false;
    m_refreshTried = true;
    if (m_connection->token() != m_sentToken) {
        QTimer::singleShot(0, this, &ApiRequest::send);
        return true;
    }
    m_connection->refreshToken([self = QPointer<ApiRequest>(this), error](bool refreshed) {
        if (!self || self->m_done)
            return;
        refreshed ? self->send() : self->fail(error);
    });
    return true;
}

void ApiRequest::fail(const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_buffer.clear();
    if (error.kind == ApiError::Kind::Unauthorized && m_connection)
        Q_EMIT m_connection->authenticationRequired(error);
    Q_EMIT failed(error);
    if (m_autoDelete)
        deleteLater();
}

void ApiRequest::succeed(const QJsonDocument &document)
{
    if (m_done)
        return;
    m_done = true;
    m_buffer.clear();
    // Before the caller hears of it, so a view the caller opens next already sees the change
    // on its way.
    if (m_method != "GET" && m_connection)
        ChangeNotifier::of(m_connection)
            ->announceRequest(m_method, m_url,
                              document.object().value(QLatin1String("id")).toString());
    Q_EMIT finished(document);
    if (m_autoDelete)
        deleteLater();
}

} // namespace ivcap
