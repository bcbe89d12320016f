#include "store.h"
#include "listquery.h"

#include <QDir>
#include <QSqlError>
#include <QUuid>

bool Store::open(const QString &dataDir, QString *error, ApiDialect dialect)
{
    m_dataDir = dataDir;
    m_dialect = dialect;
    if (!QDir().mkpath(dataDir + QStringLiteral("/blobs"))) {
        *error = QStringLiteral("cannot create %1").arg(dataDir);
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("sandbox"));
    m_db.setDatabaseName(dataDir + QStringLiteral("/sandbox.sqlite"));
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    const bool existed =
        one(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'services'")).has_value();
    if (existed && !checkDialect(true, error))
        return false;
    // One transaction: a sandbox stopped between creating the tables and recording its dialect
    // would otherwise leave a directory that reads as an unrecorded, hence v0.28, one.
    m_db.transaction();
    if (createSchema(error) && checkDialect(existed, error)) {
        if (m_db.commit())
            return true;
        *error = m_db.lastError().text();
        return false;
    }
    if (m_db.isOpen())
        m_db.rollback();
    return false;
}

bool Store::checkDialect(bool existed, QString *error)
{
    const bool hasInfo =
        one(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'sandbox_info'")).has_value();
    const auto row = hasInfo ? one(QStringLiteral("SELECT value FROM sandbox_info WHERE key = "
                                                  "'api'"))
                             : std::nullopt;
    // Before dialects were recorded every data directory was v0.28.
    QString stored = row ? row->value(0).toString() : QString();
    if (stored.isEmpty() && existed)
        stored = Dialect::name(ApiDialect::V028);
    if (!stored.isEmpty() && stored != Dialect::name(m_dialect)) {
        *error = QStringLiteral("%1 holds the records of an IVCAP v%2 sandbox; start with --api "
                                "%2 or choose another --data directory")
                     .arg(m_dataDir, stored);
        m_db.close();
        return false;
    }
    if (hasInfo && !row)
        exec(QStringLiteral("INSERT INTO sandbox_info (key, value) VALUES ('api', ?)"),
             {Dialect::name(m_dialect)});
    return true;
}

bool Store::createSchema(QString *error)
{
    const char *statements[] = {
        "CREATE TABLE IF NOT EXISTS services (rid INTEGER PRIMARY KEY, id TEXT NOT NULL, "
        "name TEXT, kind TEXT, provider_key TEXT, doc TEXT, created_at TEXT, valid_from TEXT, "
        "valid_to TEXT)",
        "CREATE INDEX IF NOT EXISTS services_id ON services(id)",
        "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, name TEXT, status TEXT, "
        "ordered_at TEXT, started_at TEXT, finished_at TEXT, service_id TEXT, account_id TEXT, "
        "params TEXT, products TEXT, valid_from TEXT, valid_to TEXT)",
        "CREATE TABLE IF NOT EXISTS artifacts (id TEXT PRIMARY KEY, name TEXT, status TEXT, "
        "mime_type TEXT, size INTEGER, upload_offset INTEGER, collection TEXT, policy TEXT, "
        "etag TEXT, created_at TEXT, last_modified_at TEXT, valid_from TEXT, valid_to TEXT)",
        // Parenthesised: clang takes an unbroken two-line literal here for a missing comma.
        ("CREATE TABLE IF NOT EXISTS metadata (id TEXT PRIMARY KEY, entity TEXT, schema TEXT, "
         "aspect TEXT, policy TEXT, asserter TEXT, revoker TEXT, valid_from TEXT, valid_to TEXT)"),
        "CREATE INDEX IF NOT EXISTS metadata_entity ON metadata(entity, schema)",
        "CREATE TABLE IF NOT EXISTS order_events (order_id TEXT, status TEXT, at TEXT)",
        "CREATE INDEX IF NOT EXISTS order_events_order ON order_events(order_id, at)",
        // The default list orders: a page then reads its rows off the index after the cursor.
        "CREATE INDEX IF NOT EXISTS artifacts_created ON artifacts(created_at)",
        "CREATE INDEX IF NOT EXISTS orders_ordered ON orders(ordered_at)",
        "CREATE TABLE IF NOT EXISTS sandbox_info (key TEXT PRIMARY KEY, value TEXT)",
        // v0.48: the datafabric's append-only aspect records (an update retracts and adds).
        ("CREATE TABLE IF NOT EXISTS aspects (id TEXT PRIMARY KEY, entity TEXT, schema TEXT, "
         "content TEXT, content_type TEXT, policy TEXT, asserter TEXT, retracter TEXT, "
         "replaces TEXT, valid_from TEXT, valid_to TEXT)"),
        "CREATE INDEX IF NOT EXISTS aspects_entity ON aspects(entity, schema)",
        "CREATE INDEX IF NOT EXISTS aspects_schema ON aspects(schema, valid_from)",
        // v0.48: a job is an order plus its service's own request and result documents.
        ("CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, order_id TEXT UNIQUE, "
         "service_id TEXT, request TEXT, request_type TEXT, result BLOB, result_type TEXT, "
         "error_message TEXT)"),
        "CREATE INDEX IF NOT EXISTS jobs_service ON jobs(service_id)",
        // v0.48: what a job's event stream replays (status changes and progress steps).
        ("CREATE TABLE IF NOT EXISTS job_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
         "job_id TEXT, type TEXT, schema TEXT, data TEXT, at TEXT)"),
        "CREATE INDEX IF NOT EXISTS job_events_job ON job_events(job_id, seq)",
    };
    for (const char *sql : statements) {
        QSqlQuery query(m_db);
        if (!query.exec(QString::fromLatin1(sql))) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

QString Store::blobPath(const QString &uuid) const
{
    // Callers pass only uuids validated by HttpReply::uuidFromId; re-check to be safe.
    if (QUuid::fromString(uuid).isNull())
        return {};
    return m_dataDir + QStringLiteral("/blobs/") + uuid;
}

QSqlQuery Store::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery query(m_db);
    query.prepare(sql);
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec())
        qWarning("sql error: %s in %s", qPrintable(query.lastError().text()), qPrintable(sql));
    return query;
}

std::optional<QSqlRecord> Store::one(const QString &sql, const QVariantList &binds)
{
    QSqlQuery query = exec(sql, binds);
    if (query.next())
        return query.record();
    return std::nullopt;
}

QString Store::validAt(const QString &alias)
{
    const QString p = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return p + QStringLiteral("valid_from <= ? AND (") + p +
           QStringLiteral("valid_to IS NULL OR ") + p + QStringLiteral("valid_to > ?)");
}

bool Store::select(const QString &table, const QString &where, const QVariantList &binds,
                   ListQuery &query, const QHash<QString, QString> &columns,
                   const QString &defaultOrder, QVector<QSqlRecord> *rows, bool *hasNext,
                   bool aspectFilter)
{
    // An order field the collection has no column for would leave an empty sort key in the SQL.
    if (!query.orderBy.isEmpty() && !columns.contains(query.orderBy))
        return false;
    const QString order = query.orderBy.isEmpty() ? defaultOrder : columns.value(query.orderBy);
    const QString key = QLatin1Char('(') + order + QLatin1Char(')');
    QString sql = QStringLiteral("SELECT ") + key + QStringLiteral(" AS ivcap_order_key, ") +
                  QStringLiteral("rowid AS ivcap_rowid, * FROM ") + table +
                  QStringLiteral(" WHERE ") + validAt();
    QVariantList values{query.atTimeSql, query.atTimeSql};
    if (!where.isEmpty()) {
        sql += QStringLiteral(" AND ") + where;
        values += binds;
    }
    if (!query.filterField.isEmpty()) {
        QString column;
        if (aspectFilter) {
            column = QStringLiteral("CAST(json_extract(aspect, ?) AS TEXT)");
            values << QStringLiteral("$.\"%1\"").arg(query.filterField);
        } else if (columns.contains(query.filterField)) {
            column = columns.value(query.filterField);
        } else {
            return false;
        }
        sql += QStringLiteral(" AND ") + column +
               (query.filterOp == QLatin1String("like") ? QStringLiteral(" LIKE ?")
                                                        : QStringLiteral(" = ?"));
        values << query.filterValue;
    }
    const bool keyset = query.after.size() == 2;
    if (keyset) {
        // Keyset paging: rows strictly after the previous page's last (key, rowid) in the sort
        // order, so a page costs an index seek instead of skipping every earlier row (OFFSET).
        // SQLite sorts NULL keys first ascending and last descending.
        const QVariant last = query.after.at(0).toVariant();
        const qint64 lastRowid = query.after.at(1).toInteger();
        if (last.isNull()) {
            sql += QStringLiteral(" AND ((") + key + QStringLiteral(" IS NULL AND rowid ") +
                   (query.orderDesc
                        ? QStringLiteral("< ?)")
                        : QStringLiteral("> ?) OR ") + key + QStringLiteral(" IS NOT NULL")) +
                   QLatin1Char(')');
            values << lastRowid;
        } else if (query.orderDesc) {
            sql += QStringLiteral(" AND ((") + key + QStringLiteral(", rowid) < (?, ?) OR ") + key +
                   QStringLiteral(" IS NULL)");
            values << last << lastRowid;
        } else {
            sql += QStringLiteral(" AND (") + key + QStringLiteral(", rowid) > (?, ?)");
            values << last << lastRowid;
        }
    }
    const QString direction = query.orderDesc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    sql += QStringLiteral(" ORDER BY ") + order + direction + QStringLiteral(", rowid") +
           direction + QStringLiteral(" LIMIT ?");
    values << query.limit + 1;
    if (!keyset) {
        sql += QStringLiteral(" OFFSET ?");
        values << query.offset;
    }
    QSqlQuery result = exec(sql, values);
    rows->clear();
    while (result.next())
        rows->append(result.record());
    *hasNext = rows->size() > query.limit;
    if (*hasNext)
        rows->removeLast();
    query.nextAfter = QJsonArray();
    if (!rows->isEmpty()) {
        const QSqlRecord &lastRow = rows->constLast();
        query.nextAfter = {QJsonValue::fromVariant(lastRow.value(0)),
                           lastRow.value(1).toLongLong()};
    }
    return true;
}
