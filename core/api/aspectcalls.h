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
// DELETE: the record stays visible through at-time.
ApiRequest *retractAspect(Connection *c, const QString &id, QObject *parent);
// The new record's id in the answer to add or update (`id`, v0.28's `record-id`).
QString writtenRecordId(const QJsonDocument &answer);

} // namespace Api
} // namespace ivcap
