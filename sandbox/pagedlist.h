#pragma once

#include <QHash>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>

#include <functional>

class ListQuery;
class QHttpServerRequest;
class Store;

namespace PagedList {

using ItemBuilder =
    std::function<QJsonObject(const QString &base, const QSqlRecord &row, const ListQuery &query)>;

// Answers GET /1/<collection>: parses the list query, selects one page of `table` and wraps the
// built items with `at-time` and the navigation links, so every collection pages the same way.
QHttpServerResponse respond(Store *store, const QHttpServerRequest &request,
                            const QString &collection, const QString &table,
                            const QHash<QString, QString> &columns, const QString &defaultOrder,
                            const ItemBuilder &buildItem);

} // namespace PagedList
