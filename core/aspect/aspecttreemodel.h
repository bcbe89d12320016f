#pragma once

#include "jsonnode.h"

#include <QAbstractItemModel>
#include <QJsonValue>
#include <memory>
#include <optional>
#include <vector>

namespace ivcap {

// An editable tree over one JSON document (a metadata aspect). Rows are JSON nodes under one
// visible root row, so scalar documents and type changes of the root stay editable.
// Columns: key (object member name; empty for array items, whose index is the row), value,
// type.
//
// The document is loaded through QJsonDocument, which keeps object members sorted by key, so
// "round trip" means toJson() == the loaded QJsonValue (JSON value equality), not byte
// identity of the text. Inside the model the member order is whatever the user makes it.
class AspectTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    using Type = JsonNode::Type;
    enum Roles { JsonValueRole = Qt::UserRole + 1, JsonTypeRole, PathRole };

    explicit AspectTreeModel(QObject *parent = nullptr);
    ~AspectTreeModel() override;

    void setJson(const QJsonValue &document);
    // Loads JSON text and keeps each number's text, so toJsonText() gives back every digit
    // (2^53 + 1, 1.50) that a QJsonValue would round. False, model unchanged, when the text
    // is not JSON that QJsonDocument reads.
    bool setJsonText(const QByteArray &text);
    // toJson() holds numbers as doubles; toJsonText() writes each number's kept text.
    QJsonValue toJson() const;
    QByteArray toJsonText(bool indented = true) const;
    // `text` written as toJsonText() writes it (members sorted as QJsonDocument keeps them,
    // every number's digits as in `text`); empty when `text` is not JSON.
    static QByteArray formatJsonText(const QByteArray &text, bool indented = true);

    // The visible root row (the whole document).
    QModelIndex rootIndex() const;
    // Accepts a JSON pointer ("/a/0/b", "#/a/0"), "" for the root, or a dotted/bracketed path
    // such as "a.items[0].b". Returns an invalid index when the node does not exist.
    QModelIndex indexForPath(const QString &path) const;
    QString pathForIndex(const QModelIndex &index) const; // JSON pointer

    Type nodeType(const QModelIndex &index) const;
    bool setNodeType(const QModelIndex &index, Type type);
    // Adds a child to an object (key required, must be unique) or array (key ignored).
    bool insertChild(const QModelIndex &parent, int row, const QString &key,
                     const QJsonValue &value);

    static QString typeName(Type type) { return JsonNode::typeName(type); }
    static std::optional<Type> typeFromName(const QString &name)
    {
        return JsonNode::typeFromName(name);
    }

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool insertRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;

Q_SIGNALS:
    void documentChanged();

private:
    using Node = JsonNode;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    QString uniqueKey(const Node *object, const QString &base) const;

    std::unique_ptr<Node> m_root; // holds the document node as its only child
};

} // namespace ivcap
