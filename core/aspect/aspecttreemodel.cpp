#include "aspecttreemodel.h"
#include "jsonnode.h"
#include "jsonnumbers.h"
#include "jsonpath.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUuid>
#include <QtNumeric>
#include <algorithm>
#include <functional>

namespace ivcap {

namespace {
QString trTree(const char *text)
{
    return QCoreApplication::translate("ivcap::AspectTreeModel", text);
}
} // namespace

AspectTreeModel::AspectTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
    m_root->type = Type::Array;
    m_root->children.push_back(Node::fromJson(QJsonObject(), m_root.get(), QString()));
}

AspectTreeModel::~AspectTreeModel() = default;

void AspectTreeModel::setJson(const QJsonValue &document)
{
    beginResetModel();
    m_root->children.clear();
    m_root->children.push_back(Node::fromJson(document, m_root.get(), QString()));
    endResetModel();
    Q_EMIT documentChanged();
}

QJsonValue AspectTreeModel::toJson() const
{
    return m_root->children.front()->toJson();
}

bool AspectTreeModel::setJsonText(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = jsonnumbers::parse(text, &error);
    if (error.error != QJsonParseError::NoError)
        return false;
    setJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
    for (const auto &number : jsonnumbers::numbersIn(text)) {
        Node *node = m_root->children.front().get();
        for (const QString &token : number.path) {
            Node *next = nullptr;
            if (node->type == Type::Object) {
                for (const auto &c : node->children) {
                    if (c->key == token)
                        next = c.get();
                }
            } else if (node->type == Type::Array) {
                const size_t i = token.toULongLong();
                next = i < node->children.size() ? node->children[i].get() : nullptr;
            }
            node = next;
            if (!node)
                break;
        }
        if (node && node->type == Type::Number)
            node->numberText = number.text;
    }
    return true;
}

QByteArray AspectTreeModel::formatJsonText(const QByteArray &text, bool indented)
{
    AspectTreeModel model;
    if (!model.setJsonText(text))
        return {};
    return model.toJsonText(indented);
}

QByteArray AspectTreeModel::toJsonText(bool indented) const
{
    // Numbers whose text a double would change go in as placeholders and are spliced back.
    const QByteArray tag = "ivcap-number-" + QUuid::createUuid().toByteArray(QUuid::Id128) + '-';
    QHash<QByteArray, QByteArray> texts;
    const std::function<QJsonValue(const Node *)> build = [&](const Node *n) -> QJsonValue {
        if (n->type == Type::Object) {
            QJsonObject o;
            for (const auto &c : n->children)
                o.insert(c->key, build(c.get()));
            return o;
        }
        if (n->type == Type::Array) {
            QJsonArray a;
            for (const auto &c : n->children)
                a.append(build(c.get()));
            return a;
        }
        if (n->type == Type::Number && !n->numberText.isEmpty()) {
            const QByteArray key = tag + QByteArray::number(texts.size());
            texts.insert(key, n->numberText.toLatin1());
            return QString::fromLatin1(key);
        }
        return n->toJson();
    };
    return jsonnumbers::write(build(m_root->children.front().get()), indented, texts);
}

QModelIndex AspectTreeModel::rootIndex() const
{
    return index(0, 0);
}

AspectTreeModel::Node *AspectTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex AspectTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

QModelIndex AspectTreeModel::indexForPath(const QString &path) const
{
    const QStringList tokens = jsonpath::tokens(path);
    const Node *node = m_root->children.front().get();
    for (const QString &token : tokens) {
        const Node *next = nullptr;
        if (node->type == Type::Array) {
            bool ok = false;
            const int i = token.toInt(&ok);
            if (ok && i >= 0 && size_t(i) < node->children.size())
                next = node->children[size_t(i)].get();
        } else if (node->type == Type::Object) {
            for (const auto &c : node->children) {
                if (c->key == token) {
                    next = c.get();
                    break;
                }
            }
        }
        if (!next)
            return {};
        node = next;
    }
    return indexFor(node);
}

QString AspectTreeModel::pathForIndex(const QModelIndex &index) const
{
    QStringList tokens;
    for (const Node *n = nodeFor(index); n && n->parent && n->parent != m_root.get();
         n = n->parent) {
        tokens.prepend(n->parent->type == Type::Array ? QString::number(n->row())
                                                      : jsonpath::escapeToken(n->key));
    }
    return tokens.isEmpty() ? QString() : QLatin1Char('/') + tokens.join(QLatin1Char('/'));
}

AspectTreeModel::Type AspectTreeModel::nodeType(const QModelIndex &index) const
{
    return nodeFor(index)->type;
}

bool AspectTreeModel::setNodeType(const QModelIndex &index, Type type)
{
    Node *node = nodeFor(index);
    if (!index.isValid() || node == m_root.get())
        return false;
    if (node->type == type)
        return true;
    const QModelIndex first = indexFor(node, 0);
    if (!node->children.empty()) {
        beginRemoveRows(first, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    // Keep what can be kept (a number typed as text becomes a number), else a neutral default.
    const QString text = node->scalar.isString()   ? node->scalar.toString()
                         : node->scalar.isDouble() ? node->exactNumber()
                                                   : QString();
    node->type = type;
    switch (type) {
    case Type::Bool:
        node->scalar = text == QLatin1String("true");
        break;
    case Type::Number:
        node->scalar = text.toDouble();
        node->numberText = JsonNode::isNumberText(text.trimmed()) ? text.trimmed() : QString();
        break;
    case Type::String:
        node->scalar = text;
        break;
    default:
        node->scalar = QJsonValue();
    }
    Q_EMIT dataChanged(first, indexFor(node, TypeColumn));
    Q_EMIT documentChanged();
    return true;
}

bool AspectTreeModel::insertChild(const QModelIndex &parent, int row, const QString &key,
                                  const QJsonValue &value)
{
    Node *p = nodeFor(parent);
    if (!parent.isValid() || (p->type != Type::Object && p->type != Type::Array))
        return false;
    if (row < 0 || size_t(row) > p->children.size())
        return false;
    if (p->type == Type::Object) {
        for (const auto &c : p->children) {
            if (c->key == key)
                return false; // JSON objects need unique member names
        }
    }
    beginInsertRows(parent, row, row);
    p->children.insert(p->children.begin() + row,
                       Node::fromJson(value, p, p->type == Type::Object ? key : QString()));
    endInsertRows();
    Q_EMIT documentChanged();
    return true;
}

QString AspectTreeModel::uniqueKey(const Node *object, const QString &base) const
{
    for (int n = 0;; ++n) {
        const QString candidate = n == 0 ? base : base + QString::number(n);
        bool taken = false;
        for (const auto &c : object->children)
            taken = taken || c->key == candidate;
        if (!taken)
            return candidate;
    }
}

QModelIndex AspectTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent)->children[size_t(row)].get());
}

QModelIndex AspectTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int AspectTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int AspectTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant AspectTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    if (role == JsonValueRole)
        return QVariant::fromValue(node->toJson());
    if (role == JsonTypeRole)
        return int(node->type);
    if (role == PathRole)
        return pathForIndex(index);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case KeyColumn:
        if (node->parent == m_root.get())
            return role == Qt::DisplayRole ? trTree("(document)") : QVariant();
        // Array items have no key; their position is index.row(). Returning the row here
        // would make the key data change under unchanged rows on every insert/remove, which
        // QAbstractItemModelTester rightly rejects, so views draw "[row]" themselves.
        return node->parent->type == Type::Array ? QVariant() : QVariant(node->key);
    case ValueColumn:
        switch (node->type) {
        case Type::Object:
            return role == Qt::DisplayRole ? trTree("{%1 members}").arg(node->children.size())
                                           : QVariant();
        case Type::Array:
            return role == Qt::DisplayRole ? QStringLiteral("[%1]").arg(node->children.size())
                                           : QVariant();
        case Type::Null:
            return role == Qt::DisplayRole ? QStringLiteral("null") : QVariant();
        case Type::Number:
            // The kept text when a double would show other digits.
            return node->numberText.isEmpty() ||
                           node->numberText == QString::number(node->scalar.toDouble(), 'g',
                                                               QLocale::FloatingPointShortest)
                       ? node->scalar.toVariant()
                       : QVariant(node->numberText);
        default:
            return node->scalar.toVariant();
        }
    case TypeColumn:
        return typeName(node->type);
    }
    return {};
}

bool AspectTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole)
        return false;
    Node *node = nodeFor(index);
    if (index.column() == TypeColumn) {
        const auto type = typeFromName(value.toString());
        return type && setNodeType(index, *type);
    }
    if (index.column() == KeyColumn) {
        if (node->parent == m_root.get() || node->parent->type != Type::Object)
            return false; // array items and the document have no name to change
        const QString key = value.toString();
        if (key == node->key)
            return true;
        for (const auto &c : node->parent->children) {
            if (c->key == key)
                return false;
        }
        node->key = key;
    } else {
        switch (node->type) {
        case Type::Bool:
            if (value.typeId() == QMetaType::Bool)
                node->scalar = value.toBool();
            else if (value.toString() == QLatin1String("true") ||
                     value.toString() == QLatin1String("false"))
                node->scalar = value.toString() == QLatin1String("true");
            else
                return false;
            break;
        case Type::Number: {
            bool ok = false;
            const double d = value.toDouble(&ok);
            if (!ok || !qIsFinite(d))
                return false; // JSON has no NaN or infinity
            // Typed text keeps its digits ("9007199254740993", "1.50"); a double has none.
            const QString typed =
                value.typeId() == QMetaType::QString ? value.toString().trimmed() : QString();
            node->scalar = d;
            node->numberText = JsonNode::isNumberText(typed) ? typed : QString();
            break;
        }
        case Type::String:
            node->scalar = value.toString();
            break;
        default:
            return false; // containers and null have no editable value; change the type
        }
    }
    Q_EMIT dataChanged(index, index);
    Q_EMIT documentChanged();
    return true;
}

Qt::ItemFlags AspectTreeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    if (!index.isValid())
        return f;
    const Node *node = nodeFor(index);
    const bool editable = (index.column() == KeyColumn && node->parent != m_root.get() &&
                           node->parent->type == Type::Object) ||
                          (index.column() == ValueColumn && node->type != Type::Object &&
                           node->type != Type::Array && node->type != Type::Null) ||
                          index.column() == TypeColumn;
    return editable ? f | Qt::ItemIsEditable : f;
}

QVariant AspectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return trTree("Key");
    case ValueColumn:
        return trTree("Value");
    case TypeColumn:
        return trTree("Type");
    }
    return {};
}

bool AspectTreeModel::insertRows(int row, int count, const QModelIndex &parent)
{
    Node *p = nodeFor(parent);
    if (!parent.isValid() || count < 1 || row < 0 || size_t(row) > p->children.size() ||
        (p->type != Type::Object && p->type != Type::Array))
        return false;
    beginInsertRows(parent, row, row + count - 1);
    for (int i = 0; i < count; ++i) {
        const QString key =
            p->type == Type::Object ? uniqueKey(p, QStringLiteral("key")) : QString();
        p->children.insert(p->children.begin() + row + i, Node::fromJson(QJsonValue(), p, key));
    }
    endInsertRows();
    Q_EMIT documentChanged();
    return true;
}

bool AspectTreeModel::removeRows(int row, int count, const QModelIndex &parent)
{
    Node *p = nodeFor(parent);
    if (!parent.isValid() || count < 1 || row < 0 || size_t(row + count) > p->children.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    p->children.erase(p->children.begin() + row, p->children.begin() + row + count);
    endRemoveRows();
    Q_EMIT documentChanged();
    return true;
}

bool AspectTreeModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                               const QModelIndex &destinationParent, int destinationChild)
{
    // Only reordering within one array: moving between containers would need key handling
    // and order inside objects carries no meaning in JSON.
    Node *p = nodeFor(sourceParent);
    if (!sourceParent.isValid() || sourceParent != destinationParent || p->type != Type::Array ||
        count < 1 || sourceRow < 0 || size_t(sourceRow + count) > p->children.size() ||
        destinationChild < 0 || size_t(destinationChild) > p->children.size() ||
        (destinationChild >= sourceRow && destinationChild <= sourceRow + count))
        return false;
    if (!beginMoveRows(sourceParent, sourceRow, sourceRow + count - 1, destinationParent,
                       destinationChild))
        return false;
    auto &c = p->children;
    if (destinationChild < sourceRow)
        std::rotate(c.begin() + destinationChild, c.begin() + sourceRow,
                    c.begin() + sourceRow + count);
    else
        std::rotate(c.begin() + sourceRow, c.begin() + sourceRow + count,
                    c.begin() + destinationChild);
    endMoveRows();
    Q_EMIT documentChanged();
    return true;
}

} // namespace ivcap
