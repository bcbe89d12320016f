#include "contentrequest.h"

#include "connection.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ivcap {

namespace {
bool isSuccess(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    // Disconnect first: abort() emits finished() synchronously.
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
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
    QNetworkRequest req = m_connection->request(m_url);
    req.setRawHeader("Accept", "*/*");
    m_reply = m_connection->network()->get(req);
    // Keeps Qt from reading far ahead of what we keep when the body is much larger than maxBytes.
    m_reply->setReadBufferSize(qMin<qint64>(m_maxBytes + 1, 4 << 20));
    connect(m_reply, &QNetworkReply::readyRead, this, &ContentRequest::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ContentRequest::onFinished);
}

void ContentRequest::onReadyRead()
{
    if (!m_reply || !isSuccess(m_reply))
        return; // an error body is read whole in onFinished
    m_buffer += m_reply->read(m_maxBytes + 1 - m_buffer.size());
    if (m_buffer.size() > m_maxBytes) {
        m_buffer.truncate(m_maxBytes);
        dropReply();
        // Queued: we are inside the reply's signal and the receiver may delete us.
        QTimer::singleShot(0, this, [this] { report(ApiError(), true); });
    }
}

void ContentRequest::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    const bool success = isSuccess(reply) && reply->error() == QNetworkReply::NoError;
    if (success)
        onReadyRead();
    if (!m_reply)
        return; // the head was complete and is being reported
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->deleteLater();
    ApiError error = ApiError::fromReply(reply, success ? QByteArray() : reply->readAll());
    // We never abort a connected reply, so a cancellation here is Qt's transfer timeout.
    if (error.kind == ApiError::Kind::Cancelled) {
        error.kind = ApiError::Kind::Timeout;
        error.message =
            QCoreApplication::translate("ivcap::ApiError", "The server did not answer in time");
    }
    report(error, false);
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
