#include "metadatalistmodel.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace ivcap {

MetadataListModel::MetadataListModel(QObject *parent)
    : MetadataListModel(EntityKind::Metadata, parent)
{}

MetadataListModel::MetadataListModel(EntityKind kind, QObject *parent)
    : EntityListModel(kind, parent)
{}

QLatin1String MetadataListModel::keyOf(Shape shape, Field field)
{
    switch (field) {
    case Field::RecordId:
        return shape == Shape::Legacy ? QLatin1String("record-id") : QLatin1String("id");
    case Field::AspectContent:
        return shape == Shape::Aspect ? QLatin1String("content") : QLatin1String("aspect");
    case Field::AspectContext:
        return shape == Shape::Legacy ? QLatin1String("aspectContext")
                                      : QLatin1String("aspect-context");
    default:
        return QLatin1String();
    }
}

MetadataListModel::Shape MetadataListModel::shapeOf(const Dialect &dialect) const
{
    if (dialect.key(kind(), Field::AspectContent) == QLatin1String("content"))
        return Shape::Aspect;
    return dialect.isLegacy() ? Shape::Legacy : Shape::Current;
}

void MetadataListModel::setEntityId(const QString &id)
{
    ListQuery q = query();
    q.entityId = id;
    setQuery(q);
}

void MetadataListModel::setSchemaPrefix(const QString &prefix)
{
    ListQuery q = query();
    q.schemaPrefix = prefix;
    setQuery(q);
}

void MetadataListModel::setAspectPath(const QString &path)
{
    ListQuery q = query();
    q.aspectPath = path;
    setQuery(q);
}

QString MetadataListModel::itemId(const QJsonObject &item) const
{
    return item.value(dialect().key(kind(), Field::RecordId)).toString();
}

MetadataListModel::Row MetadataListModel::parse(const QJsonObject &o) const
{
    Row r;
    r.shape = shapeOf(dialect());
    const QLatin1String idKey = keyOf(r.shape, Field::RecordId);
    const QLatin1String aspectKey = keyOf(r.shape, Field::AspectContent);
    r.recordId = json::str(o, idKey);
    r.entity = json::str(o, QLatin1String("entity"));
    r.schema = json::intern(json::str(o, QLatin1String("schema")));
    const QJsonValue aspect = o.value(aspectKey);
    if (aspect.isObject())
        r.aspect = QJsonDocument(aspect.toObject()).toJson(QJsonDocument::Compact);
    else if (aspect.isArray())
        r.aspect = QJsonDocument(aspect.toArray()).toJson(QJsonDocument::Compact);
    // An aspect that is neither object nor array (a server following the spec's "binary
    // string") is not modelled, so it stays with the other unknown fields.
    r.extras =
        r.aspect.isEmpty()
            ? extras(o, {idKey, QLatin1String("entity"), QLatin1String("schema")})
            : extras(o, {idKey, QLatin1String("entity"), QLatin1String("schema"), aspectKey});
    return r;
}

void MetadataListModel::appendRow(const QJsonObject &item)
{
    m_rows.append(parse(item));
}

bool MetadataListModel::updateRow(int row, const QJsonObject &item)
{
    Row r = parse(item);
    if (r == m_rows.at(row))
        return false;
    m_rows[row] = std::move(r);
    return true;
}

QStringList MetadataListModel::headers() const
{
    return {QCoreApplication::translate("ivcap::MetadataListModel", "Record"),
            QCoreApplication::translate("ivcap::MetadataListModel", "Entity"),
            QCoreApplication::translate("ivcap::MetadataListModel", "Schema"),
            QCoreApplication::translate("ivcap::MetadataListModel", "Aspect")};
}

QVariant MetadataListModel::display(int row, int column) const
{
    const Row &r = m_rows.at(row);
    switch (column) {
    case RecordIdColumn:
        return r.recordId;
    case EntityColumn:
        return r.entity;
    case SchemaColumn:
        return r.schema;
    case AspectColumn:
        return QString::fromUtf8(r.aspect.left(200));
    default:
        return QVariant();
    }
}

QVariant MetadataListModel::raw(int row, int column) const
{
    if (column == AspectColumn)
        return QJsonDocument::fromJson(m_rows.at(row).aspect).toVariant();
    return display(row, column);
}

QVariant MetadataListModel::extraData(int row, int, int role) const
{
    const Row &r = m_rows.at(row);
    if (role == AspectRole)
        return QJsonDocument::fromJson(r.aspect).object();
    if (role == AspectContextRole) {
        const QJsonObject rest = QJsonDocument::fromJson(r.extras).object();
        return rest.value(keyOf(r.shape, Field::AspectContext)).toVariant();
    }
    return QVariant();
}

QJsonObject MetadataListModel::rawJson(int row) const
{
    const Row &r = m_rows.at(row);
    QJsonObject o{{keyOf(r.shape, Field::RecordId), r.recordId},
                  {QStringLiteral("entity"), r.entity},
                  {QStringLiteral("schema"), r.schema}};
    if (!r.aspect.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(r.aspect);
        o.insert(keyOf(r.shape, Field::AspectContent),
                 doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    }
    mergeExtras(o, r.extras);
    return o;
}

QString MetadataListModel::orderField(int column) const
{
    switch (column) {
    case EntityColumn:
        return QStringLiteral("entity");
    case SchemaColumn:
        return QStringLiteral("schema");
    default:
        return QString();
    }
}

} // namespace ivcap
