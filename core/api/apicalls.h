#pragma once

#include "apirequest.h"
#include "dialect.h"
#include "listquery.h"

#include <QJsonObject>
#include <QList>
#include <QPair>

namespace ivcap {

// One typed call per endpoint of PROTOCOL.md §3. Each returns an ApiRequest that is not yet
// started, parented to `parent`; the caller connects to it and calls start().
namespace Api {

using Parameters = QList<QPair<QString, QString>>;

// Lists: `pageToken` empty means the first page of `query`. Paths, query names and defaults
// come from the connection's dialect; `scope` is the service id of a job list.
ApiRequest *listEntities(Connection *c, EntityKind kind, const ListQuery &query,
                         const QString &pageToken, QObject *parent, const QString &scope = {});
// GET of one entity at the dialect's path (`/1/services2/{id}` where there are jobs).
ApiRequest *readEntity(Connection *c, EntityKind kind, const QString &id, QObject *parent,
                       const QString &scope = {});
// The kind a collection name ("services", "orders", "artifacts", "metadata", "aspects",
// "jobs") stands for.
EntityKind kindOf(const QString &collection);

ApiRequest *listServices(Connection *c, const ListQuery &query, const QString &pageToken,
                         QObject *parent);
ApiRequest *listOrders(Connection *c, const ListQuery &query, const QString &pageToken,
                       QObject *parent);
ApiRequest *listArtifacts(Connection *c, const ListQuery &query, const QString &pageToken,
                          QObject *parent);
ApiRequest *listMetadata(Connection *c, const ListQuery &query, const QString &pageToken,
                         QObject *parent);
ApiRequest *listCollection(Connection *c, const QString &collection, const ListQuery &query,
                           const QString &pageToken, QObject *parent);

ApiRequest *readService(Connection *c, const QString &id, QObject *parent);
ApiRequest *readOrder(Connection *c, const QString &id, QObject *parent);
ApiRequest *readArtifact(Connection *c, const QString &id, QObject *parent);
ApiRequest *readMetadata(Connection *c, const QString &recordId, QObject *parent);

// Values are sent as JSON strings under exactly the given names (hyphens kept). This is the
// v0.28 body; createOrder writes the connection's dialect's.
QJsonObject orderRequestBody(const QString &serviceId, const Parameters &parameters,
                             const QString &name = {}, const QString &accountId = {},
                             const QString &policyId = {});
ApiRequest *createOrder(Connection *c, const QString &serviceId, const Parameters &parameters,
                        const QString &name, QObject *parent);

ApiRequest *addMetadata(Connection *c, const QString &entityId, const QString &schema,
                        const QJsonObject &aspect, const QString &policyId, QObject *parent);
// Revokes the single active record of entity/schema and adds a new one.
ApiRequest *updateOneMetadata(Connection *c, const QString &entityId, const QString &schema,
                              const QJsonObject &aspect, const QString &policyId, QObject *parent);
ApiRequest *updateMetadataRecord(Connection *c, const QString &recordId, const QJsonObject &aspect,
                                 const QString &entityId, const QString &schema,
                                 const QString &policyId, QObject *parent);
ApiRequest *revokeMetadata(Connection *c, const QString &recordId, QObject *parent);

} // namespace Api
} // namespace ivcap
