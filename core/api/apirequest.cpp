#include "apirequest.h"

#include "aspect/jsonnumbers.h"
#include "redirectpolicy.h"

#include "changenotifier.h"
#include "connection.h"
#include "net/curlrequest.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonParseError>
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
    m_sentToken = m_connection->token();
    net::CurlRequest *curl = m_connection->newRequest(m_method, m_url, this);
    m_curl = curl;
    if (!m_body.isEmpty() || m_method != "GET") {
        if (!m_contentType.isEmpty())
            curl->setHeader("Content-Type", m_contentType);
        curl->setBody(m_body);
    }
    curl->setMaxBodyBytes(m_maxBodyBytes);
    connect(curl, &net::CurlRequest::finished, this, &ApiRequest::onFinished);
    curl->start();
}

void ApiRequest::onFinished()
{
    net::CurlRequest *curl = m_curl;
    if (!curl || m_done)
        return;
    m_curl = nullptr;
    disconnect(curl, nullptr, this, nullptr);
    curl->deleteLater();
    m_buffer = curl->readAll();
    const ApiError error = ApiError::fromCurl(*curl, m_url, m_buffer);
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
