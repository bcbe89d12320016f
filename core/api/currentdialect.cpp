#include "currentdialect.h"

#include <QJsonArray>

namespace ivcap {

namespace {
QString boolText(bool on)
{
    return on ? QStringLiteral("true") : QStringLiteral("false");
}
} // namespace

QString CurrentDialect::collectionPath(EntityKind kind, const QString &scope) const
{
    switch (kind) {
    case EntityKind::Services:
        // Today's clients use only /1/services2; /1/services is the legacy marketplace.
        return hasJobs() ? QStringLiteral("/1/services2") : QStringLiteral("/1/services");
    case EntityKind::Orders:
        return QStringLiteral("/1/orders");
    case EntityKind::Artifacts:
        return QStringLiteral("/1/artifacts");
    case EntityKind::Metadata:
        return QStringLiteral("/1/metadata");
    case EntityKind::Aspects:
        return hasAspects() ? QStringLiteral("/1/aspects") : QStringLiteral("/1/metadata");
    case EntityKind::Jobs:
        return QStringLiteral("/1/services2/") +
               QString::fromLatin1(QUrl::toPercentEncoding(scope, ":")) + QStringLiteral("/jobs");
    }
    return QString();
}

Connection::QueryItems CurrentDialect::firstPageItems(EntityKind kind, const ListQuery &q) const
{
    Connection::QueryItems items;
    const QString limit = QString::number(q.limit);
    if (usesAspects(kind)) {
        // The datafabric's own parameters (§2.4): `entity`, `content-path`, `order-direction`;
        // its default order is valid_from DESC, newest first.
        if (!q.entityId.isEmpty())
            items.append({QStringLiteral("entity"), q.entityId});
        if (!q.schemaPrefix.isEmpty())
            items.append({QStringLiteral("schema"), q.schemaPrefix});
        if (!q.aspectPath.isEmpty())
            items.append({QStringLiteral("content-path"), q.aspectPath});
        items.append({QStringLiteral("include-content"), QStringLiteral("true")});
        items.append({QStringLiteral("limit"), limit});
        if (!q.filter.isEmpty())
            items.append({QStringLiteral("filter"), q.filter});
        if (!q.orderBy.isEmpty()) {
            items.append({QStringLiteral("order-by"), q.orderBy});
            items.append({QStringLiteral("order-direction"),
                          q.orderDesc ? QStringLiteral("DESC") : QStringLiteral("ASC")});
        }
        if (q.atTime.isValid())
            items.append({QStringLiteral("at-time"), ListQuery::formatTime(q.atTime)});
        return items;
    }
    if (kind == EntityKind::Metadata || kind == EntityKind::Aspects) {
        if (!q.entityId.isEmpty())
            items.append({QStringLiteral("entity-id"), q.entityId});
        if (!q.schemaPrefix.isEmpty())
            items.append({QStringLiteral("schema"), q.schemaPrefix});
        if (!q.aspectPath.isEmpty())
            items.append({QStringLiteral("aspect-path"), q.aspectPath});
    }
    items.append({QStringLiteral("limit"), limit});
    const bool search = kind == EntityKind::Services && hasServiceSearch() && !q.search.isEmpty();
    if (search)
        items.append({QStringLiteral("search"), q.search});
    if (!q.filter.isEmpty())
        items.append({QStringLiteral("filter"), q.filter});
    // A search answers in `score` order; any other list gets its order sent explicitly,
    // because the default of order-desc flipped to true after v0.28.
    if (!search) {
        if (!q.orderBy.isEmpty())
            items.append({QStringLiteral("order-by"), q.orderBy});
        items.append({QStringLiteral("order-desc"), boolText(q.orderDesc)});
    }
    if (q.atTime.isValid())
        items.append({QStringLiteral("at-time"), ListQuery::formatTime(q.atTime)});
    return items;
}

QString CurrentDialect::itemsKey(EntityKind kind) const
{
    Q_UNUSED(kind)
    return QStringLiteral("items");
}

QString CurrentDialect::nextLink(const QJsonObject &page) const
{
    const QJsonValue links = page.value(QLatin1String("links"));
    for (const QJsonValue &link : links.toArray()) {
        const QJsonObject o = link.toObject();
        if (o.value(QLatin1String("rel")).toString() == QLatin1String("next"))
            return o.value(QLatin1String("href")).toString();
    }
    return QString();
}

QLatin1String CurrentDialect::key(EntityKind kind, Field field) const
{
    switch (field) {
    case Field::RecordId:
        return QLatin1String("id");
    case Field::AspectContent:
        return usesAspects(kind) ? QLatin1String("content") : QLatin1String("aspect");
    case Field::AspectContext:
        return QLatin1String("aspect-context");
    case Field::EntityQuery:
        return usesAspects(kind) ? QLatin1String("entity") : QLatin1String("entity-id");
    case Field::ContentPath:
        return usesAspects(kind) ? QLatin1String("content-path") : QLatin1String("aspect-path");
    case Field::OrderService:
        return QLatin1String("service");
    }
    return QLatin1String();
}

QJsonValue CurrentDialect::writeReference(const QString &urn) const
{
    return urn;
}

QJsonObject CurrentDialect::orderRequestBody(const QString &serviceId,
                                             const QList<QPair<QString, QString>> &parameters,
                                             const QString &name, const QString &accountId,
                                             const QString &policyId) const
{
    Q_UNUSED(accountId) // the account is the caller's; v0.30 dropped `account-id`
    QJsonArray params;
    for (const auto &[key, value] : parameters)
        params.append(QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
    QJsonObject body{{QStringLiteral("service"), serviceId},
                     {QStringLiteral("parameters"), params}};
    if (!name.isEmpty())
        body.insert(QStringLiteral("name"), name);
    if (!policyId.isEmpty())
        body.insert(QStringLiteral("policy"), policyId);
    return body;
}

} // namespace ivcap
