#include "jobeventstream.h"

#include "connection.h"
#include "dialect.h"
#include "net/curlrequest.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include <limits>

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
    dropRequest();
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
    dropRequest();
}

void JobEventStream::dropRequest()
{
    // Closes the transfer at once, also from inside the request's own signals.
    delete m_request.data();
    m_request = nullptr;
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
    net::CurlRequest *request = m_connection->newRequest("GET", m_url, this);
    m_request = request;
    request->replaceHeader("Accept", "text/event-stream");
    if (!m_lastEventId.isEmpty())
        request->setHeader("Last-Event-Id", m_lastEventId.toUtf8());
    // The server closes a quiet stream after its max-wait-time (30 s by default); twice that
    // without a byte means the connection is gone.
    request->setTransferTimeout(qMax(m_connection->timeoutMs(), 60000));
    // A stream is as long as the job runs; SseParser limits each line and event instead.
    request->setMaxBodyBytes(std::numeric_limits<qint64>::max());
    connect(request, &net::CurlRequest::readyRead, this, &JobEventStream::onReadyRead);
    connect(request, &net::CurlRequest::finished, this, &JobEventStream::onFinished);
    request->start();
}

void JobEventStream::onReadyRead()
{
    net::CurlRequest *request = m_request;
    if (!request || m_done)
        return;
    const int status = request->status();
    if (status < 200 || status > 299) {
        // The error body is read whole in onFinished, up to the usual cap.
        if (request->bytesReceived() > net::CurlRequest::DefaultMaxBodyBytes)
            finishWith(Failed, ApiError::tooLarge(m_url));
        return;
    }
    // 204: the job has ended and nothing came after the last event; there is no stream to check.
    if (status == 204)
        return;
    if (!m_checked) {
        m_checked = true;
        const QString type = QString::fromLatin1(request->header("content-type"))
                                 .section(QLatin1Char(';'), 0, 0)
                                 .trimmed();
        if (type.compare(QLatin1String("text/event-stream"), Qt::CaseInsensitive) != 0) {
            finishWith(Unavailable,
                       ApiError::malformed(
                           m_url, QStringLiteral("expected text/event-stream, got %1")
                                      .arg(type.isEmpty() ? QStringLiteral("nothing") : type)));
            return;
        }
    }
    const QList<SseEvent> events = m_parser.feed(request->readAll());
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
    net::CurlRequest *request = m_request;
    if (!request || m_done)
        return;
    const bool complete = request->errorKind() == ApiError::Kind::None;
    // A transfer that broke off after the status line is a broken stream, not an answer.
    const int status = complete ? request->status() : 0;
    if (status >= 200 && status <= 299) {
        onReadyRead(); // checks the content type also of an empty stream
        if (m_done)
            return;
        m_parser.finish();
        if (status == 204 || m_checked) {
            finishWith(Ended, ApiError());
            return;
        }
    }
    ApiError error = ApiError::fromCurl(*request, m_url, request->readAll());
    if (error.kind == ApiError::Kind::Timeout)
        error.message = QCoreApplication::translate("ivcap::JobEventStream",
                                                    "The job's event stream went quiet");
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
    dropRequest();
    // Never from within start(), and never while the request is still on the stack.
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
