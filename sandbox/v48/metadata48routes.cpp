#include "metadata48routes.h"
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

QString href(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/metadata/") + List48::pathId(id);
}

QHttpServerResponse recordId(const QString &id)
{
    return HttpReply::json({{"record-id", id}});
}

} // namespace

Metadata48Routes::Metadata48Routes(Store *store) : m_store(store) {}

QHttpServerResponse Metadata48Routes::handle(const QHttpServerRequest &request, const QString &id)
{
    using M = QHttpServerRequest::Method;
    if (id.isEmpty()) {
        switch (request.method()) {
        case M::Get:
            return list(request);
        case M::Post:
            return add(request);
        default: // including PUT /1/metadata, removed in v0.30
            return HttpReply::bareError(405, "method-not-allowed");
        }
    }
    switch (request.method()) {
    case M::Get:
        return read(request, id);
    case M::Put:
        return updateRecord(request, id);
    case M::Delete:
        return revoke(id);
    default:
        return HttpReply::bareError(405, "method-not-allowed");
    }
}

QHttpServerResponse Metadata48Routes::list(const QHttpServerRequest &request)
{
    QUrlQuery raw = HttpReply::query(request);
    if (raw.hasQueryItem(QStringLiteral("order-by"))) {
        raw.addQueryItem(QStringLiteral("metadata-order-by"),
                         raw.queryItemValue(QStringLiteral("order-by"), QUrl::FullyEncoded));
        raw.removeAllQueryItems(QStringLiteral("order-by"));
    }
    ListQuery query;
    if (auto error = query.parse(
            raw, {},
            {"entity-id", "schema", "aspect-path", "include-content", "metadata-order-by"}))
        return std::move(*error);
    const QJsonObject &extra = query.extra;
    const QString entity = extra.value("entity-id").toString();
    const QString schema = extra.value("schema").toString();
    const QString pathText = extra.value("aspect-path").toString();
    std::optional<ContentPath> path;
    if (!pathText.isEmpty()) {
        QString error;
        path = ContentPath::parse(pathText, &error);
        if (!path)
            return HttpReply::invalidParameter(QStringLiteral("aspect-path"), pathText, error);
    }
    bool withContent = true;
    std::optional<QHttpServerResponse> boolError;
    if (!AspectReply::readBool(extra, QStringLiteral("include-content"), true, &withContent,
                               &boolError))
        return std::move(*boolError);
    AspectStore::Selection selection;
    selection.entity = entity;
    selection.schemaPattern = schema;
    selection.path = path ? &*path : nullptr;
    const QString orderBy = extra.value("metadata-order-by").toString();
    QString orderError;
    const auto order =
        AspectStore::orderSql(orderBy.isEmpty() ? QStringLiteral("valid_from") : orderBy,
                              query.orderDesc ? QStringLiteral(" DESC") : QStringLiteral(" ASC"),
                              &selection.orderBinds, &orderError);
    if (!order)
        return HttpReply::invalidParameter(QStringLiteral("order-by"), orderBy, orderError);
    selection.orderSql = *order;

    bool hasNext = false;
    const QVector<QSqlRecord> rows = AspectStore::select(m_store, query, selection, &hasNext);
    RawJson json;
    QJsonArray items;
    for (const QSqlRecord &row : rows) {
        QJsonObject item{{"id", row.value("id").toString()},
                         {"entity", row.value("entity").toString()},
                         {"schema", row.value("schema").toString()}};
        if (withContent)
            item.insert("aspect", json.hold(row.value("content").toByteArray()));
        items.append(item);
    }
    QJsonObject body{
        {"items", items},
        {"at-time", query.atTime},
        {"links", List48::listLinks(request, QStringLiteral("metadata"), query, hasNext)}};
    if (!entity.isEmpty())
        body.insert("entity", entity);
    if (!schema.isEmpty())
        body.insert("schema", schema);
    if (!pathText.isEmpty())
        body.insert("aspect-path", pathText);
    return json.reply(body);
}

QHttpServerResponse Metadata48Routes::read(const QHttpServerRequest &request, const QString &id)
{
    const auto row = AspectStore::find(m_store, id);
    if (!row)
        return HttpReply::notFound(id);
    const QString base = HttpReply::baseUrl(request);
    const QString recordId = row->value("id").toString();
    RawJson json;
    QJsonObject body{{"id", recordId},
                     {"entity", row->value("entity").toString()},
                     {"schema", row->value("schema").toString()},
                     {"aspect", json.hold(row->value("content").toByteArray())},
                     {"valid-from", row->value("valid_from").toString()},
                     {"asserter", row->value("asserter").toString()},
                     {"links", List48::recordLinks(base, href(base, recordId),
                                                   QStringLiteral("MetadataRecordRT"))}};
    if (!row->value("valid_to").isNull()) {
        body.insert("valid-to", row->value("valid_to").toString());
        body.insert("revoker", row->value("retracter").toString());
    }
    return json.reply(body);
}

QHttpServerResponse Metadata48Routes::add(const QHttpServerRequest &request)
{
    const QString entity = queryValue(request, QStringLiteral("entity-id"));
    const QString schema = queryValue(request, QStringLiteral("schema"));
    if (auto error = AspectReply::requireUri(QStringLiteral("entity-id"), entity))
        return std::move(*error);
    if (auto error = AspectReply::requireUri(QStringLiteral("schema"), schema))
        return std::move(*error);
    QByteArray content;
    if (auto error = AspectReply::readContent(request, &content))
        return std::move(*error);
    return recordId(AspectStore::add(m_store, entity, schema, content,
                                     queryValue(request, QStringLiteral("policy-id")),
                                     QStringLiteral("record")));
}

QHttpServerResponse Metadata48Routes::updateRecord(const QHttpServerRequest &request,
                                                   const QString &id)
{
    const auto old = AspectStore::find(m_store, id);
    if (!old)
        return HttpReply::notFound(id);
    QByteArray content; // Content-Type is optional on this operation
    if (auto error = AspectReply::readContent(request, &content, false))
        return std::move(*error);
    const QString oldId = old->value("id").toString();
    if (!AspectTable::retract(m_store, oldId))
        return HttpReply::invalidParameter(QStringLiteral("id"), id,
                                           QStringLiteral("the record is already revoked"));
    auto given = [&request, &old](const char *key, const char *column) {
        const QString value = queryValue(request, QLatin1String(key));
        return value.isEmpty() ? old->value(QLatin1String(column)).toString() : value;
    };
    return recordId(
        AspectStore::add(m_store, given("entity-id", "entity"), given("schema", "schema"), content,
                         given("policy-id", "policy"), QStringLiteral("record"), oldId));
}

QHttpServerResponse Metadata48Routes::revoke(const QString &id)
{
    const auto row = AspectStore::find(m_store, id);
    if (!row)
        return HttpReply::notFound(id);
    if (!AspectTable::retract(m_store, row->value("id").toString()))
        return HttpReply::invalidParameter(QStringLiteral("id"), id,
                                           QStringLiteral("the record is already revoked"));
    return HttpReply::empty(204);
}
