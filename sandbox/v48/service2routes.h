#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>

class QHttpServerRequest;
class Store;

// v0.48 /1/services2 (PROTOCOL-0.48.md §2.1): list (with the free-text `search`), read, create,
// update (force-create) and delete, in the shared `services` table. A service's record is its
// ServiceDefinitionT plus `account` and, for catalogue services, the sandbox-only `sandbox`
// block that drives the job runner (never served).
class Service2Routes
{
public:
    explicit Service2Routes(Store *store) : m_store(store) {}
    // `id` is the decoded segment after /1/services2/ ("" for the collection).
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

    // The active record of a service (raw URN, or a bare uuid for urn:ivcap:service:<uuid>).
    static std::optional<QSqlRecord> activeRow(Store *store, const QString &id);
    static QString canonicalId(const QString &pathId);
    static QString selfUrl(const QString &base, const QString &id);
    // ServiceStatusRT.
    static QJsonObject statusBody(const QString &base, const QSqlRecord &row);
    // Stores `doc` as the service's current version (closing the previous one).
    static void insert(Store *store, const QString &id, const QJsonObject &doc);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse search(const QHttpServerRequest &request, class ListQuery &query,
                               const QString &text);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse update(const QHttpServerRequest &request, const QString &id);
    QHttpServerResponse remove(const QString &id);
    // Reads a ServiceDefinitionT body; `null` members count as absent.
    std::optional<QHttpServerResponse> parseDefinition(const QHttpServerRequest &request,
                                                       QJsonObject *doc) const;

    Store *m_store;
};
