#include "aspectcalls.h"

#include "apicalls.h"
#include "connection.h"
#include "dialect.h"

namespace ivcap::Api {

namespace {
QString schemaOf(const QString &schema, const QJsonObject &content)
{
    return schema.isEmpty() ? content.value(QLatin1String("$schema")).toString() : schema;
}

ApiRequest *write(Connection *c, const QByteArray &method, const QString &entity,
                  const QString &schema, const QJsonObject &content, const QString &policy,
                  QObject *parent)
{
    Connection::QueryItems items{{QStringLiteral("entity"), entity},
                                 {QStringLiteral("schema"), schemaOf(schema, content)}};
    if (!policy.isEmpty())
        items.append({QStringLiteral("policy"), policy});
    auto *request = new ApiRequest(
        c, method, c->apiUrl(c->dialect().collectionPath(EntityKind::Aspects), items), parent);
    request->setBody(QJsonDocument(content).toJson(QJsonDocument::Compact));
    return request;
}
} // namespace

ApiRequest *addAspect(Connection *c, const QString &entity, const QString &schema,
                      const QJsonObject &content, const QString &policy, QObject *parent)
{
    if (!c->dialect().hasAspects())
        return addMetadata(c, entity, schema, content, policy, parent);
    return write(c, "POST", entity, schema, content, policy, parent);
}

ApiRequest *updateAspect(Connection *c, const QString &entity, const QString &schema,
                         const QJsonObject &content, const QString &policy, QObject *parent)
{
    if (!c->dialect().hasAspects())
        return updateOneMetadata(c, entity, schema, content, policy, parent);
    return write(c, "PUT", entity, schema, content, policy, parent);
}

ApiRequest *replaceAspect(Connection *c, const QString &recordId, const QString &entity,
                          const QString &schema, const QJsonObject &content, const QString &policy,
                          QObject *parent)
{
    if (!c->dialect().hasAspects())
        // The record names its own entity and schema; v0.28 copies what is left out.
        return updateMetadataRecord(c, recordId, content, QString(), QString(), policy, parent);
    return write(c, "PUT", entity, schema, content, policy, parent);
}

ApiRequest *listLiveAspects(Connection *c, const QString &entity, const QString &schema,
                            QObject *parent)
{
    ListQuery query;
    query.entityId = entity;
    query.schemaPrefix = schema;
    query.limit = 50;
    return listEntities(c, EntityKind::Aspects, query, QString(), parent);
}

ApiRequest *retractAspect(Connection *c, const QString &id, QObject *parent)
{
    return new ApiRequest(c, "DELETE", c->apiUrl(c->dialect().entityPath(EntityKind::Aspects, id)),
                          parent);
}

QString writtenRecordId(const QJsonDocument &answer)
{
    const QJsonObject o = answer.object();
    const QString id = o.value(QLatin1String("id")).toString();
    return id.isEmpty() ? o.value(QLatin1String("record-id")).toString() : id;
}

} // namespace ivcap::Api
