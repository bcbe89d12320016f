#include "jobeventstream.h"

#include "connection.h"
#include "dialect.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ivcap {

namespace {
enum Outcome { Ended, Unavailable, Failed };
}

JobEventStream::JobEventStream(Connection *connection, const QString &serviceId,
                               const QString &jobId, QObject *parent)
    : QObject(parent), m_connection(connection), m_serviceId(serviceId), m_jobId(jobId)
{}

JobEventStream::~JobEventStream()
{
    dropReply();
}

QJsonValue JobEventStream::value(const QJsonObject &event, QLatin1String key)
{
    const QJsonValue exact = event.value(key);
    if (!exact.isUndefined())
        return exact;
    for (auto it = event.constBegin(); it != event.constEnd(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue();
}

QString JobEventStream::statusOf(const QJsonObject &event)
{
    const QJsonObject data = value(event, QLatin1String("data")).toObject();
    return value(data, QLatin1String("status")).toString();
}

void JobEventStream::start()
{
    QTimer::singleShot(0, this, &JobEventStream::send);
}

void JobEventStream::cancel()
{
    m_done = true;
    dropReply();
}

void JobEventStream::dropReply()
{
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void JobEventStream::send()
{
    if (m_done)
        return;
    if (!m_connection) {
        finishWith(Failed, ApiError::local(QCoreApplication::translate(
                               "ivcap::JobEventStream", "Not connected to a deployment.")));
        return;
    }
    m_url = m_connection->apiUrl(
        m_connection->dialect().entityPath(EntityKind::Jobs, m_jobId, m_serviceId) +
        QStringLiteral("/events"));
    QNetworkRequest req = m_connection->request(m_url);
    req.setRawHeader("Accept", "text/event-stream");
    if (!m_lastEventId.isEmpty())
        req.setRawHeader("Last-Event-Id", m_lastEventId.toUtf8());
    // The server closes a quiet stream after its max-wait-time (30 s by default); twice that
    // without a byte means the connection is gone.
    req.setTransferTimeout(qMax(m_connection->timeoutMs(), 60000));
    m_reply = m_connection->network()->get(req);
    connect(m_reply, &QNetworkReply::readyRead, this, &JobEventStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &JobEventStream::onFinished);
}

void JobEventStream::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    if (!m_checked) {
        m_checked = true;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString type = reply->header(QNetworkRequest::ContentTypeHeader)
                                 .toString()
                                 .section(QLatin1Char(';'), 0, 0)
                                 .trimmed();
        if (status < 200 || status > 299)
            return; // the error body is read whole in onFinished
        if (type.compare(QLatin1String("text/event-stream"), Qt::CaseInsensitive) != 0) {
            finishWith(Unavailable,
                       ApiError::malformed(
                           m_url, QStringLiteral("expected text/event-stream, got %1")
                                      .arg(type.isEmpty() ? QStringLiteral("nothing") : type)));
            return;
        }
    }
    const QList<SseEvent> events = m_parser.feed(reply->readAll());
    for (const SseEvent &event : events) {
        if (m_done)
            return;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(event.data.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            Q_EMIT malformedEvent(ApiError::malformed(
                m_url, QCoreApplication::translate("ivcap::JobEventStream",
                                                   "an event of the job's stream is not a JSON "
                                                   "object: %1")
                           .arg(event.data.left(200))));
            continue;
        }
        ++m_events;
        Q_EMIT eventReceived(event, doc.object());
    }
    if (m_parser.hasError() && !m_done) {
        ApiError tooLarge = ApiError::tooLarge(m_url);
        finishWith(Failed, tooLarge);
    }
}

void JobEventStream::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status <= 299 && reply->error() == QNetworkReply::NoError) {
        onReadyRead();
        if (m_done)
            return;
        m_parser.finish();
        if (status == 204 || m_checked) {
            finishWith(Ended, ApiError());
            return;
        }
    }
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    ApiError error = ApiError::fromReply(reply, body);
    if (error.kind == ApiError::Kind::Cancelled) {
        error.kind = ApiError::Kind::Timeout;
        error.message = QCoreApplication::translate("ivcap::JobEventStream",
                                                    "The job's event stream went quiet");
    }
    if (status == 404 || status == 405 || status == 501) {
        finishWith(Unavailable, error);
        return;
    }
    if (status == 504) { // event-timeout: nothing happened within max-wait-time
        finishWith(Ended, ApiError());
        return;
    }
    if (error.kind == ApiError::Kind::Unauthorized && m_connection)
        Q_EMIT m_connection->authenticationRequired(error);
    finishWith(Failed,
               error.isError() ? error : ApiError::malformed(m_url, QStringLiteral("no stream")));
}

void JobEventStream::finishWith(int outcome, const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    dropReply();
    // Never from within start(), and never while the reply is still on the stack.
    QTimer::singleShot(0, this, [this, outcome, error] {
        switch (outcome) {
        case Ended:
            Q_EMIT ended();
            break;
        case Unavailable:
            Q_EMIT unavailable(error);
            break;
        default:
            Q_EMIT failed(error);
            break;
        }
    });
}

} // namespace ivcap
