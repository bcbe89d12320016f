#include "aspectstore.h"
#include "aspecttable.h"
#include "contentpath.h"
#include "httpreply.h"
#include "listquery.h"
#include "serviceroutes.h"
#include "store.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

namespace {

// SQLite's GLOB is case-sensitive, unlike LIKE: '%' becomes '*', GLOB's own metacharacters
// are matched literally.
QString globPattern(const QString &schema)
{
    QString glob;
    for (const QChar c : schema) {
        if (c == QLatin1Char('%'))
            glob += QLatin1Char('*');
        else if (c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('['))
            glob += QLatin1Char('[') + c + QLatin1Char(']');
        else
            glob += c;
    }
    return glob;
}

} // namespace

QString AspectStore::defaultPolicy()
{
    return QStringLiteral("urn:ivcap:policy:ivcap.open.metadata");
}

QString AspectStore::add(Store *store, const QString &entity, const QString &schema,
                         const QByteArray &content, const QString &policy, const QString &kind,
                         const QString &replaces)
{
    const QString id = QStringLiteral("urn:ivcap:%1:%2")
                           .arg(kind, QUuid::createUuid().toString(QUuid::WithoutBraces));
    store->exec(QStringLiteral("INSERT INTO aspects (id, entity, schema, content, content_type, "
                               "policy, asserter, replaces, valid_from) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id, entity, schema, QString::fromUtf8(content), QStringLiteral("application/json"),
                 policy.isEmpty() ? defaultPolicy() : policy, ServiceRoutes::accountId(),
                 replaces.isEmpty() ? QVariant() : QVariant(replaces), HttpReply::now()});
    return id;
}

std::optional<QString> AspectStore::replace(Store *store, const QString &entity,
                                            const QString &schema, const QByteArray &content,
                                            const QString &policy, int *activeCount)
{
    const QStringList ids = AspectTable::active(store, entity, schema);
    *activeCount = int(ids.size());
    if (ids.size() > 1)
        return std::nullopt;
    if (!ids.isEmpty())
        AspectTable::retract(store, ids.first());
    return add(store, entity, schema, content, policy, QStringLiteral("aspect"), ids.value(0));
}

std::optional<QSqlRecord> AspectStore::find(Store *store, const QString &pathId)
{
    QString uuid = HttpReply::uuidFromId(pathId, QStringLiteral("aspect"));
    if (uuid.isEmpty())
        uuid = HttpReply::uuidFromId(pathId, QStringLiteral("record"));
    if (uuid.isEmpty() && pathId.startsWith(QLatin1String("urn:ivcap:record.")))
        uuid = HttpReply::uuidFromId(pathId.mid(17), QStringLiteral("record"));
    if (uuid.isEmpty())
        return std::nullopt;
    return store->one(QStringLiteral("SELECT * FROM aspects WHERE id IN (?, ?)"),
                      {QString(QStringLiteral("urn:ivcap:aspect:") + uuid),
                       QString(QStringLiteral("urn:ivcap:record:") + uuid)});
}

std::optional<QString> AspectStore::orderSql(const QString &orderBy, const QString &direction,
                                             QStringList *binds, QString *error)
{
    static const QHash<QString, QString> columns{
        {"entity", "entity"},          {"schema", "schema"},        {"content", "content"},
        {"policy", "policy"},          {"account", "asserter"},     {"created_by", "asserter"},
        {"retracted_by", "retracter"}, {"replaces", "replaces"},    {"valid_from", "valid_from"},
        {"valid_to", "valid_to"},      {"created_at", "valid_from"}};
    static const QRegularExpression member(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    const QStringList names = orderBy.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (names.isEmpty() || names.size() > 5) {
        *error = QStringLiteral("expected one to five comma-separated fields");
        return std::nullopt;
    }
    QStringList keys;
    for (QString name : names) {
        name = name.trimmed();
        const QString column =
            columns.value(QString(name).replace(QLatin1Char('-'), QLatin1Char('_')));
        if (!column.isEmpty()) {
            keys << column + direction;
        } else if (member.match(name).hasMatch()) {
            // Any other name sorts by that top-level member of the content (the CLI lists job
            // aspects with order-by=requested-at).
            keys << QStringLiteral("json_extract(content, ?)") + direction;
            binds->append(QStringLiteral("$.\"%1\"").arg(name));
        } else {
            *error = QStringLiteral("cannot order by '%1'").arg(name);
            return std::nullopt;
        }
    }
    return keys.join(QStringLiteral(", ")) + QStringLiteral(", rowid") + direction;
}

QVector<QSqlRecord> AspectStore::select(Store *store, const ListQuery &query,
                                        const Selection &selection, bool *hasNext)
{
    QString sql = QStringLiteral("SELECT * FROM aspects WHERE ") + Store::validAt();
    QVariantList binds{query.atTimeSql, query.atTimeSql};
    if (!selection.entity.isEmpty()) {
        sql += QStringLiteral(" AND entity = ?");
        binds << selection.entity;
    }
    if (!selection.schemaPattern.isEmpty()) {
        sql += QStringLiteral(" AND schema GLOB ?");
        binds << globPattern(selection.schemaPattern);
    }
    if (!query.filterField.isEmpty()) {
        static const QStringList plain{"entity", "schema", "policy", "id"};
        if (plain.contains(query.filterField)) {
            sql += QStringLiteral(" AND ") + query.filterField;
        } else {
            sql += QStringLiteral(" AND CAST(json_extract(content, ?) AS TEXT)");
            binds << QStringLiteral("$.\"%1\"").arg(query.filterField);
        }
        sql += query.filterOp == QLatin1String("like") ? QStringLiteral(" LIKE ?")
                                                       : QStringLiteral(" = ?");
        binds << query.filterValue;
    }
    sql += QStringLiteral(" ORDER BY ") + selection.orderSql;
    for (const QString &bind : selection.orderBinds)
        binds << bind;
    if (!selection.path) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        binds << query.limit + 1 << query.offset;
    }
    QSqlQuery result = store->exec(sql, binds);
    QVector<QSqlRecord> rows;
    int skipped = 0;
    while (result.next()) {
        if (selection.path) {
            if (!selection.path->matches(result.value("content").toByteArray()))
                continue;
            if (skipped < query.offset) {
                ++skipped;
                continue;
            }
        }
        rows.append(result.record());
        if (rows.size() > query.limit)
            break;
    }
    *hasNext = rows.size() > query.limit;
    if (*hasNext)
        rows.removeLast();
    return rows;
}
