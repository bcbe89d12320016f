#include "aspectroutes.h"
#include "aspectreply.h"
#include "aspectstore.h"
#include "aspecttable.h"
#include "contentpath.h"
#include "httpreply.h"
#include "list48.h"
#include "listquery.h"
#include "rawjson.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace {

QString queryValue(const QHttpServerRequest &request, const QString &key)
{
    return HttpReply::query(request).queryItemValue(key, QUrl::FullyDecoded);
}

QString text(const QSqlRecord &row, const char *column, const QString &fallback = {})
{
    const QVariant value = row.value(QLatin1String(column));
    return value.isNull() ? fallback : value.toString();
}

QString href(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/aspects/") + List48::pathId(id);
}

} // namespace

AspectRoutes::AspectRoutes(Store *store) : m_store(store) {}

QHttpServerResponse AspectRoutes::handle(const QHttpServerRequest &request, const QString &id)
{
    using M = QHttpServerRequest::Method;
    if (id.isEmpty()) {
        switch (request.method()) {
        case M::Get:
            return list(request);
        case M::Post:
            return write(request, false);
        case M::Put:
            return write(request, true);
        default:
            return HttpReply::bareError(405, "method-not-allowed");
        }
    }
    switch (request.method()) {
    case M::Get:
        return read(request, id);
    case M::Delete:
        return retract(id);
    default:
        return HttpReply::bareError(405, "method-not-allowed");
    }
}

QHttpServerResponse AspectRoutes::list(const QHttpServerRequest &request)
{
    // ListQuery knows a single order field; aspects take a comma list, read here.
    QUrlQuery raw = HttpReply::query(request);
    if (raw.hasQueryItem(QStringLiteral("order-by"))) {
        raw.addQueryItem(QStringLiteral("aspects-order-by"),
                         raw.queryItemValue(QStringLiteral("order-by"), QUrl::FullyEncoded));
        raw.removeAllQueryItems(QStringLiteral("order-by"));
    }
    ListQuery query;
    if (auto error =
            query.parse(raw, {},
                        {"entity", "schema", "content-path", "aspect-path", "include-content",
                         "aspects-order-by", "order-direction", "order-desc"}))
        return std::move(*error);
    const QJsonObject &extra = query.extra;
    const QString entity = extra.value("entity").toString();
    const QString schema = extra.value("schema").toString();
    // The spec's content-path, or the CLI's spelling of it.
    const QString pathText = extra.contains("content-path") ? extra.value("content-path").toString()
                                                            : extra.value("aspect-path").toString();
    std::optional<ContentPath> path;
    if (!pathText.isEmpty()) {
        QString error;
        path = ContentPath::parse(pathText, &error);
        if (!path)
            return HttpReply::invalidParameter(extra.contains("content-path")
                                                   ? QStringLiteral("content-path")
                                                   : QStringLiteral("aspect-path"),
                                               pathText, error);
    }
    std::optional<QHttpServerResponse> boolError;
    bool withContent = false;
    bool descending = true;
    if (!AspectReply::readBool(extra, QStringLiteral("include-content"), false, &withContent,
                               &boolError) ||
        !AspectReply::readBool(extra, QStringLiteral("order-desc"), true, &descending,
                               &boolError)) // the CLI's spelling of order-direction
        return std::move(*boolError);
    if (extra.contains("order-direction")) {
        const QString given = extra.value("order-direction").toString().toUpper();
        if (given != QLatin1String("ASC") && given != QLatin1String("DESC"))
            return HttpReply::invalidParameter(QStringLiteral("order-direction"),
                                               extra.value("order-direction").toString(),
                                               QStringLiteral("expected ASC or DESC"));
        descending = given == QLatin1String("DESC");
    }
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    AspectStore::Selection selection;
    selection.entity = entity;
    selection.schemaPattern = schema;
    selection.path = path ? &*path : nullptr;
    QString orderError;
    const QString orderBy = extra.value("aspects-order-by").toString();
    const auto order =
        AspectStore::orderSql(orderBy.isEmpty() ? QStringLiteral("valid_from") : orderBy, direction,
                              &selection.orderBinds, &orderError);
    if (!order)
        return HttpReply::invalidParameter(QStringLiteral("order-by"), orderBy, orderError);
    selection.orderSql = *order;

    bool hasNext = false;
    const QVector<QSqlRecord> rows = AspectStore::select(m_store, query, selection, &hasNext);
    const QString base = HttpReply::baseUrl(request);
    RawJson json;
    QJsonArray items;
    for (const QSqlRecord &row : rows) {
        const QString id = row.value("id").toString();
        QJsonObject item{
            {"id", id},
            {"entity", row.value("entity").toString()},
            {"schema", row.value("schema").toString()},
            {"content-type", text(row, "content_type", QStringLiteral("application/json"))},
            {"valid-from", row.value("valid_from").toString()},
            {"href", href(base, id)}};
        if (!row.value("valid_to").isNull())
            item.insert("valid-to", row.value("valid_to").toString());
        if (withContent)
            item.insert("content", json.hold(row.value("content").toByteArray()));
        items.append(item);
    }
    QJsonObject body{
        {"items", items},
        {"at-time", query.atTime},
        {"links", List48::listLinks(request, QStringLiteral("aspects"), query, hasNext)}};
    if (!entity.isEmpty())
        body.insert("entity", entity);
    if (!schema.isEmpty())
        body.insert("schema", schema);
    if (!pathText.isEmpty())
        body.insert("aspect-path", pathText);
    return json.reply(body);
}

QHttpServerResponse AspectRoutes::read(const QHttpServerRequest &request, const QString &id)
{
    const auto row = AspectStore::find(m_store, id);
    if (!row)
        return HttpReply::notFound(id);
    const QString recordId = row->value("id").toString();
    const QString base = HttpReply::baseUrl(request);
    RawJson json;
    QJsonObject body{
        {"id", recordId},
        {"entity", row->value("entity").toString()},
        {"schema", row->value("schema").toString()},
        {"content", json.hold(row->value("content").toByteArray())},
        {"content-type", text(*row, "content_type", QStringLiteral("application/json"))},
        {"valid-from", row->value("valid_from").toString()},
        {"asserter", row->value("asserter").toString()},
        {"account", row->value("asserter").toString()},
        {"policy", text(*row, "policy", AspectStore::defaultPolicy())},
        {"links", List48::recordLinks(base, href(base, recordId), QStringLiteral("AspectRT"))}};
    if (!row->value("valid_to").isNull()) {
        body.insert("valid-to", row->value("valid_to").toString());
        body.insert("retracter", row->value("retracter").toString());
    }
    if (!row->value("replaces").isNull())
        body.insert("replaces", row->value("replaces").toString());
    return json.reply(body);
}

QHttpServerResponse AspectRoutes::write(const QHttpServerRequest &request, bool update)
{
    const QString entity = queryValue(request, QStringLiteral("entity"));
    const QString schema = queryValue(request, QStringLiteral("schema"));
    if (auto error = AspectReply::requireUri(QStringLiteral("entity"), entity))
        return std::move(*error);
    if (auto error = AspectReply::requireUri(QStringLiteral("schema"), schema))
        return std::move(*error);
    QByteArray content;
    if (auto error = AspectReply::readContent(request, &content))
        return std::move(*error);
    const QString policy = queryValue(request, QStringLiteral("policy"));
    if (!update)
        return HttpReply::json(
            {{"id", AspectStore::add(m_store, entity, schema, content, policy)}});
    int active = 0;
    const auto id = AspectStore::replace(m_store, entity, schema, content, policy, &active);
    if (!id) {
        auto response = HttpReply::json(
            {{"message", QStringLiteral("found %1 active aspects of schema %2 on %3; retract "
                                        "all but one, or update by creating anew")
                             .arg(active)
                             .arg(schema, entity)}},
            424);
        response.setHeader("goa-error", "not-unique");
        return response;
    }
    return HttpReply::json({{"id", *id}});
}

QHttpServerResponse AspectRoutes::retract(const QString &id)
{
    const auto row = AspectStore::find(m_store, id);
    if (!row)
        return HttpReply::notFound(id);
    if (!AspectTable::retract(m_store, row->value("id").toString()))
        return HttpReply::invalidParameter(QStringLiteral("id"), id,
                                           QStringLiteral("the aspect is already retracted"));
    return HttpReply::empty(204);
}
