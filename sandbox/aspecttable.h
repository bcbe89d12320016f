#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

class Store;

// The v0.48 datafabric's records in the `aspects` table: append-only, so an update retracts the
// active record and adds one that `replaces` it. Every v0.48 writer goes through here (the
// aspects and metadata routes, the job runner, the seeder), so all of them see one history.
//
// Columns: id ("urn:ivcap:aspect:<uuid>"), entity, schema, content (JSON text), content_type,
// policy, asserter, retracter, replaces, valid_from, valid_to (UTC text, HttpReply::now()).
namespace AspectTable {

// Adds an active record and returns its id. `policy` defaults to
// urn:ivcap:policy:ivcap.open.metadata, `contentType` to application/json.
QString add(Store *store, const QString &entity, const QString &schema, const QJsonValue &content,
            const QString &policy = {}, const QString &contentType = {},
            const QString &replaces = {});

// Retracts an active record (sets valid_to and retracter). Returns false when `id` is unknown
// or already retracted.
bool retract(Store *store, const QString &id);

// The ids of the active records of (entity, schema), oldest first.
QStringList active(Store *store, const QString &entity, const QString &schema);

// Retracts every active (entity, schema) record and adds `content` in their place (replacing
// the newest). Returns the new id. The caller decides whether several active ones are an error.
QString replace(Store *store, const QString &entity, const QString &schema,
                const QJsonValue &content, const QString &policy = {});

// The JSON text stored for `content` (objects and arrays compact, scalars as JSON literals).
QString contentText(const QJsonValue &content);

} // namespace AspectTable
