#include "aspecttable.h"
#include "httpreply.h"
#include "serviceroutes.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace AspectTable {

QString contentText(const QJsonValue &content)
{
    if (content.isObject())
        return QString::fromUtf8(QJsonDocument(content.toObject()).toJson(QJsonDocument::Compact));
    if (content.isArray())
        return QString::fromUtf8(QJsonDocument(content.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: wrap and unwrap so it is stored as a JSON literal.
    const QByteArray wrapped = QJsonDocument(QJsonArray{content}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString add(Store *store, const QString &entity, const QString &schema, const QJsonValue &content,
            const QString &policy, const QString &contentType, const QString &replaces)
{
    const QString id =
        QStringLiteral("urn:ivcap:aspect:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    store->exec(QStringLiteral("INSERT INTO aspects (id, entity, schema, content, content_type, "
                               "policy, asserter, replaces, valid_from) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id, entity, schema, contentText(content),
                 contentType.isEmpty() ? QStringLiteral("application/json") : contentType,
                 policy.isEmpty() ? QStringLiteral("urn:ivcap:policy:ivcap.open.metadata") : policy,
                 ServiceRoutes::accountId(), replaces.isEmpty() ? QVariant() : QVariant(replaces),
                 HttpReply::now()});
    return id;
}

bool retract(Store *store, const QString &id)
{
    QSqlQuery query = store->exec(QStringLiteral("UPDATE aspects SET valid_to = ?, retracter = ? "
                                                 "WHERE id = ? AND valid_to IS NULL"),
                                  {HttpReply::now(), ServiceRoutes::accountId(), id});
    return query.numRowsAffected() > 0;
}

QStringList active(Store *store, const QString &entity, const QString &schema)
{
    QSqlQuery query = store->exec(QStringLiteral("SELECT id FROM aspects WHERE entity = ? AND "
                                                 "schema = ? AND valid_to IS NULL ORDER BY "
                                                 "valid_from, rowid"),
                                  {entity, schema});
    QStringList ids;
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

QString replace(Store *store, const QString &entity, const QString &schema,
                const QJsonValue &content, const QString &policy)
{
    const QStringList ids = active(store, entity, schema);
    for (const QString &id : ids)
        retract(store, id);
    return add(store, entity, schema, content, policy, {}, ids.isEmpty() ? QString() : ids.last());
}

} // namespace AspectTable
