#include "jobbodies.h"
#include "artifact48routes.h"
#include "httpreply.h"
#include "jobbook.h"
#include "jobwork.h"
#include "list48.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace {
void setJobHeaders(QHttpServerResponse &response, const QString &base, const QSqlRecord &job)
{
    const QString jobId = job.value("id").toString();
    response.setHeader("IVCAP-Job-Id", jobId.toUtf8());
    response.setHeader("IVCAP-Job-URL",
                       JobBodies::jobUrl(base, job.value("service_id").toString(), jobId).toUtf8());
    response.setHeader("IVCAP-Order-Id", job.value("order_id").toByteArray());
}

QJsonObject products(Store *store, const QString &base, const QSqlRecord &job)
{
    QJsonArray items;
    const QJsonArray ids = QJsonDocument::fromJson(job.value("products").toByteArray()).array();
    for (const QJsonValue &id : ids) {
        const auto artifact =
            store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"), {id.toString()});
        if (artifact)
            items.append(Artifact48Routes::productItem(base, *artifact));
    }
    return {{"items", items}, {"links", QJsonArray()}};
}

// A request or result document as JSON when its type says so, otherwise as text.
QJsonValue content(const QByteArray &bytes, const QString &type)
{
    if (type.contains(QLatin1String("json"))) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        if (doc.isObject())
            return List48::withoutNulls(doc.object());
        if (doc.isArray())
            return List48::withoutNulls(doc.array());
    }
    return QString::fromUtf8(bytes);
}
} // namespace

namespace JobBodies {

QString jobUrl(const QString &base, const QString &serviceId, const QString &jobId)
{
    return base + QStringLiteral("/1/services2/") + List48::pathId(serviceId) +
           QStringLiteral("/jobs/") + List48::pathId(jobId);
}

QJsonObject status(Store *store, const QString &base, const QSqlRecord &job, bool withRequest,
                   bool withResult)
{
    const QString jobId = job.value("id").toString();
    const QString serviceId = job.value("service_id").toString();
    QJsonObject body{{"id", jobId},
                     {"name", job.value("name").toString()},
                     {"status", job.value("status").toString()},
                     {"tags", QJsonArray()},
                     {"order", job.value("order_id").toString()},
                     {"service", serviceId},
                     {"account", job.value("account_id").toString()},
                     {"policy", QStringLiteral("urn:ivcap:policy:ivcap.open.job")},
                     {"requested-at", job.value("ordered_at").toString()},
                     {"request-content-type", job.value("request_type").toString()},
                     {"products", products(store, base, job)},
                     {"links", List48::recordLinks(base, jobUrl(base, serviceId, jobId),
                                                   QStringLiteral("JobStatusRT"))}};
    for (const char *key : {"started_at", "finished_at"}) {
        const QString at = job.value(QLatin1String(key)).toString();
        if (!at.isEmpty())
            body.insert(QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-')), at);
    }
    if (withRequest)
        body.insert("request-content", content(job.value("request").toByteArray(),
                                               job.value("request_type").toString()));
    const QString resultType = job.value("result_type").toString();
    if (!resultType.isEmpty()) {
        body.insert("result-content-type", resultType);
        if (withResult)
            body.insert("result-content", content(job.value("result").toByteArray(), resultType));
    }
    if (!job.value("error_message").toString().isEmpty())
        body.insert("error-message", job.value("error_message").toString());
    return body;
}

QJsonObject listItem(const QString &base, const QSqlRecord &job, const QString &status,
                     const QString &atTimeSql)
{
    const QString jobId = job.value("id").toString();
    const QString serviceId = job.value("service_id").toString();
    QJsonObject item{{"id", jobId},
                     {"name", job.value("name").toString()},
                     {"status", status},
                     {"service", serviceId},
                     {"order", job.value("order_id").toString()},
                     {"href", jobUrl(base, serviceId, jobId)}};
    for (const char *key : {"started_at", "finished_at"}) {
        const QString at = job.value(QLatin1String(key)).toString();
        if (!at.isEmpty() && at <= atTimeSql)
            item.insert(QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-')), at);
    }
    return item;
}

QHttpServerResponse outcome(const QString &base, const QSqlRecord &job)
{
    const QString status = job.value("status").toString();
    const QString message = job.value("error_message").toString();
    QHttpServerResponse response = HttpReply::empty(204);
    if (status == QLatin1String("failed")) {
        response = HttpReply::json({{"message", message}}, 400);
        response.setHeader("goa-error", "job-request-error");
    } else if (status == QLatin1String("error")) {
        response = HttpReply::json({{"message", message}}, 500);
        response.setHeader("goa-error", "job-internal-error");
    } else if (status == QLatin1String("succeeded") && !job.value("result_type").isNull()) {
        response = QHttpServerResponse(job.value("result_type").toByteArray(),
                                       job.value("result").toByteArray());
    } else {
        response.setHeader("goa-error", "job-no-result");
    }
    setJobHeaders(response, base, job);
    return response;
}

QHttpServerResponse retryLater(Store *store, const QString &base, const QSqlRecord &job)
{
    const QString jobId = job.value("id").toString();
    const int duration =
        JobWork::behaviour(store, job.value("service_id").toString()).value("duration-ms").toInt();
    QHttpServerResponse response =
        HttpReply::json({{"job-id", jobId},
                         {"location", jobUrl(base, job.value("service_id").toString(), jobId)},
                         {"retry-later", qMax(1, int(std::ceil(duration / 1000.0)))}},
                        202);
    setJobHeaders(response, base, job);
    return response;
}

} // namespace JobBodies
