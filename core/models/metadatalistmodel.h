#pragma once

#include "entitylistmodel.h"

#include <QList>

namespace ivcap {

// Metadata records (GET /1/metadata: `record-id`, entity, schema, aspect) or, built with
// EntityKind::Aspects, the datafabric's aspects (GET /1/aspects where the deployment has it:
// `id`, entity, schema, `content`; its metadata where it has not). Both become the same rows.
// entityId, schemaPrefix and aspectPath (sent as `content-path` to /1/aspects) are part of the
// server-side query like filter and orderBy.
class MetadataListModel : public EntityListModel
{
    Q_OBJECT
    Q_PROPERTY(QString entityId READ entityId WRITE setEntityId NOTIFY queryChanged)
    Q_PROPERTY(QString schemaPrefix READ schemaPrefix WRITE setSchemaPrefix NOTIFY queryChanged)
    Q_PROPERTY(QString aspectPath READ aspectPath WRITE setAspectPath NOTIFY queryChanged)
public:
    enum Column { RecordIdColumn, EntityColumn, SchemaColumn, AspectColumn, ColumnCount };
    enum Roles { AspectRole = UserRoleBase, AspectContextRole };

    explicit MetadataListModel(QObject *parent = nullptr);
    MetadataListModel(EntityKind kind, QObject *parent);

    QString entityId() const { return query().entityId; }
    void setEntityId(const QString &id);
    QString schemaPrefix() const { return query().schemaPrefix; }
    void setSchemaPrefix(const QString &prefix);
    QString aspectPath() const { return query().aspectPath; }
    void setAspectPath(const QString &path);

    // Metadata (`/1/metadata` always) or Aspects (the datafabric where there is one).
    EntityKind recordKind() const { return kind(); }

    // PROTOCOL.md §5 and the sandbox: entity, schema.
    QString orderField(int column) const override;

protected:
    int storedRows() const override { return int(m_rows.size()); }
    void appendRow(const QJsonObject &item) override;
    bool updateRow(int row, const QJsonObject &item) override;
    void clearRows() override { m_rows.clear(); }
    void insertRowAt(int row, const QJsonObject &item) override { m_rows.insert(row, parse(item)); }
    void removeStoredRows(int first, int count) override { m_rows.remove(first, count); }
    // A change to another entity's metadata does not concern a list of one entity's records.
    bool concernsChange(const QString &collection, const QString &id,
                        const QString &entityId) const override
    {
        return EntityListModel::concernsChange(collection, id, entityId) &&
               (entityId.isEmpty() || this->entityId().isEmpty() || entityId == this->entityId());
    }
    QString rowId(int row) const override { return m_rows.at(row).recordId; }
    QString itemId(const QJsonObject &item) const override;
    QStringList headers() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QJsonObject rawJson(int row) const override;
    QList<int> nameColumns() const override { return {EntityColumn}; }
    QVariant extraData(int row, int column, int role) const override;

private:
    // Which keys a row was read under, so RawJsonRole gives them back as the server wrote them.
    enum class Shape : quint8 { Legacy, Current, Aspect };
    static QLatin1String keyOf(Shape shape, Field field);
    Shape shapeOf(const Dialect &dialect) const;

    struct Row
    {
        QString recordId;
        QString entity;
        QString schema;    // interned
        QByteArray aspect; // compact JSON; aspects are free-form and can be large
        QByteArray extras; // aspectContext and anything unknown
        Shape shape = Shape::Legacy;
        bool operator==(const Row &) const = default;
    };
    Row parse(const QJsonObject &item) const;

    QList<Row> m_rows;
};

} // namespace ivcap
