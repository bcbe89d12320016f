#include "contentrequest.h"

#include "connection.h"
#include "net/curlrequest.h"
#include "redirectpolicy.h"

#include <QCoreApplication>
#include <QTimer>

#include <limits>

namespace ivcap {

namespace {
// Of an error answer, only this much is kept for its message.
constexpr qsizetype kMaxErrorBody = 64 * 1024;

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}
} // namespace

ContentRequest::ContentRequest(Connection *connection, const QUrl &url, qint64 maxBytes,
                               QObject *parent)
    : QObject(parent), m_connection(connection), m_url(url), m_maxBytes(qMax<qint64>(0, maxBytes))
{}

ContentRequest::~ContentRequest()
{
    dropReply();
}

void ContentRequest::start()
{
    if (m_started)
        return;
    m_started = true;
    // Deferred so that no result can arrive before the caller has connected.
    QTimer::singleShot(0, this, &ContentRequest::send);
}

void ContentRequest::cancel()
{
    m_done = true;
    dropReply();
}

void ContentRequest::dropReply()
{
    // Destroying a CurlRequest closes its transfer at once, also from inside its signals.
    delete m_curl.data();
}

void ContentRequest::send()
{
    if (m_done)
        return;
    if (!m_connection) {
        ApiError e = ApiError::local(
            QCoreApplication::translate("ivcap::ContentRequest", "No connection to a deployment"));
        e.kind = ApiError::Kind::Cancelled;
        report(e, false);
        return;
    }
    if (!m_url.isValid()) {
        report(ApiError::local(QCoreApplication::translate("ivcap::ContentRequest",
                                                           "The artifact has no content URL")),
               false);
        return;
    }
    if (m_requestUrl.isEmpty())
        m_requestUrl = m_url;
    m_buffer.clear();
    m_errorBody.clear();
    net::CurlRequest *curl = m_connection->newRequest("GET", m_requestUrl, this);
    curl->replaceHeader("Accept", "*/*");
    // Only the head is kept and the transfer ends after it, so no length is too large.
    curl->setMaxBodyBytes(std::numeric_limits<qint64>::max());
    m_curl = curl;
    connect(curl, &net::CurlRequest::readyRead, this, &ContentRequest::onReadyRead);
    connect(curl, &net::CurlRequest::finished, this, &ContentRequest::onFinished);
    curl->start();
}

void ContentRequest::onReadyRead()
{
    if (!m_curl)
        return;
    const QByteArray chunk = m_curl->readAll();
    if (!isSuccess(m_curl->status())) {
        m_errorBody += chunk.left(kMaxErrorBody - m_errorBody.size());
        return;
    }
    m_buffer += chunk.left(m_maxBytes + 1 - m_buffer.size());
    if (m_buffer.size() > m_maxBytes) {
        m_buffer.truncate(m_maxBytes);
        dropReply();
        // Queued: we are inside the request's signal and the receiver may delete us.
        QTimer::singleShot(0, this, [this] { report(ApiError(), true); });
    }
}

void ContentRequest::onFinished()
{
    if (!m_curl || m_done)
        return;
    onReadyRead(); // whatever is still buffered
    if (!m_curl)
        return; // the head was complete and is being reported
    net::CurlRequest *curl = m_curl;
    m_curl = nullptr;
    disconnect(curl, nullptr, this, nullptr);
    curl->deleteLater();
    const int status = curl->status();
    if (curl->errorKind() == ApiError::Kind::None && RedirectPolicy::isRedirect(status) &&
        m_connection) {
        const RedirectPolicy::Decision redirect = RedirectPolicy::decide(
            *m_connection, "GET", status, m_requestUrl, curl->header("location"), m_hops);
        if (redirect.follow) {
            ++m_hops;
            m_requestUrl = redirect.target;
            send();
            return;
        }
        if (!redirect.refusal.isEmpty()) {
            ApiError error = ApiError::fromCurl(*curl, m_requestUrl, m_errorBody);
            error.message = redirect.refusal;
            report(error, false);
            return;
        }
    }
    report(ApiError::fromCurl(*curl, m_requestUrl,
                              isSuccess(status) ? QByteArray() : std::exchange(m_errorBody, {})),
           false);
}

void ContentRequest::report(const ApiError &error, bool truncated)
{
    if (m_done)
        return;
    m_done = true;
    if (error.isError()) {
        m_buffer.clear();
        if (error.kind == ApiError::Kind::Unauthorized && m_connection)
            Q_EMIT m_connection->authenticationRequired(error);
        Q_EMIT failed(error);
    } else {
        const QByteArray data = std::exchange(m_buffer, QByteArray());
        Q_EMIT finished(data, truncated);
    }
    if (m_autoDelete)
        deleteLater();
}

} // namespace ivcap
