#pragma once

#include "dialect.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ivcap {

// What one collection record says, in whichever model it was written (Dialect::
// collectionModels): the collection it is about, the artifacts it names, and for the SDK's
// definition its name and description. Records are read from the list answers of
// EntityKind::Aspects (`/1/aspects` items with `content`, or v0.28 `/1/metadata` items with
// `aspect`); fields that are missing or of the wrong type read as empty, never as an error.
struct CollectionRecord
{
    QString collection;    // the collection URN (the record's entity, or its content's)
    QStringList artifacts; // member artifact URNs the record names (none for a definition)
    QString name;          // the SDK definition's name; empty otherwise
    QString description;   // the SDK definition's description
    bool definition = false;
    bool isValid() const { return !collection.isEmpty(); }

    static constexpr const char *kArtifactListSchema = "urn:ivcap:schema:artifact-collection.1";
    static constexpr const char *kDefinitionSchema = "urn:ivcap:schema:collection.1";
    static constexpr const char *kItemSchema = "urn:ivcap:schema:collection-item.1";
    static constexpr const char *kInCollectionSchema = "urn:common:schema:in_collection.1";

    // The schemas whose records make up collections of `model` (exact names, no patterns).
    static QStringList schemasOf(CollectionModel model);
    // Reads one record of a list answer; `contentKey` is the dialect's Field::AspectContent.
    // Returns an invalid record for an item of another schema or without a collection.
    static CollectionRecord read(const QJsonObject &item, QLatin1String contentKey);
    // The collection's name where no definition gives one: the URN's last ':' part.
    static QString fallbackName(const QString &collectionUrn);
    // Whether `text` can be a collection id: a URN ("urn:" NID ":" NSS, RFC 8141 in its
    // shape), as both official clients require of X-Collection.
    static bool isCollectionUrn(const QString &text);
};

} // namespace ivcap
