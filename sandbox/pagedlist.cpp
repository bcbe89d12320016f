#include "pagedlist.h"

#include "httpreply.h"
#include "listquery.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonArray>

namespace PagedList {

QHttpServerResponse respond(Store *store, const QHttpServerRequest &request,
                            const QString &collection, const QString &table,
                            const QHash<QString, QString> &columns, const QString &defaultOrder,
                            const ItemBuilder &buildItem)
{
    ListQuery query;
    if (auto error = query.parse(request, {"name", "created-at", "ordered-at", "status", "id"}))
        return std::move(*error);
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    if (!store->select(table, {}, {}, query, columns, defaultOrder, &rows, &hasNext))
        return HttpReply::invalidParameter(QStringLiteral("filter"), query.filterText,
                                           QStringLiteral("unknown field ") + query.filterField);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows)
        items.append(buildItem(base, row, query));
    return HttpReply::json({{collection, items},
                            {"at-time", query.atTime},
                            {"links", query.links(request, collection, hasNext)}});
}

} // namespace PagedList
