#pragma once

#include "apierror.h"
#include "sseparser.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace ivcap {
namespace net {
class CurlRequest;
}

class Connection;

// One connection to a job's event stream (PROTOCOL-0.48 §2.2, v0.48:
// `GET /1/services2/{service}/jobs/{job}/events`): a text/event-stream read with SseParser,
// resumed after `lastEventId` (sent as `Last-Event-Id`). Each event's data is a JSON object
// (JobEvent: SeqID, eventID, type, schema, source, timestamp, data); keys are matched without
// regard to case, because servers write them in PascalCase or camelCase.
//
// It runs on the one HTTP stack (Connection::newRequest: token to the deployment only, its CA
// file) and reads events as they arrive. The stream as a whole has no size limit, only each
// line or event (SseParser::maxBytes(), 16 MiB); an error answer is read up to 64 MiB. A stream
// silent for max(the connection's timeout, 60 s) counts as gone ("went quiet"), since the
// server closes a quiet stream after its max-wait-time (30 s by default) itself.
//
// Exactly one of ended() / unavailable() / failed() ends a stream, never from within start():
//  - ended(): the server closed the stream normally (its max-wait-time passed, or the job
//    ended), or answered 204 (the job has ended with nothing after the last event); a follower
//    reconnects while the job runs;
//  - unavailable(): the deployment does not stream this job (404, 405, 501, or a 2xx answer
//    other than 204 that is not text/event-stream); a follower polls instead;
//  - failed(): the stream broke (network error, timeout, a body over the limit, a server
//    error) and the error says how.
// A message whose data is not JSON is reported by malformedEvent() and skipped.
class JobEventStream : public QObject
{
    Q_OBJECT
public:
    JobEventStream(Connection *connection, const QString &serviceId, const QString &jobId,
                   QObject *parent = nullptr);
    ~JobEventStream() override;

    void setLastEventId(const QString &id) { m_lastEventId = id; }
    QString lastEventId() const
    {
        return m_parser.lastEventId().isEmpty() ? m_lastEventId : m_parser.lastEventId();
    }
    // The server's `retry:` in milliseconds, -1 if it sent none.
    qint64 retryMs() const { return m_parser.retryMs(); }
    int eventsReceived() const { return m_events; }

    void start();
    void cancel();

    // A JobEvent's value under `key` whatever its case ("data", "Data", "DATA").
    static QJsonValue value(const QJsonObject &event, QLatin1String key);
    // The job status an event reports (`data.status` of an `ivcap.job.status` event), or empty.
    static QString statusOf(const QJsonObject &event);

Q_SIGNALS:
    void eventReceived(const ivcap::SseEvent &event, const QJsonObject &jobEvent);
    void malformedEvent(const ivcap::ApiError &error);
    void ended();
    void unavailable(const ivcap::ApiError &why);
    void failed(const ivcap::ApiError &error);

private:
    void send();
    void onReadyRead();
    void onFinished();
    void finishWith(int outcome, const ApiError &error);
    void dropRequest();

    QPointer<Connection> m_connection;
    QString m_serviceId;
    QString m_jobId;
    QString m_lastEventId;
    QUrl m_url;
    QPointer<net::CurlRequest> m_request;
    SseParser m_parser;
    int m_events = 0;
    bool m_checked = false; // status and content type looked at
    bool m_done = false;
};

} // namespace ivcap
