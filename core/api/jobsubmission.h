#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace ivcap {
namespace net {
class CurlRequest;
}

class Connection;

// Requests a job from a service (PROTOCOL-0.48 §2.2): `POST /1/services2/{id}/jobs` with the
// service's own JSON request as the body and `Timeout: 0`, as both official clients send, so
// the server answers at once. Where the deployment has no jobs (Dialect::hasJobs) it fails
// without sending anything.
//
// Outcomes, exactly one, never from within start():
//  - accepted(): 202 `{job-id, location, retry-later}` (or a 307 with Location), the job runs;
//  - completed(): 200, the job already ended and the body is its result, the job id in the
//    `IVCAP-Job-Id` header;
//  - failed(): anything else, with the server's message (a 422 names what the request lacks).
// The POST is never retried: a retry could start the job twice. It runs on the one HTTP stack
// (Connection::newRequest: token to the deployment only, its timeout and CA file; a 307 is read,
// not followed); answers are capped at 64 MiB. Deleting the submission or cancel() ends the
// exchange and reports nothing.
class JobSubmission : public QObject
{
    Q_OBJECT
public:
    JobSubmission(Connection *connection, const QString &serviceId, const QJsonObject &request,
                  QObject *parent = nullptr);
    ~JobSubmission() override;

    // Seconds the server may wait for the result before answering 202; 0 (the default)
    // answers at once.
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = seconds; }
    void start();
    void cancel();

    QString serviceId() const { return m_serviceId; }

Q_SIGNALS:
    // `retryLaterSeconds` is the server's hint for the first look at the job (0 when absent).
    void accepted(const QString &jobId, const QUrl &location, int retryLaterSeconds);
    void completed(const QString &jobId, const QByteArray &contentType, const QByteArray &result);
    void failed(const ivcap::ApiError &error);

private:
    void send();
    void onFinished();
    void fail(const ApiError &error);
    // Tells the connection's ChangeNotifier that the job `jobId` was created.
    void announce(const QString &jobId);

    QPointer<Connection> m_connection;
    QString m_serviceId;
    QByteArray m_body;
    QPointer<net::CurlRequest> m_request;
    int m_timeoutSeconds = 0;
    bool m_started = false;
    bool m_done = false;
};

} // namespace ivcap
