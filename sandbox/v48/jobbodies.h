#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>

class Store;

// The v0.48 answers about one job (a JobBook::byId row), shared by the job routes and the
// waiting job-create.
namespace JobBodies {

// <base>/1/services2/<service>/jobs/<job>.
QString jobUrl(const QString &base, const QString &serviceId, const QString &jobId);

// JobStatusRT. request-content only `withRequest`, result-content only `withResult` (and only
// once there is a result).
QJsonObject status(Store *store, const QString &base, const QSqlRecord &job, bool withRequest,
                   bool withResult);

// JobListItem; `status` is the status at the list's at-time, timestamps after it are left out.
QJsonObject listItem(const QString &base, const QSqlRecord &job, const QString &status,
                     const QString &atTimeSql);

// What GET …/output answers, and job-create once the job has ended: 200 with the raw result and
// the IVCAP-Job-Id / IVCAP-Job-URL / IVCAP-Order-Id headers; 204 (job-no-result) without one;
// 400 job-request-error for a failed job; 500 job-internal-error for a job that ended in error.
QHttpServerResponse outcome(const QString &base, const QSqlRecord &job);

// 202 JobRetryLaterT {job-id, location, retry-later} for a job still running.
QHttpServerResponse retryLater(Store *store, const QString &base, const QSqlRecord &job);

} // namespace JobBodies
