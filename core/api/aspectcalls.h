#pragma once

#include "apirequest.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ivcap {

// Writing records on either dialect: the datafabric's `/1/aspects` where the deployment has it
// (PROTOCOL-0.48 §2.4), v0.28's `/1/metadata` where it does not. Each returns an ApiRequest
// that is not yet started, parented to `parent`. An empty schema falls back to the content's
// own "$schema", as both official clients do.
namespace Api {

// POST: a new record of `schema` on `entity`.
ApiRequest *addAspect(Connection *c, const QString &entity, const QString &schema,
                      const QJsonObject &content, const QString &policy, QObject *parent);
// PUT: retracts the one active record of entity/schema and adds this one. A deployment with
// more than one active answers 424 `not-unique` (ApiError::httpStatus 424).
ApiRequest *updateAspect(Connection *c, const QString &entity, const QString &schema,
                         const QJsonObject &content, const QString &policy, QObject *parent);
// Replaces the record `recordId` with `content`. With the datafabric this is the PUT above
// (IVCAP has no per-record update of aspects), which answers 424 `not-unique` when the
// entity has more than one live record of `schema`; on v0.28 it is PUT /1/metadata/{id}, which
// replaces exactly that record.
ApiRequest *replaceAspect(Connection *c, const QString &recordId, const QString &entity,
                          const QString &schema, const QJsonObject &content, const QString &policy,
                          QObject *parent);
// GET: the live (not retracted) records of `entity` with exactly `schema`, with their content,
// at most 50 (the API's page limit). The answer's items are Dialect::pageItems(Aspects).
ApiRequest *listLiveAspects(Connection *c, const QString &entity, const QString &schema,
                            QObject *parent);
// DELETE: the record stays visible through at-time.
ApiRequest *retractAspect(Connection *c, const QString &id, QObject *parent);
// The new record's id in the answer to add or update (`id`, v0.28's `record-id`).
QString writtenRecordId(const QJsonDocument &answer);

} // namespace Api
} // namespace ivcap
