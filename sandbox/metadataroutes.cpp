#include "metadataroutes.h"
#include "httpreply.h"
#include "listquery.h"
#include "rawjson.h"
#include "serviceroutes.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

namespace {
QString queryValue(const QHttpServerRequest &request, const QString &key)
{
    return HttpReply::query(request).queryItemValue(key, QUrl::FullyDecoded);
}

QString recordUrn(const QString &pathId)
{
    QString id = pathId;
    if (id.startsWith(QLatin1String("urn:ivcap:record.")))
        id = id.mid(17);
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("record"));
    return uuid.isEmpty() ? QString() : QStringLiteral("urn:ivcap:record:") + uuid;
}

// The stored aspect text, spliced into answers unchanged so numbers keep every digit.
QByteArray aspectOf(const QSqlRecord &row)
{
    const QByteArray text = row.value("aspect").toByteArray();
    return text.isEmpty() ? QByteArrayLiteral("{}") : text;
}
} // namespace

QHttpServerResponse MetadataRoutes::handle(const QHttpServerRequest &request, const QString &id)
{
    using M = QHttpServerRequest::Method;
    if (id.isEmpty()) {
        switch (request.method()) {
        case M::Get:
            return list(request);
        case M::Post:
            return create(request);
        case M::Put:
            return updateOne(request);
        default:
            return HttpReply::bareError(405, "method-not-allowed");
        }
    }
    const QString urn = recordUrn(id);
    if (urn.isEmpty())
        return HttpReply::notFound(id);
    switch (request.method()) {
    case M::Get: {
        const auto row = m_store->one(QStringLiteral("SELECT * FROM metadata WHERE id = ?"), {urn});
        return row ? recordBody(*row) : HttpReply::notFound(urn);
    }
    case M::Put:
        return updateRecord(request, urn);
    case M::Delete:
        return revoke(urn);
    default:
        return HttpReply::bareError(405, "method-not-allowed");
    }
}

QString MetadataRoutes::add(Store *store, const QString &entity, const QString &schema,
                            const QJsonObject &aspect, const QString &policy)
{
    return add(store, entity, schema, QJsonDocument(aspect).toJson(QJsonDocument::Compact), policy);
}

QString MetadataRoutes::add(Store *store, const QString &entity, const QString &schema,
                            const QByteArray &aspectText, const QString &policy)
{
    const QString id =
        QStringLiteral("urn:ivcap:record:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    store->exec(
        QStringLiteral("INSERT INTO metadata (id, entity, schema, aspect, policy, asserter, "
                       "valid_from) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {id, entity, schema, QString::fromUtf8(aspectText),
         policy.isEmpty() ? QStringLiteral("urn:ivcap:policy:ivcap.open.metadata") : policy,
         ServiceRoutes::accountId(), HttpReply::now()});
    return id;
}

void MetadataRoutes::close(const QString &id)
{
    m_store->exec(QStringLiteral("UPDATE metadata SET valid_to = ?, revoker = ? WHERE id = ? AND "
                                 "valid_to IS NULL"),
                  {HttpReply::now(), ServiceRoutes::accountId(), id});
}

QHttpServerResponse MetadataRoutes::recordBody(const QSqlRecord &row) const
{
    RawJson raw;
    QJsonObject body{{"record-id", row.value("id").toString()},
                     {"entity", row.value("entity").toString()},
                     {"schema", row.value("schema").toString()},
                     {"aspect", raw.hold(aspectOf(row))},
                     {"valid-from", row.value("valid_from").toString()},
                     {"asserter", row.value("asserter").toString()}};
    if (!row.value("valid_to").isNull()) {
        body.insert("valid-to", row.value("valid_to").toString());
        body.insert("revoker", row.value("revoker").toString());
    }
    return raw.reply(body);
}

std::optional<QHttpServerResponse> MetadataRoutes::parseAspect(const QHttpServerRequest &request,
                                                               Aspect *aspect) const
{
    QString error;
    const auto text = RawJson::compact(request.body(), &error);
    if (!text)
        return HttpReply::goaError(400, QStringLiteral("decode_payload"),
                                   QStringLiteral("the aspect is not JSON: ") + error);
    if (!RawJson::isObject(*text))
        return HttpReply::goaError(400, QStringLiteral("decode_payload"),
                                   QStringLiteral("the aspect must be a JSON object"));
    aspect->text = *text;
    // Only for reading "$schema"; the stored text is the client's, digit for digit.
    aspect->object = QJsonDocument::fromJson(*text).object();
    return std::nullopt;
}

QHttpServerResponse MetadataRoutes::create(const QHttpServerRequest &request)
{
    Aspect aspect;
    if (auto error = parseAspect(request, &aspect))
        return std::move(*error);
    const QString entity = queryValue(request, QStringLiteral("entity-id"));
    QString schema = queryValue(request, QStringLiteral("schema"));
    if (schema.isEmpty())
        schema = aspect.object.value("$schema").toString();
    if (entity.isEmpty() || schema.isEmpty())
        return HttpReply::goaError(400, QStringLiteral("missing_field"),
                                   QStringLiteral("\"%1\" is missing from query string")
                                       .arg(entity.isEmpty() ? "entity-id" : "schema"));
    return HttpReply::json({{"record-id", add(m_store, entity, schema, aspect.text,
                                              queryValue(request, QStringLiteral("policy-id")))}});
}

QHttpServerResponse MetadataRoutes::updateOne(const QHttpServerRequest &request)
{
    Aspect aspect;
    if (auto error = parseAspect(request, &aspect))
        return std::move(*error);
    const QString entity = queryValue(request, QStringLiteral("entity-id"));
    QString schema = queryValue(request, QStringLiteral("schema"));
    if (schema.isEmpty())
        schema = aspect.object.value("$schema").toString();
    if (entity.isEmpty() || schema.isEmpty())
        return HttpReply::goaError(400, QStringLiteral("missing_field"),
                                   QStringLiteral("\"%1\" is missing from query string")
                                       .arg(entity.isEmpty() ? "entity-id" : "schema"));
    QSqlQuery active = m_store->exec(
        QStringLiteral(
            "SELECT id FROM metadata WHERE entity = ? AND schema = ? AND valid_to IS NULL"),
        {entity, schema});
    QStringList ids;
    while (active.next())
        ids << active.value(0).toString();
    if (ids.size() > 1)
        return HttpReply::invalidParameter(
            QStringLiteral("schema"), schema,
            QStringLiteral("%1 active records match; update them by record id").arg(ids.size()));
    if (!ids.isEmpty())
        close(ids.first());
    return HttpReply::json({{"record-id", add(m_store, entity, schema, aspect.text,
                                              queryValue(request, QStringLiteral("policy-id")))}});
}

QHttpServerResponse MetadataRoutes::updateRecord(const QHttpServerRequest &request,
                                                 const QString &id)
{
    Aspect aspect;
    if (auto error = parseAspect(request, &aspect))
        return std::move(*error);
    const auto old = m_store->one(
        QStringLiteral("SELECT * FROM metadata WHERE id = ? AND valid_to IS NULL"), {id});
    if (!old)
        return HttpReply::notFound(id);
    QString entity = queryValue(request, QStringLiteral("entity-id"));
    QString schema = queryValue(request, QStringLiteral("schema"));
    QString policy = queryValue(request, QStringLiteral("policy-id"));
    close(id);
    return HttpReply::json(
        {{"record-id", add(m_store, entity.isEmpty() ? old->value("entity").toString() : entity,
                           schema.isEmpty() ? old->value("schema").toString() : schema, aspect.text,
                           policy.isEmpty() ? old->value("policy").toString() : policy)}});
}

QHttpServerResponse MetadataRoutes::revoke(const QString &id)
{
    if (!m_store->one(QStringLiteral("SELECT 1 FROM metadata WHERE id = ?"), {id}))
        return HttpReply::notFound(id);
    close(id);
    return HttpReply::empty(204);
}

QHttpServerResponse MetadataRoutes::list(const QHttpServerRequest &request)
{
    ListQuery query;
    if (auto error = query.parse(request, {"created-at", "valid-from", "schema", "entity"},
                                 {"entity-id", "schema", "aspect-path"}))
        return std::move(*error);
    static const QHash<QString, QString> columns{{"created-at", "valid_from"},
                                                 {"valid-from", "valid_from"},
                                                 {"schema", "schema"},
                                                 {"entity", "entity"}};
    QString where = QStringLiteral("1 = 1");
    QVariantList binds;
    const QString entity = query.extra.value("entity-id").toString();
    const QString schema = query.extra.value("schema").toString();
    if (!entity.isEmpty()) {
        where += QStringLiteral(" AND entity = ?");
        binds << entity;
    }
    if (!schema.isEmpty()) {
        where += schema.contains(QLatin1Char('%')) ? QStringLiteral(" AND schema LIKE ?")
                                                   : QStringLiteral(" AND schema = ?");
        binds << schema;
    }
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    m_store->select(QStringLiteral("metadata"), where, binds, query, columns,
                    QStringLiteral("valid_from"), &rows, &hasNext, true);
    RawJson raw;
    QJsonArray records;
    for (const QSqlRecord &row : rows)
        records.append(QJsonObject{{"record-id", row.value("id").toString()},
                                   {"entity", row.value("entity").toString()},
                                   {"schema", row.value("schema").toString()},
                                   {"aspect", raw.hold(aspectOf(row))}});
    QJsonObject body{{"records", records},
                     {"at-time", query.atTime},
                     {"links", query.links(request, QStringLiteral("metadata"), hasNext)}};
    if (!entity.isEmpty())
        body.insert("entity-id", entity);
    if (!schema.isEmpty())
        body.insert("schema", schema);
    if (query.extra.contains("aspect-path"))
        body.insert("aspect-path", query.extra.value("aspect-path").toString());
    return raw.reply(body);
}
