#pragma once

#include "connection.h"

#include <QDateTime>
#include <QString>

namespace ivcap {

// The server-side query of a list: everything but the page cursor. A page token encodes the
// whole query, so these are sent only with the first page.
struct ListQuery
{
    QString filter;
    QString orderBy;
    bool orderDesc = false;
    QDateTime atTime;
    int limit = 50;
    // Metadata only.
    QString entityId;
    QString schemaPrefix;
    QString aspectPath;
    // Services on deployments that have it (v0.48): the server's free-text search; results
    // then come in `score` order.
    QString search;

    bool operator==(const ListQuery &other) const = default;

    // Query items for the first page of `collection` ("services", "orders", "artifacts",
    // "metadata"), in the order and with the defaults the official clients use.
    Connection::QueryItems firstPageItems(const QString &collection) const;
    // Query items for a follow-up page: only the cursor and the limit.
    Connection::QueryItems pageItems(const QString &pageToken) const;

    // RFC 3339 with an explicit offset ("Z" for UTC): naive times are invalid at the server.
    static QString formatTime(const QDateTime &time);
    // The percent-decoded `page` item of a `links.next` URL; empty when there is none.
    static QString pageToken(const QString &nextLink);
};

} // namespace ivcap
