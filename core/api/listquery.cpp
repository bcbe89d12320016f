#include "listquery.h"

#include <QUrlQuery>

namespace ivcap {

Connection::QueryItems ListQuery::firstPageItems(const QString &collection) const
{
    Connection::QueryItems items;
    const bool metadata = collection == QLatin1String("metadata");
    if (metadata) {
        if (!entityId.isEmpty())
            items.append({QStringLiteral("entity-id"), entityId});
        if (!schemaPrefix.isEmpty())
            items.append({QStringLiteral("schema"), schemaPrefix});
        if (!aspectPath.isEmpty())
            items.append({QStringLiteral("aspect-path"), aspectPath});
    }
    items.append({QStringLiteral("limit"), QString::number(limit)});
    if (!filter.isEmpty())
        items.append({QStringLiteral("filter"), filter});
    if (!orderBy.isEmpty())
        items.append({QStringLiteral("order-by"), orderBy});
    // Metadata has no default for order-desc; the other lists always send it, as the SDK does.
    if (!metadata || orderDesc)
        items.append({QStringLiteral("order-desc"),
                      orderDesc ? QStringLiteral("true") : QStringLiteral("false")});
    if (atTime.isValid())
        items.append({QStringLiteral("at-time"), formatTime(atTime)});
    return items;
}

Connection::QueryItems ListQuery::pageItems(const QString &pageToken) const
{
    return {{QStringLiteral("page"), pageToken}, {QStringLiteral("limit"), QString::number(limit)}};
}

QString ListQuery::formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    const QDateTime withOffset = time.toOffsetFromUtc(time.offsetFromUtc());
    return withOffset.toString(Qt::ISODateWithMs).replace(QLatin1String(".000"), QString());
}

QString ListQuery::pageToken(const QString &nextLink)
{
    if (nextLink.isEmpty())
        return QString();
    const QUrlQuery query(QUrl(nextLink).query(QUrl::FullyEncoded));
    return query.queryItemValue(QStringLiteral("page"), QUrl::FullyDecoded);
}

} // namespace ivcap
