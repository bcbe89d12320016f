#pragma once

#include "artifactroutes.h"

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>

class Store;
struct Exchange;

// v0.48 /1/artifacts (PROTOCOL-0.48.md §2.6): list, create (201 ArtifactUploadRT2 with
// data-href) and read in today's shapes. Uploads (TUS HEAD/PATCH) and downloads (ranged GET) of
// …/{id}/blob are the v0.28 routes' own, unchanged.
class Artifact48Routes
{
public:
    explicit Artifact48Routes(Store *store) : m_store(store), m_core(store) {}
    // Exchange segments: {"artifacts", id?, "blob"?}.
    QHttpServerResponse handle(Exchange &exchange);

    // ProductListItem2T / ProductListItemT: {id, name, status, mime-type, size, href, data-href}.
    static QJsonObject productItem(const QString &base, const QSqlRecord &row);
    static QString selfUrl(const QString &base, const QString &id);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QJsonObject statusBody(const QString &base, const QSqlRecord &row) const;

    Store *m_store;
    ArtifactRoutes m_core;
};
