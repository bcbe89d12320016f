#pragma once

// A sandbox store with a few rows, and a list query run against it as GET /1/artifacts would,
// shared by the filter and page-cursor fuzzers.

#include "httpreply.h"
#include "listquery.h"
#include "store.h"

#include "fuzzsupport.h"

#include <QTemporaryDir>
#include <QUrlQuery>

namespace fuzz {

inline Store *store()
{
    static QTemporaryDir dir;
    static Store *s = [] {
        auto *created = new Store;
        QString error;
        check(dir.isValid() && created->open(dir.path(), &error), "cannot open the store");
        const QString now = HttpReply::now();
        for (int i = 0; i < 5; ++i) {
            created->exec(QStringLiteral("INSERT INTO artifacts (id, name, status, mime_type, "
                                         "size, upload_offset, created_at, valid_from) "
                                         "VALUES (?, ?, 'ready', 'text/plain', ?, ?, ?, ?)"),
                          {QStringLiteral("urn:ivcap:artifact:%1").arg(i),
                           QStringLiteral("a'b\"%1%").arg(i), i, i, now, now});
            created->exec(QStringLiteral("INSERT INTO metadata (id, entity, schema, aspect, "
                                         "valid_from) VALUES (?, 'urn:x', 's', ?, ?)"),
                          {QStringLiteral("urn:ivcap:record:%1").arg(i),
                           QStringLiteral("{\"a\": %1}").arg(i), now});
        }
        return created;
    }();
    return s;
}

// Parses `query` as the artifacts list does and, when it is accepted, selects its page.
inline void runListQuery(const QUrlQuery &query)
{
    // A few whitelisted columns, as every collection has them.
    static const QHash<QString, QString> columns{
        {"name", "name"}, {"id", "id"}, {"created-at", "created_at"}, {"ordered-at", "created_at"}};
    ListQuery list;
    if (list.parse(query, {"name", "created-at", "ordered-at", "status", "id"}, {"entity-id"}))
        return; // refused with a 4xx
    check(list.limit >= 1 && list.limit <= 50, "limit outside 1..50");
    check(list.offset >= 0, "negative offset");
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    if (store()->select(QStringLiteral("artifacts"), {}, {}, list, columns,
                        QStringLiteral("created_at"), &rows, &hasNext))
        check(rows.size() <= list.limit, "more rows than the limit");
    // Metadata filters go through json_extract with the field as a bound path.
    ListQuery aspect;
    if (!aspect.parse(query, {"created-at"}, {"entity-id"}))
        store()->select(QStringLiteral("metadata"), {}, {}, aspect, {{"created-at", "valid_from"}},
                        QStringLiteral("valid_from"), &rows, &hasNext, true);
}

} // namespace fuzz
