#include "schemaformmodel.h"

#include "jsonkeyorder.h"

#include "aspect/jsonnumbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

#include <functional>

namespace ivcap {

using Kind = SchemaFormNode::Kind;
using Slot = SchemaFormNode::Slot;

SchemaFormModel::SchemaFormModel(QObject *parent) : QAbstractItemModel(parent)
{
    setSchema(QJsonObject());
}

SchemaFormModel::~SchemaFormModel() = default;

QJsonValue SchemaFormModel::parseSchema(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonValue schema = JsonKeyOrder::parseSchema(json, &parseError);
    if (schema.isUndefined() && error)
        *error =
            tr("Not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
    return schema;
}

bool SchemaFormModel::setSchema(const QJsonValue &schema, SchemaResolver::External external)
{
    beginResetModel();
    m_schema = schema;
    m_schemaProblem.clear();
    m_resolver = std::make_unique<SchemaResolver>(schema, external);
    m_builder = std::make_unique<SchemaFormBuilder>(m_resolver.get());
    SchemaValidator::Resolver resolver;
    if (external)
        resolver = [external](const QString &uri) { return external(uri); };
    const bool compiled = m_checker.setSchema(SchemaResolver::forValidator(schema), resolver);
    if (!compiled)
        m_schemaProblem =
            tr("The schema cannot be used to check the form: %1").arg(m_checker.errorString());
    m_root = m_builder->build(schema, std::nullopt, nullptr, Slot::Root, QString(), true);
    if (m_schemaProblem.isEmpty() && !m_root->problem.isEmpty())
        m_schemaProblem = m_root->problem;
    m_errors.clear();
    endResetModel();
    revalidate();
    return compiled;
}

QJsonValue SchemaFormModel::document() const
{
    return m_root->toJson();
}

bool SchemaFormModel::setDocumentText(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = jsonnumbers::parse(text, &error);
    if (error.error != QJsonParseError::NoError)
        return false;
    setDocument(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
    bool any = false;
    for (const auto &number : jsonnumbers::numbersIn(text)) {
        QString pointer;
        for (QString token : number.path)
            pointer += QLatin1Char('/') + token.replace(QLatin1Char('~'), QLatin1String("~0"))
                                              .replace(QLatin1Char('/'), QLatin1String("~1"));
        SchemaFormNode *n = node(indexForPointer(pointer));
        if (!n || n->pointer() != pointer || !n->present || n->isNull ||
            (n->kind != Kind::Number && n->kind != Kind::Integer) || n->numberText == number.text)
            continue;
        n->numberText = number.text;
        changed(n);
        any = true;
    }
    if (any)
        Q_EMIT documentChanged();
    return true;
}

QByteArray SchemaFormModel::documentText(bool indented) const
{
    // Numbers go in as unique placeholders and their texts are spliced back, as
    // AspectTreeModel::toJsonText does.
    const QByteArray tag = "ivcap-number-" + QUuid::createUuid().toByteArray(QUuid::Id128) + '-';
    QHash<QByteArray, QByteArray> texts;
    const std::function<QJsonValue(const SchemaFormNode *)> build =
        [&](const SchemaFormNode *n) -> QJsonValue {
        if (!n->present || n->isNull || n->kind == Kind::Null)
            return n->toJson();
        if (n->kind == Kind::Object) {
            QJsonObject object;
            for (const auto &child : n->children) {
                if (child->present)
                    object.insert(child->key, build(child.get()));
            }
            return object;
        }
        if (n->kind == Kind::Array) {
            QJsonArray array;
            for (const auto &child : n->children)
                array.append(build(child.get()));
            return array;
        }
        if ((n->kind == Kind::Number || n->kind == Kind::Integer) && n->value.isDouble() &&
            !n->numberText.isEmpty()) {
            const QByteArray key = tag + QByteArray::number(texts.size());
            texts.insert(key, n->numberText.toLatin1());
            return QString::fromLatin1(key);
        }
        return n->toJson();
    };
    return jsonnumbers::write(build(m_root.get()), indented, texts);
}

void SchemaFormModel::setDocument(const QJsonValue &document)
{
    if (document == this->document())
        return;
    const QJsonValue before = this->document();
    apply(m_root.get(), document);
    revalidate();
    Q_EMIT documentChanged();
    if (!m_inEdit)
        Q_EMIT edited(before, this->document(), tr("Edit JSON"), QString());
}

const SchemaFormNode *SchemaFormModel::nodeAt(const QModelIndex &index) const
{
    return node(index);
}

SchemaFormNode *SchemaFormModel::node(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    return static_cast<SchemaFormNode *>(index.internalPointer());
}

QModelIndex SchemaFormModel::indexOf(const SchemaFormNode *n, int column) const
{
    if (!n)
        return {};
    return createIndex(n->row(), column, const_cast<SchemaFormNode *>(n));
}

QModelIndex SchemaFormModel::indexForPointer(const QString &pointer) const
{
    SchemaFormNode *n = m_root.get();
    const QStringList tokens = pointer.split(QLatin1Char('/'));
    for (qsizetype i = 1; i < tokens.size(); ++i) {
        QString token = tokens.at(i);
        token.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), "~");
        SchemaFormNode *next = nullptr;
        if (n->kind == Kind::Array) {
            bool ok = false;
            const int row = token.toInt(&ok);
            if (ok && row >= 0 && size_t(row) < n->children.size())
                next = n->children[row].get();
        } else if (n->kind == Kind::Object) {
            for (const auto &child : n->children) {
                if (child->key == token) {
                    next = child.get();
                    break;
                }
            }
        }
        if (!next)
            break; // the deepest field that holds the place
        n = next;
    }
    return indexOf(n);
}

void SchemaFormModel::changed(SchemaFormNode *n)
{
    Q_EMIT dataChanged(indexOf(n, 0), indexOf(n, ColumnCount - 1));
}

void SchemaFormModel::clearChildren(SchemaFormNode *n)
{
    if (n->children.empty())
        return;
    beginRemoveRows(indexOf(n), 0, int(n->children.size()) - 1);
    n->children.clear();
    endRemoveRows();
}

void SchemaFormModel::buildChildren(SchemaFormNode *n, const QJsonValue &value, bool fresh)
{
    clearChildren(n);
    // built aside, then inserted as one block of rows
    SchemaFormNode scratch;
    scratch.kind = n->kind;
    scratch.schema = n->schema;
    scratch.slot = n->slot;
    scratch.key = n->key;
    scratch.parent = n->parent;
    m_builder->buildChildren(&scratch, value, fresh);
    if (!scratch.children.empty()) {
        beginInsertRows(indexOf(n), 0, int(scratch.children.size()) - 1);
        n->children = std::move(scratch.children);
        for (auto &child : n->children)
            child->parent = n;
        endInsertRows();
    }
    n->expanded = true;
}

void SchemaFormModel::replace(SchemaFormNode *n, const std::optional<QJsonValue> &value, bool fresh)
{
    auto built = m_builder->build(n->declared, value, n->parent, n->slot, n->key, fresh);
    if (n->slot == Slot::Property && !value && !fresh)
        built->present = false;
    if (!n->parent) {
        beginResetModel(); // the document changed its type at the root: nothing to keep
        m_root = std::move(built);
        endResetModel();
        return;
    }
    SchemaFormNode *parent = n->parent;
    const int row = n->row();
    beginRemoveRows(indexOf(parent), row, row);
    auto it = parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
    beginInsertRows(indexOf(parent), row, row);
    parent->children.insert(it, std::move(built));
    endInsertRows();
}

void SchemaFormModel::apply(SchemaFormNode *n, const std::optional<QJsonValue> &value)
{
    if (!value) {
        if (n->slot == Slot::Property && n->present) {
            n->present = false;
            n->isNull = false;
            n->value = QJsonValue();
            clearChildren(n);
            n->expanded = !n->isContainer();
            changed(n);
        }
        return;
    }
    if (n->nullable && value->isNull()) {
        if (!n->isNull || !n->present) {
            clearChildren(n);
            n->isNull = true;
            n->present = true;
            changed(n);
        }
        return;
    }
    if (!n->alternatives.isEmpty() &&
        SchemaFormBuilder::pickAlternative(n->alternatives, *value) != n->choice)
        return replace(n, value, false);
    QStringList types = SchemaResolver::types(n->schema);
    types.removeAll(QStringLiteral("null"));
    const auto kind = SchemaFormBuilder::kindFor(*value, types);
    // a Raw node stays raw unless it was raw only for its value's type and that now fits
    const bool inPlace = n->kind == Kind::Raw    ? !(n->mismatch && kind)
                         : n->kind == Kind::Enum ? true
                                                 : kind == n->kind;
    if (!inPlace)
        return replace(n, value, false);
    const bool wasAbsent = !n->present || n->isNull;
    n->present = true;
    n->isNull = false;
    if (n->kind == Kind::Object) {
        const QJsonObject object = value->toObject();
        if (wasAbsent || !n->expanded) {
            buildChildren(n, object, false);
            changed(n);
            return;
        }
        for (size_t i = 0; i < n->children.size();) {
            SchemaFormNode *child = n->children[i].get();
            if (child->slot == Slot::Entry && !object.contains(child->key)) {
                beginRemoveRows(indexOf(n), int(i), int(i));
                n->children.erase(n->children.begin() + i);
                endRemoveRows();
                continue;
            }
            apply(child, object.contains(child->key) ? std::optional(object.value(child->key))
                                                     : std::nullopt);
            ++i;
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            const bool known = std::any_of(n->children.begin(), n->children.end(),
                                           [&](const auto &c) { return c->key == it.key(); });
            if (known)
                continue;
            const int row = int(n->children.size());
            beginInsertRows(indexOf(n), row, row);
            n->children.push_back(m_builder->build(n->entrySchema(it.key()), it.value(), n,
                                                   Slot::Entry, it.key(), false));
            endInsertRows();
        }
        changed(n);
        return;
    }
    if (n->kind == Kind::Array) {
        const QJsonArray array = value->toArray();
        if (wasAbsent || !n->expanded) {
            buildChildren(n, array, false);
            changed(n);
            return;
        }
        const int common = qMin(int(n->children.size()), int(array.size()));
        for (int i = 0; i < common; ++i)
            apply(n->children[i].get(), array.at(i));
        if (int(n->children.size()) > array.size()) {
            beginRemoveRows(indexOf(n), int(array.size()), int(n->children.size()) - 1);
            n->children.resize(array.size());
            endRemoveRows();
        } else if (array.size() > common) {
            beginInsertRows(indexOf(n), common, int(array.size()) - 1);
            for (int i = common; i < array.size(); ++i)
                n->children.push_back(m_builder->build(n->itemSchema(i), array.at(i), n, Slot::Item,
                                                       QString(), false));
            endInsertRows();
        }
        changed(n);
        return;
    }
    if (n->value != *value || wasAbsent) {
        n->value = *value;
        if (n->kind == Kind::Number || n->kind == Kind::Integer)
            n->numberText = SchemaResolver::numberText(*value);
        changed(n);
    }
}

void SchemaFormModel::revalidate()
{
    QHash<SchemaFormNode *, QStringList> found;
    QList<FieldError> errors;
    const auto add = [&](SchemaFormNode *n, const QString &pointer, const QString &message) {
        if (found.value(n).contains(message))
            return;
        found[n].append(message);
        errors.append({pointer, message, QPersistentModelIndex(indexOf(n))});
    };
    if (!m_checker.hasSchema()) {
        add(m_root.get(), QString(), m_schemaProblem);
    } else {
        static const QRegularExpression missing(
            QStringLiteral("^Missing required property '(.*)'"));
        for (const auto &v : m_checker.check(m_root.get())) {
            SchemaFormNode *n = node(indexForPointer(v.path));
            QString message = v.message;
            QString pointer = v.path;
            const auto match = missing.match(v.message);
            if (match.hasMatch()) { // shown at the field that is missing
                for (const auto &child : n->children) {
                    if (child->key == match.captured(1)) {
                        n = child.get();
                        message = tr("Required");
                        pointer = n->pointer();
                    }
                }
            }
            add(n, pointer, message);
        }
    }
    // attach to the nodes: only fields whose messages changed are reported
    QList<SchemaFormNode *> all{m_root.get()};
    while (!all.isEmpty()) {
        SchemaFormNode *n = all.takeLast();
        for (const auto &child : n->children)
            all.append(child.get());
        const QStringList now = found.value(n);
        if (n->errors != now) {
            n->errors = now;
            changed(n);
        }
    }
    // the summary lists problems in the order of the form
    QHash<const void *, int> order;
    QList<const SchemaFormNode *> walk{m_root.get()};
    while (!walk.isEmpty()) {
        const SchemaFormNode *n = walk.takeFirst();
        order.insert(n, int(order.size()));
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it)
            walk.prepend(it->get());
    }
    std::stable_sort(errors.begin(), errors.end(), [&](const FieldError &a, const FieldError &b) {
        return order.value(a.index.internalPointer()) < order.value(b.index.internalPointer());
    });
    const bool wasValid = m_errors.isEmpty();
    m_errors = errors;
    Q_EMIT errorsChanged();
    if (wasValid != m_errors.isEmpty())
        Q_EMIT validChanged(m_errors.isEmpty());
}

} // namespace ivcap
