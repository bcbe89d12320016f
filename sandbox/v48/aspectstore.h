#pragma once

#include <QByteArray>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

class ContentPath;
class ListQuery;
class Store;

// The datafabric's records (IVCAP v0.48 /1/aspects, and the legacy /1/metadata over the same
// rows): append-only aspects on entities. An update retracts the active record and creates a
// successor that names it in `replaces`; a retraction only closes valid-to, so at-time queries
// still see history. Content is stored as the client's compact JSON text, numbers as written.
//
// Rows live in the `aspects` table (see AspectTable, which the other v0.48 writers use); this
// class adds what the routes need beyond it: content kept as the client's text, the 424 rule of
// an update, ids of either kind, and the filtered, paged selection.
class AspectStore
{
public:
    // Creates a record and returns its id, "urn:ivcap:<kind>:<uuid>" (kind "aspect", or "record"
    // for /1/metadata). `content` must be valid compact JSON. An empty policy means the open one.
    static QString add(Store *store, const QString &entity, const QString &schema,
                       const QByteArray &content, const QString &policy,
                       const QString &kind = QStringLiteral("aspect"),
                       const QString &replaces = {});

    // PUT /1/aspects: retracts the single active (entity, schema) record and creates its
    // successor, or just creates one when none is active. Returns the new id, or nullopt with
    // `activeCount` set when several are active (424 not-unique).
    static std::optional<QString> replace(Store *store, const QString &entity,
                                          const QString &schema, const QByteArray &content,
                                          const QString &policy, int *activeCount);

    // The record for a path id: "urn:ivcap:aspect:<uuid>", "urn:ivcap:record:<uuid>",
    // "urn:ivcap:record.<uuid>" or a bare uuid; nullopt when unknown or malformed.
    static std::optional<QSqlRecord> find(Store *store, const QString &pathId);

    // One page of records valid at the query's at-time, in `orderSql` (SQL over the table's
    // columns, built only from whitelisted names), filtered by entity, by a schema pattern ('%'
    // is the wildcard), by the list filter and by `path`. Paging counts matching records
    // (query.offset), so a content-path never skips or repeats one between pages.
    struct Selection
    {
        QString entity;
        QString schemaPattern;
        const ContentPath *path = nullptr;
        QString orderSql;
        QStringList orderBinds;
    };
    static QVector<QSqlRecord> select(Store *store, const ListQuery &query,
                                      const Selection &selection, bool *hasNext);

    // The SQL order for a comma list of IVCAP order-by names (`valid_from`, `created_by`, … or a
    // top-level content member such as `requested-at`), each followed by `direction`; nullopt
    // with `error` for a name it cannot use.
    static std::optional<QString> orderSql(const QString &orderBy, const QString &direction,
                                           QStringList *binds, QString *error);

    static QString defaultPolicy();
};
