#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>

class QHttpServerRequest;
class Store;

// /1/services: list, create, read, update (with force-create) and delete.
class ServiceRoutes
{
public:
    explicit ServiceRoutes(Store *store) : m_store(store) {}
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

    // Deterministic (v5) id so re-creating the same provider/provider-ref collides.
    static QString serviceId(const QJsonObject &description);
    // Full URN for a path segment that may be a bare uuid.
    static QString canonicalId(const QString &pathId);
    static QJsonObject statusBody(const QString &base, const QSqlRecord &row);
    static QString accountId();
    static QString providerId();

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse update(const QHttpServerRequest &request, const QString &id);
    QHttpServerResponse remove(const QString &id);
    std::optional<QHttpServerResponse> parseDescription(const QHttpServerRequest &request,
                                                        QJsonObject *doc);
    void insert(const QString &id, const QJsonObject &doc);

    Store *m_store;
};
