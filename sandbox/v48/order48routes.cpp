#include "order48routes.h"
#include "artifact48routes.h"
#include "httpreply.h"
#include "jobbook.h"
#include "list48.h"
#include "listquery.h"
#include "orderrunner.h"
#include "requestvalidator.h"
#include "routetable.h"
#include "service2routes.h"
#include "store.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {
QString orderUrl(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/orders/") + List48::pathId(id);
}

QJsonArray productIds(const QSqlRecord &order)
{
    return QJsonDocument::fromJson(order.value("products").toByteArray()).array();
}

// A string parameter as the JSON value the request schema's property wants.
QJsonValue typed(const QString &text, const QJsonObject &property)
{
    QStringList types{property.value("type").toString()};
    for (const QJsonValue &alternative : property.value("anyOf").toArray())
        types << alternative.toObject().value("type").toString();
    if (types.contains(QStringLiteral("string")))
        return text;
    const QJsonDocument literal = QJsonDocument::fromJson("[" + text.toUtf8() + "]");
    if (literal.isArray() && literal.array().size() == 1)
        return literal.array().first();
    return text;
}

// The job request an order's string parameters stand for, shaped by the service's request
// schema: its $schema constant and typed members.
QJsonObject requestFor(const QJsonObject &schema, const QJsonArray &parameters)
{
    const QJsonObject properties = schema.value("properties").toObject();
    QJsonObject request;
    const QJsonValue constant = properties.value("$schema").toObject().value("const");
    if (constant.isString())
        request.insert("$schema", constant);
    for (const QJsonValue &parameter : parameters) {
        const QJsonObject object = parameter.toObject();
        const QString name = object.value("name").toString();
        request.insert(name,
                       typed(object.value("value").toString(), properties.value(name).toObject()));
    }
    return request;
}
} // namespace

QHttpServerResponse Order48Routes::handle(Exchange &exchange)
{
    using M = QHttpServerRequest::Method;
    const QHttpServerRequest &request = exchange.request;
    const QString id = exchange.segment(1);
    const QString sub = exchange.segment(2);
    if (exchange.segments.size() > 3)
        return HttpReply::notFound(request.url().path(QUrl::FullyDecoded));
    if (id.isEmpty()) {
        if (request.method() == M::Get)
            return list(request);
        if (request.method() == M::Post)
            return create(request);
        return HttpReply::bareError(405, "method-not-allowed");
    }
    if (request.method() != M::Get)
        return HttpReply::bareError(405, "method-not-allowed");
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("order"));
    const QString urn = QStringLiteral("urn:ivcap:order:") + uuid;
    const auto order =
        uuid.isEmpty() ? std::nullopt
                       : m_store->one(QStringLiteral("SELECT * FROM orders WHERE id = ?"), {urn});
    if (!order)
        return HttpReply::notFound(uuid.isEmpty() ? id : urn);
    if (sub.isEmpty())
        return HttpReply::json(statusBody(HttpReply::baseUrl(request), *order));
    if (sub == QLatin1String("products"))
        return products(request, *order);
    if (sub == QLatin1String("metadata"))
        return metadata(request, *order);
    if (sub == QLatin1String("logs"))
        return logs(request, *order);
    if (sub == QLatin1String("top"))
        return top(*order);
    return HttpReply::notFound(request.url().path(QUrl::FullyDecoded));
}

QJsonObject Order48Routes::statusBody(const QString &base, const QSqlRecord &order) const
{
    const QString id = order.value("id").toString();
    QJsonArray items;
    for (const QJsonValue &productId : productIds(order)) {
        const auto artifact = m_store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"),
                                           {productId.toString()});
        if (artifact)
            items.append(Artifact48Routes::productItem(base, *artifact));
    }
    QJsonObject body{
        {"id", id},
        {"name", order.value("name").toString()},
        {"status", order.value("status").toString()},
        {"ordered-at", order.value("ordered_at").toString()},
        {"parameters", QJsonDocument::fromJson(order.value("params").toByteArray()).array()},
        {"products", QJsonObject{{"items", items}, {"links", QJsonArray()}}},
        {"service", order.value("service_id").toString()},
        {"account", order.value("account_id").toString()},
        {"tags", QJsonArray()},
        {"links", List48::recordLinks(base, orderUrl(base, id), QStringLiteral("OrderStatusRT"))}};
    for (const char *key : {"started_at", "finished_at"}) {
        const QString at = order.value(QLatin1String(key)).toString();
        if (!at.isEmpty())
            body.insert(QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-')), at);
    }
    return body;
}

QHttpServerResponse Order48Routes::list(const QHttpServerRequest &request)
{
    static const QHash<QString, QString> columns{{"name", "name"},
                                                 {"id", "id"},
                                                 {"status", "status"},
                                                 {"ordered-at", "ordered_at"},
                                                 {"created-at", "ordered_at"},
                                                 {"started-at", "started_at"},
                                                 {"finished-at", "finished_at"},
                                                 {"service", "service_id"}};
    ListQuery query;
    if (auto error = List48::parse(request, &query, columns.keys()))
        return std::move(*error);
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    if (!m_store->select(QStringLiteral("orders"), {}, {}, query, columns,
                         QStringLiteral("ordered_at"), &rows, &hasNext))
        return HttpReply::invalidParameter(QStringLiteral("filter"), query.filterText,
                                           QStringLiteral("unknown field ") + query.filterField);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows) {
        const auto then = m_store->one(
            QStringLiteral("SELECT status FROM order_events WHERE order_id = ? AND at <= ? "
                           "ORDER BY at DESC, rowid DESC LIMIT 1"),
            {row.value("id"), query.atTimeSql});
        QJsonObject item{
            {"id", row.value("id").toString()},
            {"name", row.value("name").toString()},
            {"status", then ? then->value(0).toString() : row.value("status").toString()},
            {"ordered-at", row.value("ordered_at").toString()},
            {"service", row.value("service_id").toString()},
            {"account", row.value("account_id").toString()},
            {"href", orderUrl(base, row.value("id").toString())}};
        for (const char *key : {"started_at", "finished_at"}) {
            const QString at = row.value(QLatin1String(key)).toString();
            if (!at.isEmpty() && at <= query.atTimeSql)
                item.insert(QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-')),
                            at);
        }
        items.append(item);
    }
    return HttpReply::json(List48::body(request, QStringLiteral("orders"), query, items, hasNext));
}

QHttpServerResponse Order48Routes::create(const QHttpServerRequest &request)
{
    const QJsonDocument json = QJsonDocument::fromJson(request.body());
    if (!json.isObject())
        return HttpReply::goaError(400, QStringLiteral("decode_payload"),
                                   QStringLiteral("request body is not a JSON object"));
    const QJsonObject body = List48::withoutNulls(json.object()).toObject();
    for (const char *field : {"service", "parameters"}) {
        if (!body.contains(QLatin1String(field)))
            return HttpReply::goaError(
                400, QStringLiteral("missing_field"),
                QStringLiteral("\"%1\" is missing from body").arg(QLatin1String(field)));
    }
    if (!body.value("service").isString() || !body.value("parameters").isArray())
        return HttpReply::goaError(400, QStringLiteral("invalid_type"),
                                   QStringLiteral("\"service\" must be a string and "
                                                  "\"parameters\" an array"));
    const QJsonArray parameters = body.value("parameters").toArray();
    for (const QJsonValue &parameter : parameters) {
        const QJsonObject object = parameter.toObject();
        if (!parameter.isObject() || !object.value("name").isString() ||
            !object.value("value").isString())
            return HttpReply::goaError(
                400, QStringLiteral("invalid_type"),
                QStringLiteral("parameters must be {name, value} objects with string values"));
    }
    const QString serviceId = Service2Routes::canonicalId(body.value("service").toString());
    const auto service = Service2Routes::activeRow(m_store, serviceId);
    if (!service)
        return HttpReply::notFound(serviceId);
    const auto aiTool =
        m_store->one(QStringLiteral("SELECT content FROM aspects WHERE entity = ? AND schema = "
                                    "'urn:sd-core:schema.ai-tool.1' AND valid_to IS NULL"),
                     {serviceId});
    const QJsonObject schema = aiTool ? QJsonDocument::fromJson(aiTool->value(0).toByteArray())
                                            .object()
                                            .value("fn_schema")
                                            .toObject()
                                      : QJsonObject();
    const QJsonObject jobRequest = requestFor(schema, parameters);
    const QByteArray requestBytes = QJsonDocument(jobRequest).toJson(QJsonDocument::Compact);
    RequestValidator::Problem problem;
    if (!schema.isEmpty() && !RequestValidator::validate(schema, requestBytes, &problem))
        return HttpReply::invalidParameter(problem.name.isEmpty() ? QStringLiteral("parameters")
                                                                  : problem.name,
                                           problem.value, problem.message);
    JobBook::NewJob job;
    job.serviceId = serviceId;
    job.serviceName = service->value("name").toString();
    job.name = body.value("name").toString(job.serviceName);
    job.request = requestBytes;
    job.requestType = QStringLiteral("application/json");
    job.orderParams = {{"list", parameters}};
    job.policy = body.value("policy").toString();
    const QString jobId = JobBook::create(m_store, job);
    const QString orderId = JobBook::byId(m_store, jobId)->value("order_id").toString();
    m_runner->start(orderId);
    const auto order = m_store->one(QStringLiteral("SELECT * FROM orders WHERE id = ?"), {orderId});
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *order));
}

QHttpServerResponse Order48Routes::products(const QHttpServerRequest &request,
                                            const QSqlRecord &order)
{
    ListQuery query;
    if (auto error = List48::parse(request, &query, {"name", "created-at", "size", "mime-type"}))
        return std::move(*error);
    static const QHash<QString, QString> columns{{"name", "name"},
                                                 {"created-at", "created_at"},
                                                 {"size", "size"},
                                                 {"mime-type", "mime_type"}};
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    m_store->select(QStringLiteral("artifacts"),
                    QStringLiteral("id IN (SELECT value FROM json_each(?))"),
                    {order.value("products").toString()}, query, columns,
                    QStringLiteral("created_at"), &rows, &hasNext);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows)
        items.append(Artifact48Routes::productItem(base, row));
    const QString path = QStringLiteral("orders/") + List48::pathId(order.value("id").toString()) +
                         QStringLiteral("/products");
    return HttpReply::json(
        {{"items", items}, {"links", List48::listLinks(request, path, query, hasNext)}});
}

QHttpServerResponse Order48Routes::metadata(const QHttpServerRequest &request,
                                            const QSqlRecord &order)
{
    ListQuery query;
    if (auto error = List48::parse(request, &query, {"schema", "valid-from", "created-at"}))
        return std::move(*error);
    static const QHash<QString, QString> columns{
        {"schema", "schema"}, {"valid-from", "valid_from"}, {"created-at", "valid_from"}};
    const QString orderId = order.value("id").toString();
    const auto job = JobBook::byOrder(m_store, orderId);
    QJsonArray entities = productIds(order);
    entities.append(orderId);
    if (job)
        entities.append(job->value("id").toString());
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    m_store->select(QStringLiteral("aspects"),
                    QStringLiteral("entity IN (SELECT value FROM json_each(?))"),
                    {QString::fromUtf8(QJsonDocument(entities).toJson(QJsonDocument::Compact))},
                    query, columns, QStringLiteral("valid_from"), &rows, &hasNext);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows) {
        const QString id = row.value("id").toString();
        items.append(QJsonObject{
            {"id", id},
            {"schema", row.value("schema").toString()},
            {"content-type", row.value("content_type").toString()},
            {"href", QString(base + QStringLiteral("/1/aspects/") + List48::pathId(id))}});
    }
    const QString path =
        QStringLiteral("orders/") + List48::pathId(orderId) + QStringLiteral("/metadata");
    return HttpReply::json(
        {{"items", items}, {"links", List48::listLinks(request, path, query, hasNext)}});
}

QHttpServerResponse Order48Routes::logs(const QHttpServerRequest &request, const QSqlRecord &order)
{
    const QUrlQuery query = HttpReply::query(request);
    static const QRegularExpression seconds(QStringLiteral("^\\d{1,12}$"));
    QString bounds[2];
    const char *names[2] = {"from", "to"};
    for (int i = 0; i < 2; ++i) {
        const QString text = query.queryItemValue(QLatin1String(names[i]), QUrl::FullyDecoded);
        if (text.isEmpty())
            continue;
        if (!seconds.match(text).hasMatch())
            return HttpReply::invalidParameter(QLatin1String(names[i]), text,
                                               QStringLiteral("expected unix seconds"));
        bounds[i] = HttpReply::toUtcText(QDateTime::fromSecsSinceEpoch(text.toLongLong(), Qt::UTC));
    }
    const auto job = JobBook::byOrder(m_store, order.value("id").toString());
    QByteArray text;
    if (job) {
        QString sql = QStringLiteral("SELECT at, type, data FROM job_events WHERE job_id = ?");
        QVariantList binds{job->value("id")};
        if (!bounds[0].isEmpty()) {
            sql += QStringLiteral(" AND at >= ?");
            binds << bounds[0];
        }
        if (!bounds[1].isEmpty()) {
            sql += QStringLiteral(" AND at <= ?");
            binds << bounds[1];
        }
        QSqlQuery events = m_store->exec(sql + QStringLiteral(" ORDER BY seq"), binds);
        while (events.next()) {
            const QJsonObject data =
                QJsonDocument::fromJson(events.value(2).toByteArray()).object();
            const QString line =
                events.value(1).toString() == QLatin1String("ivcap.job.status")
                    ? QStringLiteral("status %1").arg(data.value("status").toString())
                    : QStringLiteral("%1 %2").arg(data.value("type").toString(),
                                                  data.value("stepName").toString());
            text += events.value(0).toString().toUtf8() + ' ' + line.toUtf8() + '\n';
        }
    }
    return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), text);
}

QHttpServerResponse Order48Routes::top(const QSqlRecord &order)
{
    QJsonArray containers;
    if (order.value("status").toString() == QLatin1String("executing")) {
        const auto service =
            Service2Routes::activeRow(m_store, order.value("service_id").toString());
        const QJsonObject limits =
            service ? QJsonDocument::fromJson(service->value("doc").toByteArray())
                          .object()
                          .value("controller")
                          .toObject()
                          .value("resources")
                          .toObject()
                          .value("limits")
                          .toObject()
                    : QJsonObject();
        containers.append(
            QJsonObject{{"container", QStringLiteral("main")},
                        {"cpu", limits.value("cpu").toString(QStringLiteral("500m"))},
                        {"memory", limits.value("memory").toString(QStringLiteral("1Gi"))},
                        {"storage", QStringLiteral("0")},
                        {"ephemeral-storage",
                         limits.value("ephemeral-storage").toString(QStringLiteral("1Gi"))}});
    }
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(containers).toJson(QJsonDocument::Compact));
}
