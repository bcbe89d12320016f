#pragma once

#include "dialect.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariantList>
#include <QVector>
#include <optional>

class ListQuery;

// The single SQLite connection. Every table keeps valid-from/valid-to so that at-time queries
// can reconstruct history; nothing is ever deleted.
class Store
{
public:
    // Opens (or creates) DIR/sandbox.sqlite for `dialect`. A new directory remembers the dialect
    // it was created with (a directory from before dialects were recorded is v0.28); opening it
    // with the other one fails with a message in `error` and leaves it untouched.
    bool open(const QString &dataDir, QString *error, ApiDialect dialect = ApiDialect::V028);
    ApiDialect dialect() const { return m_dialect; }
    QString blobPath(const QString &uuid) const;
    QString dataDir() const { return m_dataDir; }

    QSqlQuery exec(const QString &sql, const QVariantList &binds = {});
    std::optional<QSqlRecord> one(const QString &sql, const QVariantList &binds = {});
    bool transaction() { return m_db.transaction(); }
    bool commit() { return m_db.commit(); }

    // Runs a list query against `table`. `columns` maps the client's field names to SQL
    // expressions and is the only way client text reaches SQL (as a whitelist key).
    // Returns false when the filter or the order names an unknown field. Sets `query.nextAfter` to
    // the position of the page's last row, for the next page's cursor.
    bool select(const QString &table, const QString &where, const QVariantList &binds,
                ListQuery &query, const QHash<QString, QString> &columns,
                const QString &defaultOrder, QVector<QSqlRecord> *rows, bool *hasNext,
                bool aspectFilter = false);

    static QString validAt(const QString &alias = {});

private:
    bool createSchema(QString *error);
    bool checkDialect(bool existed, QString *error);
    QSqlDatabase m_db;
    ApiDialect m_dialect = ApiDialect::V028;
    QString m_dataDir;
};
