#include "apicalls.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ivcap::Api {

namespace {
ApiRequest *get(Connection *c, const QUrl &url, QObject *parent)
{
    return new ApiRequest(c, "GET", url, parent);
}

ApiRequest *withJson(Connection *c, const QByteArray &method, const QUrl &url,
                     const QJsonObject &body, QObject *parent)
{
    auto *request = new ApiRequest(c, method, url, parent);
    request->setBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
    return request;
}

Connection::QueryItems metaItems(const QString &entityId, const QString &schema,
                                 const QString &policyId)
{
    Connection::QueryItems items;
    if (!entityId.isEmpty())
        items.append({QStringLiteral("entity-id"), entityId});
    if (!schema.isEmpty())
        items.append({QStringLiteral("schema"), schema});
    if (!policyId.isEmpty())
        items.append({QStringLiteral("policy-id"), policyId});
    return items;
}

QString schemaOf(const QString &schema, const QJsonObject &aspect)
{
    // Both official clients fall back to the aspect's own "$schema".
    return schema.isEmpty() ? aspect.value(QLatin1String("$schema")).toString() : schema;
}
} // namespace

EntityKind kindOf(const QString &collection)
{
    if (collection == QLatin1String("services"))
        return EntityKind::Services;
    if (collection == QLatin1String("orders"))
        return EntityKind::Orders;
    if (collection == QLatin1String("metadata"))
        return EntityKind::Metadata;
    if (collection == QLatin1String("aspects"))
        return EntityKind::Aspects;
    if (collection == QLatin1String("jobs"))
        return EntityKind::Jobs;
    return EntityKind::Artifacts;
}

ApiRequest *listEntities(Connection *c, EntityKind kind, const ListQuery &query,
                         const QString &pageToken, QObject *parent, const QString &scope)
{
    const Dialect &dialect = c->dialect();
    const auto items =
        pageToken.isEmpty() ? dialect.firstPageItems(kind, query) : query.pageItems(pageToken);
    return get(c, c->apiUrl(dialect.collectionPath(kind, scope), items), parent);
}

ApiRequest *readEntity(Connection *c, EntityKind kind, const QString &id, QObject *parent,
                       const QString &scope)
{
    return get(c, c->apiUrl(c->dialect().entityPath(kind, id, scope)), parent);
}

ApiRequest *listCollection(Connection *c, const QString &collection, const ListQuery &query,
                           const QString &pageToken, QObject *parent)
{
    return listEntities(c, kindOf(collection), query, pageToken, parent);
}

ApiRequest *listServices(Connection *c, const ListQuery &q, const QString &page, QObject *parent)
{
    return listEntities(c, EntityKind::Services, q, page, parent);
}

ApiRequest *listOrders(Connection *c, const ListQuery &q, const QString &page, QObject *parent)
{
    return listEntities(c, EntityKind::Orders, q, page, parent);
}

ApiRequest *listArtifacts(Connection *c, const ListQuery &q, const QString &page, QObject *parent)
{
    return listEntities(c, EntityKind::Artifacts, q, page, parent);
}

ApiRequest *listMetadata(Connection *c, const ListQuery &q, const QString &page, QObject *parent)
{
    return listEntities(c, EntityKind::Metadata, q, page, parent);
}

ApiRequest *readService(Connection *c, const QString &id, QObject *parent)
{
    return readEntity(c, EntityKind::Services, id, parent);
}

ApiRequest *readOrder(Connection *c, const QString &id, QObject *parent)
{
    return readEntity(c, EntityKind::Orders, id, parent);
}

ApiRequest *readArtifact(Connection *c, const QString &id, QObject *parent)
{
    return readEntity(c, EntityKind::Artifacts, id, parent);
}

ApiRequest *readMetadata(Connection *c, const QString &recordId, QObject *parent)
{
    return readEntity(c, EntityKind::Metadata, recordId, parent);
}

QJsonObject orderRequestBody(const QString &serviceId, const Parameters &parameters,
                             const QString &name, const QString &accountId, const QString &policyId)
{
    QJsonArray params;
    for (const auto &[key, value] : parameters)
        params.append(QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
    QJsonObject body{{QStringLiteral("service-id"), serviceId},
                     {QStringLiteral("parameters"), params}};
    if (!name.isEmpty())
        body.insert(QStringLiteral("name"), name);
    if (!accountId.isEmpty())
        body.insert(QStringLiteral("account-id"), accountId);
    if (!policyId.isEmpty())
        body.insert(QStringLiteral("policy-id"), policyId);
    return body;
}

ApiRequest *createOrder(Connection *c, const QString &serviceId, const Parameters &parameters,
                        const QString &name, QObject *parent)
{
    const QJsonObject body =
        c->dialect().orderRequestBody(serviceId, parameters, name, c->accountId(), QString());
    return withJson(c, "POST", c->apiUrl(QStringLiteral("/1/orders")), body, parent);
}

ApiRequest *addMetadata(Connection *c, const QString &entityId, const QString &schema,
                        const QJsonObject &aspect, const QString &policyId, QObject *parent)
{
    const QUrl url = c->apiUrl(QStringLiteral("/1/metadata"),
                               metaItems(entityId, schemaOf(schema, aspect), policyId));
    return withJson(c, "POST", url, aspect, parent);
}

ApiRequest *updateOneMetadata(Connection *c, const QString &entityId, const QString &schema,
                              const QJsonObject &aspect, const QString &policyId, QObject *parent)
{
    const QUrl url = c->apiUrl(QStringLiteral("/1/metadata"),
                               metaItems(entityId, schemaOf(schema, aspect), policyId));
    return withJson(c, "PUT", url, aspect, parent);
}

ApiRequest *updateMetadataRecord(Connection *c, const QString &recordId, const QJsonObject &aspect,
                                 const QString &entityId, const QString &schema,
                                 const QString &policyId, QObject *parent)
{
    const QUrl url = c->apiUrl(Connection::idPath(QStringLiteral("metadata"), recordId),
                               metaItems(entityId, schema, policyId));
    return withJson(c, "PUT", url, aspect, parent);
}

ApiRequest *revokeMetadata(Connection *c, const QString &recordId, QObject *parent)
{
    return new ApiRequest(
        c, "DELETE", c->apiUrl(Connection::idPath(QStringLiteral("metadata"), recordId)), parent);
}

} // namespace ivcap::Api
