#include "jobbook.h"
#include "aspecttable.h"
#include "httpreply.h"
#include "orderrunner.h"
#include "serviceroutes.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace {
const char *kJobSchema = "urn:ivcap:schema:job.2";

const QString &joined()
{
    static const QString sql = QStringLiteral(
        "SELECT j.*, o.status AS status, o.name AS name, o.ordered_at AS ordered_at, "
        "o.started_at AS started_at, o.finished_at AS finished_at, o.products AS products, "
        "o.account_id AS account_id, o.params AS params FROM jobs j JOIN orders o ON o.id = "
        "j.order_id WHERE ");
    return sql;
}

void updateAspect(Store *store, const QSqlRecord &job)
{
    const QString serviceId = job.value("service_id").toString();
    const auto service = store->one(
        QStringLiteral("SELECT name FROM services WHERE id = ? ORDER BY rid DESC"), {serviceId});
    const QString jobId = job.value("id").toString();
    QJsonObject content{{"$schema", QLatin1String(kJobSchema)},
                        {"id", jobId},
                        {"name", job.value("name").toString()},
                        {"service-id", serviceId},
                        {"service-name", service ? service->value(0).toString() : QString()},
                        {"status", job.value("status").toString()},
                        {"order", job.value("order_id").toString()},
                        {"requested-at", job.value("ordered_at").toString()}};
    for (const char *key : {"started_at", "finished_at"}) {
        const QString at = job.value(QLatin1String(key)).toString();
        if (!at.isEmpty())
            content.insert(QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-')),
                           at);
    }
    if (!job.value("error_message").toString().isEmpty())
        content.insert("error-message", job.value("error_message").toString());
    AspectTable::replace(store, jobId, QLatin1String(kJobSchema), content);
}
} // namespace

namespace JobBook {

bool isTerminal(const QString &status)
{
    return status == QLatin1String("succeeded") || status == QLatin1String("failed") ||
           status == QLatin1String("error");
}

QString canonicalId(const QString &id)
{
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("job"));
    return uuid.isEmpty() ? QString() : QStringLiteral("urn:ivcap:job:") + uuid;
}

QString create(Store *store, const NewJob &job)
{
    const QString now = HttpReply::now();
    const QString orderId = job.orderId.isEmpty()
                                ? QStringLiteral("urn:ivcap:order:") +
                                      QUuid::createUuid().toString(QUuid::WithoutBraces)
                                : job.orderId;
    const QString jobId =
        QStringLiteral("urn:ivcap:job:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonArray params = job.orderParams.value("list").toArray();
    store->transaction();
    store->exec(QStringLiteral("INSERT INTO orders (id, name, status, ordered_at, service_id, "
                               "account_id, params, products, valid_from) VALUES "
                               "(?, ?, 'pending', ?, ?, ?, ?, '[]', ?)"),
                {orderId, job.name, now, job.serviceId, ServiceRoutes::accountId(),
                 QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)), now});
    store->exec(QStringLiteral("INSERT INTO jobs (id, order_id, service_id, request, "
                               "request_type) VALUES (?, ?, ?, ?, ?)"),
                {jobId, orderId, job.serviceId, QString::fromUtf8(job.request), job.requestType});
    OrderRunner::recordEvent(store, orderId, QStringLiteral("pending"));
    AspectTable::add(store, orderId, QStringLiteral("urn:ivcap:schema:order-placed.1"),
                     QJsonObject{{"$schema", "urn:ivcap:schema:order-placed.1"},
                                 {"order", orderId},
                                 {"job", jobId},
                                 {"service", job.serviceId},
                                 {"placed-at", now}},
                     job.policy);
    store->commit();
    statusChanged(store, orderId, QStringLiteral("pending"));
    return jobId;
}

std::optional<QSqlRecord> byId(Store *store, const QString &id)
{
    const QString urn = canonicalId(id);
    if (urn.isEmpty())
        return std::nullopt;
    return store->one(joined() + QStringLiteral("j.id = ?"), {urn});
}

std::optional<QSqlRecord> byOrder(Store *store, const QString &orderId)
{
    return store->one(joined() + QStringLiteral("j.order_id = ?"), {orderId});
}

qint64 addEvent(Store *store, const QString &jobId, const QString &type, const QString &schema,
                const QJsonObject &data)
{
    QSqlQuery query = store->exec(
        QStringLiteral("INSERT INTO job_events (job_id, type, schema, data, at) VALUES "
                       "(?, ?, ?, ?, ?)"),
        {jobId, type, schema, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
         HttpReply::now()});
    return query.lastInsertId().toLongLong();
}

QString statusChanged(Store *store, const QString &orderId, const QString &status)
{
    const auto job = byOrder(store, orderId);
    if (!job)
        return {};
    const QString jobId = job->value("id").toString();
    QJsonObject data{{"job-urn", jobId}, {"status", status}};
    if (!job->value("error_message").toString().isEmpty())
        data.insert("error-message", job->value("error_message").toString());
    addEvent(store, jobId, QStringLiteral("ivcap.job.status"),
             QStringLiteral("urn:ivcap:schema:job.status.1"), data);
    updateAspect(store, *job);
    return jobId;
}

} // namespace JobBook
