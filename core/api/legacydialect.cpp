#include "legacydialect.h"

#include <QJsonArray>

namespace ivcap {

QString LegacyDialect::collectionPath(EntityKind kind, const QString &scope) const
{
    switch (kind) {
    case EntityKind::Services:
        return QStringLiteral("/1/services");
    case EntityKind::Orders:
        return QStringLiteral("/1/orders");
    case EntityKind::Artifacts:
        return QStringLiteral("/1/artifacts");
    case EntityKind::Metadata:
    case EntityKind::Aspects:
        return QStringLiteral("/1/metadata");
    case EntityKind::Jobs:
        // Not part of v0.28; the path is what a newer deployment would answer.
        return QStringLiteral("/1/services2/") +
               QString::fromLatin1(QUrl::toPercentEncoding(scope, ":")) + QStringLiteral("/jobs");
    }
    return QString();
}

Connection::QueryItems LegacyDialect::firstPageItems(EntityKind kind, const ListQuery &query) const
{
    switch (kind) {
    case EntityKind::Services:
        // v0.28 has no free-text search; the term is not sent.
        return query.firstPageItems(QStringLiteral("services"));
    case EntityKind::Orders:
        return query.firstPageItems(QStringLiteral("orders"));
    case EntityKind::Metadata:
    case EntityKind::Aspects:
        return query.firstPageItems(QStringLiteral("metadata"));
    case EntityKind::Artifacts:
    case EntityKind::Jobs:
        break;
    }
    return query.firstPageItems(QStringLiteral("artifacts"));
}

QString LegacyDialect::itemsKey(EntityKind kind) const
{
    switch (kind) {
    case EntityKind::Services:
        return QStringLiteral("services");
    case EntityKind::Orders:
        return QStringLiteral("orders");
    case EntityKind::Artifacts:
        return QStringLiteral("artifacts");
    case EntityKind::Metadata:
    case EntityKind::Aspects:
        return QStringLiteral("records");
    case EntityKind::Jobs:
        break;
    }
    return QStringLiteral("items");
}

QString LegacyDialect::nextLink(const QJsonObject &page) const
{
    return page.value(QLatin1String("links")).toObject().value(QLatin1String("next")).toString();
}

QLatin1String LegacyDialect::key(EntityKind kind, Field field) const
{
    Q_UNUSED(kind)
    switch (field) {
    case Field::RecordId:
        return QLatin1String("record-id");
    case Field::AspectContent:
        return QLatin1String("aspect");
    case Field::AspectContext:
        return QLatin1String("aspectContext");
    case Field::EntityQuery:
        return QLatin1String("entity-id");
    case Field::ContentPath:
        return QLatin1String("aspect-path");
    case Field::OrderService:
        return QLatin1String("service-id");
    }
    return QLatin1String();
}

QJsonValue LegacyDialect::writeReference(const QString &urn) const
{
    return QJsonObject{{QStringLiteral("id"), urn}};
}

QJsonObject LegacyDialect::orderRequestBody(const QString &serviceId,
                                            const QList<QPair<QString, QString>> &parameters,
                                            const QString &name, const QString &accountId,
                                            const QString &policyId) const
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

} // namespace ivcap
