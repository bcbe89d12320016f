#pragma once

#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>

class Store;

// The v0.48 job records: a job (`jobs`, urn:ivcap:job:<uuid>) is an order (`orders`, which the
// shared OrderRunner drives) plus the service's own request and result documents. Every status
// change and progress step is an event in `job_events` (what GET …/events replays), and the
// job's urn:ivcap:schema:job.2 aspect is kept current (retract + add) so that "all my jobs" can
// be listed through /1/aspects, as today's CLI does.
namespace JobBook {

struct NewJob
{
    QString serviceId;
    QString serviceName;
    QByteArray request;
    QString requestType;     // the request's Content-Type
    QString orderId;         // "" for a fresh urn:ivcap:order:<uuid>
    QString name;            // the job's (and order's) name
    QJsonObject orderParams; // what the order record lists as its parameters (array in "list")
    QString policy;
};

// Creates the order and job records, the pending event, the job aspect and an
// urn:ivcap:schema:order-placed.1 aspect on the order. Returns the job's URN. The caller starts
// the runner on the order.
QString create(Store *store, const NewJob &job);

// A job joined with its order: every `jobs` column plus status, name, ordered_at, started_at,
// finished_at, products, account_id and policy of the order. `id` may be a URN or a bare uuid.
std::optional<QSqlRecord> byId(Store *store, const QString &id);
std::optional<QSqlRecord> byOrder(Store *store, const QString &orderId);

// Appends an event and returns its sequence number (the SSE id).
qint64 addEvent(Store *store, const QString &jobId, const QString &type, const QString &schema,
                const QJsonObject &data);

// Records a status change of the order's job, if it has one: the status event and the job
// aspect. Returns the job's URN, or "" for an order without a job.
QString statusChanged(Store *store, const QString &orderId, const QString &status);

// True for succeeded, failed and error.
bool isTerminal(const QString &status);

// The job URN for a path segment (URN or bare uuid), or "".
QString canonicalId(const QString &id);

} // namespace JobBook
