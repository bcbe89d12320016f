#include "collectionrecords.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace ivcap {

QStringList CollectionRecord::schemasOf(CollectionModel model)
{
    switch (model) {
    case CollectionModel::ArtifactList:
        return {QLatin1String(kArtifactListSchema)};
    case CollectionModel::ItemAspects:
        return {QLatin1String(kDefinitionSchema), QLatin1String(kItemSchema)};
    case CollectionModel::InCollectionRecords:
        return {QLatin1String(kInCollectionSchema)};
    }
    return {};
}

CollectionRecord CollectionRecord::read(const QJsonObject &item, QLatin1String contentKey)
{
    CollectionRecord record;
    const QString schema = item.value(QLatin1String("schema")).toString();
    const QString entity = item.value(QLatin1String("entity")).toString();
    const QJsonObject content = item.value(contentKey).toObject();
    const auto text = [&content](const char *key) {
        return content.value(QLatin1String(key)).toString();
    };
    if (schema == QLatin1String(kArtifactListSchema)) {
        record.collection = entity.isEmpty() ? text("collection") : entity;
        for (const QJsonValue &v : content.value(QLatin1String("artifacts")).toArray()) {
            if (!v.toString().isEmpty())
                record.artifacts << v.toString();
        }
    } else if (schema == QLatin1String(kDefinitionSchema)) {
        record.collection = entity;
        record.definition = true;
        record.name = text("name");
        record.description = text("description");
    } else if (schema == QLatin1String(kItemSchema)) {
        record.collection = entity.isEmpty() ? text("collection") : entity;
        if (!text("item").isEmpty())
            record.artifacts << text("item");
    } else if (schema == QLatin1String(kInCollectionSchema)) {
        // The entity is the collection (the CLI's add-to-collection); its content repeats it.
        record.collection = entity.isEmpty() ? text("collection") : entity;
        if (!text("artifact").isEmpty())
            record.artifacts << text("artifact");
    }
    return record;
}

QString CollectionRecord::fallbackName(const QString &collectionUrn)
{
    const qsizetype colon = collectionUrn.lastIndexOf(QLatin1Char(':'));
    const QString last = colon >= 0 ? collectionUrn.mid(colon + 1) : collectionUrn;
    return last.isEmpty() ? collectionUrn : last;
}

bool CollectionRecord::isCollectionUrn(const QString &text)
{
    static const QRegularExpression urn(QStringLiteral("^urn:[A-Za-z0-9][A-Za-z0-9-]*:\\S+$"));
    return urn.match(text).hasMatch();
}

} // namespace ivcap
