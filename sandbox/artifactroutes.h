#pragma once

#include "blobstreamer.h"

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>
#include <utility>

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

    // A download that handle() accepted: the server streams it to the socket itself instead of
    // writing the returned placeholder, so large bodies never sit in memory.
    std::optional<BlobStreamer::Range> takeStream() { return std::exchange(m_stream, {}); }

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse head(const QSqlRecord &row);
    QHttpServerResponse patch(const QHttpServerRequest &request, const QSqlRecord &row);
    QHttpServerResponse download(const QHttpServerRequest &request, const QSqlRecord &row);
    QJsonObject statusBody(const QString &base, const QSqlRecord &row) const;

    Store *m_store;
    std::optional<BlobStreamer::Range> m_stream;
};
