#include "orderroutes.h"
#include "artifactroutes.h"
#include "httpreply.h"
#include "listquery.h"
#include "orderrunner.h"
#include "pagedlist.h"
#include "serviceroutes.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QUuid>

namespace {
QString orderSelf(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/orders/") + HttpReply::uuidFromId(id, QStringLiteral("order"));
}

void insertIfSet(QJsonObject &object, const char *key, const QVariant &value)
{
    if (!value.toString().isEmpty())
        object.insert(QLatin1String(key), value.toString());
}

bool validValue(const QJsonObject &def, const QString &value)
{
    const QString type = def.value("type").toString();
    bool ok = true;
    if (type == QLatin1String("int"))
        value.toLongLong(&ok);
    else if (type == QLatin1String("float"))
        value.toDouble(&ok);
    else if (type == QLatin1String("bool"))
        ok = value == QLatin1String("true") || value == QLatin1String("false");
    else if (type == QLatin1String("collection"))
        ok = value.startsWith(QLatin1String("urn:"));
    else if (type == QLatin1String("artifact"))
        ok = value.startsWith(QLatin1String("urn:")) || value.startsWith(QLatin1String("http"));
    else if (type == QLatin1String("option")) {
        ok = false;
        for (const QJsonValue &option : def.value("options").toArray())
            ok = ok || option.toObject().value("value").toString() == value;
    }
    return ok;
}
} // namespace

QHttpServerResponse OrderRoutes::handle(const QHttpServerRequest &request, const QString &id)
{
    using M = QHttpServerRequest::Method;
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
    const auto row = uuid.isEmpty()
                         ? std::nullopt
                         : m_store->one(QStringLiteral("SELECT * FROM orders WHERE id = ?"), {urn});
    if (!row)
        return HttpReply::notFound(uuid.isEmpty() ? id : urn);
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
}

QJsonObject OrderRoutes::statusBody(const QString &base, const QSqlRecord &row)
{
    const QString id = row.value("id").toString();
    const QString serviceId = row.value("service_id").toString();
    const QString serviceSelf = base + QStringLiteral("/1/services/") +
                                HttpReply::uuidFromId(serviceId, QStringLiteral("service"));
    QJsonArray products;
    const QJsonArray productIds =
        QJsonDocument::fromJson(row.value("products").toByteArray()).array();
    for (const QJsonValue &productId : productIds) {
        const auto artifact = m_store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"),
                                           {productId.toString()});
        if (artifact)
            products.append(ArtifactRoutes::productBody(base, *artifact));
    }
    QJsonObject body{
        {"id", id},
        {"name", row.value("name").toString()},
        {"status", row.value("status").toString()},
        {"ordered-at", row.value("ordered_at").toString()},
        {"parameters", QJsonDocument::fromJson(row.value("params").toByteArray()).array()},
        {"products", products},
        {"service", QJsonObject{{"id", serviceId}, {"links", QJsonObject{{"self", serviceSelf}}}}},
        {"account", QJsonObject{{"id", row.value("account_id").toString()}}},
        {"links", QJsonObject{{"self", orderSelf(base, id)}}}};
    insertIfSet(body, "started-at", row.value("started_at"));
    insertIfSet(body, "finished-at", row.value("finished_at"));
    return body;
}

QHttpServerResponse OrderRoutes::list(const QHttpServerRequest &request)
{
    static const QHash<QString, QString> columns{{"name", "name"},
                                                 {"id", "id"},
                                                 {"status", "status"},
                                                 {"created-at", "ordered_at"},
                                                 {"ordered-at", "ordered_at"},
                                                 {"service-id", "service_id"}};
    return PagedList::respond(
        m_store, request, QStringLiteral("orders"), QStringLiteral("orders"), columns,
        QStringLiteral("ordered_at"),
        [this](const QString &base, const QSqlRecord &row, const ListQuery &query) {
            const auto then = m_store->one(
                QStringLiteral("SELECT status FROM order_events WHERE order_id = ? AND at <= ? "
                               "ORDER BY at DESC, rowid DESC LIMIT 1"),
                {row.value("id"), query.atTimeSql});
            const QString status =
                then ? then->value(0).toString() : row.value("status").toString();
            QJsonObject item{
                {"id", row.value("id").toString()},
                {"name", row.value("name").toString()},
                {"status", status},
                {"ordered-at", row.value("ordered_at").toString()},
                {"service-id", row.value("service_id").toString()},
                {"account-id", row.value("account_id").toString()},
                {"links", QJsonObject{{"self", orderSelf(base, row.value("id").toString())}}}};
            // Timestamps after at-time had not happened yet at that moment.
            for (const char *key : {"started_at", "finished_at"}) {
                const QString at = row.value(QLatin1String(key)).toString();
                if (!at.isEmpty() && at <= query.atTimeSql)
                    item.insert(
                        QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-')), at);
            }
            return item;
        });
}

std::optional<QHttpServerResponse> OrderRoutes::validate(const QJsonArray &definitions,
                                                         const QJsonArray &parameters)
{
    QHash<QString, QString> given;
    for (const QJsonValue &parameter : parameters) {
        const QJsonObject object = parameter.toObject();
        if (!object.value("value").isString() || !object.value("name").isString())
            return HttpReply::goaError(
                400, QStringLiteral("invalid_type"),
                QStringLiteral("parameter values must be strings, got %1")
                    .arg(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact))));
        given.insert(object.value("name").toString(), object.value("value").toString());
    }
    for (const QJsonValue &definition : definitions) {
        const QJsonObject def = definition.toObject();
        const QString name = def.value("name").toString();
        if (!given.contains(name)) {
            const bool mandatory = !def.value("optional").toBool() &&
                                   def.value("default").toString().isEmpty() &&
                                   !def.value("constant").toBool();
            if (mandatory)
                return HttpReply::invalidParameter(name, QString(),
                                                   QStringLiteral("missing mandatory parameter"));
            continue;
        }
        if (!validValue(def, given.value(name)))
            return HttpReply::invalidParameter(
                name, given.value(name),
                QStringLiteral("expected a value of type %1").arg(def.value("type").toString()));
    }
    return std::nullopt;
}

QHttpServerResponse OrderRoutes::create(const QHttpServerRequest &request)
{
    const QJsonDocument json = QJsonDocument::fromJson(request.body());
    if (!json.isObject())
        return HttpReply::goaError(400, QStringLiteral("decode_payload"),
                                   QStringLiteral("request body is not a JSON object"));
    const QJsonObject body = json.object();
    for (const char *field : {"service-id", "parameters"}) {
        if (!body.contains(QLatin1String(field)))
            return HttpReply::goaError(
                400, QStringLiteral("missing_field"),
                QStringLiteral("\"%1\" is missing from body").arg(QLatin1String(field)));
    }
    const QJsonArray parameters = body.value("parameters").toArray();
    const QString serviceId = ServiceRoutes::canonicalId(body.value("service-id").toString());
    const auto service = m_store->one(
        QStringLiteral("SELECT doc FROM services WHERE id = ? AND valid_to IS NULL"), {serviceId});
    if (auto error = validate({}, parameters))
        return std::move(*error);
    if (!service)
        return HttpReply::notFound(serviceId);
    const QJsonArray definitions = QJsonDocument::fromJson(service->value(0).toByteArray())
                                       .object()
                                       .value("parameters")
                                       .toArray();
    if (auto error = validate(definitions, parameters))
        return std::move(*error);

    const QString id =
        QStringLiteral("urn:ivcap:order:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = HttpReply::now();
    m_store->exec(QStringLiteral("INSERT INTO orders (id, name, status, ordered_at, service_id, "
                                 "account_id, params, products, valid_from) VALUES "
                                 "(?, ?, 'pending', ?, ?, ?, ?, '[]', ?)"),
                  {id, body.value("name").toString(), now, serviceId,
                   body.value("account-id").toString(ServiceRoutes::accountId()),
                   QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact)),
                   now});
    OrderRunner::recordEvent(m_store, id, QStringLiteral("pending"));
    m_runner->start(id);
    const auto row = m_store->one(QStringLiteral("SELECT * FROM orders WHERE id = ?"), {id});
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
}
