#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>

class QHttpServerRequest;
class Store;

// /1/artifacts and the TUS 1.0.0 data URL /1/artifacts/{id}/blob (PROTOCOL.md §7).
class ArtifactRoutes
{
public:
    explicit ArtifactRoutes(Store *store) : m_store(store) {}
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id,
                               const QString &sub);

    static QJsonObject productBody(const QString &base, const QSqlRecord &row);
    // Stores complete bytes as a ready artifact and returns its URN.
    static QString createReady(Store *store, const QString &name, const QString &mimeType,
                               const QByteArray &bytes);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse head(const QSqlRecord &row);
    QHttpServerResponse patch(const QHttpServerRequest &request, const QSqlRecord &row);
    QHttpServerResponse download(const QSqlRecord &row);
    QJsonObject statusBody(const QString &base, const QSqlRecord &row) const;

    Store *m_store;
};
