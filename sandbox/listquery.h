#pragma once

#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

class QHttpServerRequest;
class QUrlQuery;

// The shared list query of PROTOCOL.md §4/§5: limit, opaque page cursor, filter, order and
// at-time. The page cursor carries the whole query so follow-up pages need nothing else.
class ListQuery
{
public:
    // Returns an error response when the query is invalid; `extraKeys` are collection-specific
    // query parameters (e.g. metadata's entity-id) that must survive in the cursor.
    std::optional<QHttpServerResponse> parse(const QHttpServerRequest &request,
                                             const QStringList &orderFields,
                                             const QStringList &extraKeys = {});
    // The same for the query of a request URL (what the page-cursor and filter fuzzers feed).
    std::optional<QHttpServerResponse> parse(const QUrlQuery &query, const QStringList &orderFields,
                                             const QStringList &extraKeys = {});
    QJsonObject links(const QHttpServerRequest &request, const QString &collection,
                      bool hasNext) const;
    // The url-safe cursor of this query's first page, or (`next`) of the page after this one
    // (valid once the store has selected this page).
    QString pageToken(bool next) const
    {
        return next ? token(offset + limit, nextAfter) : token(0, {});
    }

    int offset = 0;
    int limit = 10;
    QString filterText;
    QString filterField;
    QString filterOp;
    QString filterValue;
    QString orderBy;
    bool orderDesc = false;
    // What an absent order-desc means: false in v0.28, true in v0.48. Set before parse().
    bool orderDescDefault = false;
    QString atTime;    // as echoed to the client
    QString atTimeSql; // normalised UTC text comparable with stored timestamps
    QJsonObject extra;
    // Sort key and rowid of the last row before this page (empty on a first page), and of this
    // page's last row once the store has selected it.
    QJsonArray after;
    QJsonArray nextAfter;

private:
    QString token(int at, const QJsonArray &position) const;
    std::optional<QHttpServerResponse> parseFilter();
};
