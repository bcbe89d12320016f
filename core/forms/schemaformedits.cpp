// SchemaFormModel: the edits a form makes, and the item model interface.
#include "schemaformmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ivcap {

using Kind = SchemaFormNode::Kind;
using Slot = SchemaFormNode::Slot;

template <typename Edit>
bool SchemaFormModel::edit(const QString &what, SchemaFormNode *n, Edit &&change)
{
    if (!n)
        return false;
    const QJsonValue before = document();
    const QString pointer = n->pointer();
    SchemaFormNode *ancestor = n->parent; // n itself may be replaced by the change
    m_inEdit = true;
    change();
    // a value set inside an absent optional object brings that object into the document
    for (SchemaFormNode *p = ancestor; p; p = p->parent) {
        if (!p->present || p->isNull) {
            p->present = true;
            p->isNull = false;
            changed(p);
        }
    }
    m_inEdit = false;
    const QJsonValue after = document();
    if (after == before)
        return false;
    revalidate();
    Q_EMIT documentChanged();
    Q_EMIT edited(before, after, what, pointer);
    return true;
}

bool SchemaFormModel::setValue(const QModelIndex &index, const QJsonValue &value)
{
    SchemaFormNode *n = node(index);
    return edit(tr("Edit %1").arg(n ? n->title : QString()), n, [&] { apply(n, value); });
}

bool SchemaFormModel::setNumberText(const QModelIndex &index, const QString &text)
{
    SchemaFormNode *n = node(index);
    if (!n)
        return false;
    const QString trimmed = text.trimmed();
    const QJsonValue number = QJsonDocument::fromJson("[" + trimmed.toUtf8() + "]").array().at(0);
    if (!number.isDouble() || trimmed.isEmpty())
        return false;
    if (n->kind == Kind::Integer && number.toDouble() != double(qint64(number.toDouble())))
        return false;
    const bool done = edit(tr("Edit %1").arg(n->title), n, [&] { apply(n, number); });
    if (n->numberText != trimmed && (n->kind == Kind::Number || n->kind == Kind::Integer)) {
        n->numberText = trimmed; // "1.50" stays as typed although the value is 1.5
        changed(n);
        revalidate();
    }
    return done;
}

QString SchemaFormModel::setRawJson(const QModelIndex &index, const QString &text)
{
    SchemaFormNode *n = node(index);
    if (!n)
        return tr("No field");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return tr("Not JSON: %1")
            .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                         : tr("one value expected"));
    setValue(index, doc.array().at(0));
    return QString();
}

bool SchemaFormModel::setPresent(const QModelIndex &index, bool present)
{
    SchemaFormNode *n = node(index);
    if (!n || n->slot != Slot::Property || n->present == present)
        return false;
    if (!present)
        return edit(tr("Clear %1").arg(n->title), n, [&] { apply(n, std::nullopt); });
    return edit(tr("Fill in %1").arg(n->title), n, [&] {
        n->present = true;
        n->isNull = false;
        if (n->isContainer()) {
            const auto initial = SchemaFormBuilder::initialValue(n->schema);
            buildChildren(n, initial.value_or(SchemaFormBuilder::plainValue(*n)), !initial);
        } else {
            n->value = SchemaFormBuilder::initialValue(n->schema).value_or(
                SchemaFormBuilder::plainValue(*n));
            if (n->value.isDouble())
                n->numberText = SchemaResolver::numberText(n->value);
        }
        changed(n);
    });
}

bool SchemaFormModel::setNull(const QModelIndex &index, bool null)
{
    SchemaFormNode *n = node(index);
    if (!n || !n->nullable || (n->isNull == null && n->present))
        return false;
    if (null)
        return edit(tr("Clear %1").arg(n->title), n,
                    [&] { apply(n, QJsonValue(QJsonValue::Null)); });
    return edit(tr("Fill in %1").arg(n->title), n, [&] {
        n->isNull = false;
        n->present = true;
        if (n->isContainer()) {
            buildChildren(n, SchemaFormBuilder::plainValue(*n), true);
        } else {
            const auto initial = SchemaFormBuilder::initialValue(n->schema);
            n->value = initial && !initial->isNull() ? *initial : SchemaFormBuilder::plainValue(*n);
            if (n->value.isDouble())
                n->numberText = SchemaResolver::numberText(n->value);
        }
        changed(n);
    });
}

bool SchemaFormModel::setChoice(const QModelIndex &index, int alternative)
{
    SchemaFormNode *n = node(index);
    if (!n || alternative < 0 || alternative >= n->alternatives.size() ||
        (alternative == n->choice && !n->isNull))
        return false;
    return edit(tr("Choose %1").arg(n->alternatives.at(alternative).title), n, [&] {
        auto built = m_builder->build(n->declared, std::nullopt, n->parent, n->slot, n->key, true,
                                      alternative);
        built->present = true;
        if (!built->isContainer() && built->value.isUndefined())
            built->value = SchemaFormBuilder::plainValue(*built);
        if (built->isContainer() && !built->expanded)
            m_builder->buildChildren(built.get(), SchemaFormBuilder::plainValue(*built), true);
        if (!n->parent) {
            beginResetModel();
            m_root = std::move(built);
            endResetModel();
            n = m_root.get();
            return;
        }
        SchemaFormNode *parent = n->parent;
        const int row = n->row();
        beginRemoveRows(indexOf(parent), row, row);
        auto it = parent->children.erase(parent->children.begin() + row);
        endRemoveRows();
        beginInsertRows(indexOf(parent), row, row);
        n = parent->children.insert(it, std::move(built))->get();
        endInsertRows();
    });
}

QModelIndex SchemaFormModel::addItem(const QModelIndex &array)
{
    SchemaFormNode *n = node(array);
    if (!n || n->kind != Kind::Array || n->isNull)
        return {};
    SchemaFormNode *added = nullptr;
    edit(tr("Add to %1").arg(n->title), n, [&] {
        if (!n->expanded || !n->present) {
            n->present = true;
            buildChildren(n, QJsonArray(), false);
        }
        const int row = int(n->children.size());
        beginInsertRows(indexOf(n), row, row);
        n->children.push_back(
            m_builder->build(n->itemSchema(row), std::nullopt, n, Slot::Item, QString(), true));
        added = n->children.back().get();
        endInsertRows();
        changed(n);
    });
    return indexOf(added);
}

bool SchemaFormModel::removeRow(const QModelIndex &item)
{
    SchemaFormNode *n = node(item);
    if (!n || !n->parent)
        return false;
    if (n->slot == Slot::Property)
        return setPresent(item, false);
    SchemaFormNode *parent = n->parent;
    return edit(tr("Remove from %1").arg(parent->title), parent, [&] {
        const int row = n->row();
        beginRemoveRows(indexOf(parent), row, row);
        parent->children.erase(parent->children.begin() + row);
        endRemoveRows();
        changed(parent);
    });
}

bool SchemaFormModel::moveItem(const QModelIndex &item, int toRow)
{
    SchemaFormNode *n = node(item);
    if (!n || n->slot != Slot::Item || toRow < 0 || size_t(toRow) >= n->parent->children.size() ||
        toRow == n->row())
        return false;
    SchemaFormNode *parent = n->parent;
    return edit(tr("Move in %1").arg(parent->title), parent, [&] {
        const int row = n->row();
        const QModelIndex p = indexOf(parent);
        beginMoveRows(p, row, row, p, toRow > row ? toRow + 1 : toRow);
        auto moved = std::move(parent->children[row]);
        parent->children.erase(parent->children.begin() + row);
        parent->children.insert(parent->children.begin() + toRow, std::move(moved));
        endMoveRows();
        changed(parent);
    });
}

QModelIndex SchemaFormModel::addEntry(const QModelIndex &object, const QString &key)
{
    SchemaFormNode *n = node(object);
    if (!n || n->kind != Kind::Object || key.isEmpty() || n->isNull)
        return {};
    for (const auto &child : n->children) {
        if (child->key == key) {
            if (child->slot == Slot::Property && !child->present &&
                setPresent(indexOf(child.get()), true))
                return indexOf(child.get());
            return {};
        }
    }
    SchemaFormNode *added = nullptr;
    edit(tr("Add %1").arg(key), n, [&] {
        if (!n->expanded || !n->present) {
            n->present = true;
            buildChildren(n, QJsonObject(), true);
        }
        const int row = int(n->children.size());
        beginInsertRows(indexOf(n), row, row);
        n->children.push_back(
            m_builder->build(n->entrySchema(key), std::nullopt, n, Slot::Entry, key, true));
        added = n->children.back().get();
        endInsertRows();
        changed(n);
    });
    return indexOf(added);
}

bool SchemaFormModel::renameEntry(const QModelIndex &entry, const QString &key)
{
    SchemaFormNode *n = node(entry);
    if (!n || n->slot != Slot::Entry || key.isEmpty() || key == n->key)
        return false;
    for (const auto &child : n->parent->children) {
        if (child->key == key)
            return false;
    }
    return edit(tr("Rename %1").arg(n->key), n, [&] {
        n->key = key;
        changed(n);
    });
}

QModelIndex SchemaFormModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, m_root.get()) : QModelIndex();
    const SchemaFormNode *p = node(parent);
    if (parent.column() != 0 || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[row].get());
}

QModelIndex SchemaFormModel::parent(const QModelIndex &child) const
{
    const SchemaFormNode *n = node(child);
    return n && n->parent ? indexOf(n->parent) : QModelIndex();
}

int SchemaFormModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0)
        return 0;
    return int(node(parent)->children.size());
}

int SchemaFormModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool SchemaFormModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return true;
    if (parent.column() != 0)
        return false;
    return !node(parent)->children.empty();
}

bool SchemaFormModel::canExpand(const QModelIndex &index) const
{
    const SchemaFormNode *n = node(index);
    return n && n->isContainer() && !n->expanded && n->present && !n->isNull;
}

bool SchemaFormModel::expand(const QModelIndex &index)
{
    if (!canExpand(index))
        return false;
    SchemaFormNode *n = node(index);
    edit(tr("Expand %1").arg(n->title), n,
         [&] { buildChildren(n, SchemaFormBuilder::plainValue(*n), true); });
    return true;
}

namespace {
QString compactJson(const QJsonValue &value)
{
    return SchemaResolver::numberText(value);
}

QString label(const SchemaFormNode *n)
{
    if (!n->title.isEmpty())
        return n->title;
    switch (n->slot) {
    case Slot::Item: // not numbered: the label must not change when items move
        return SchemaFormModel::tr("Item");
    case Slot::Root:
        return SchemaFormModel::tr("Document");
    default:
        return n->key;
    }
}

QString valueText(const SchemaFormNode *n)
{
    if (!n->present)
        return QString();
    if (n->isNull)
        return QStringLiteral("null");
    switch (n->kind) {
    case Kind::Object:
        return SchemaFormModel::tr("%n field(s)", nullptr, int(n->children.size()));
    case Kind::Array:
        return SchemaFormModel::tr("%n item(s)", nullptr, int(n->children.size()));
    case Kind::Number:
    case Kind::Integer:
        return n->numberText;
    case Kind::String:
        return n->value.toString();
    case Kind::Boolean:
        return n->value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Enum: {
        qsizetype i = 0;
        while (i < n->options.size() && n->options.at(i) != n->value)
            ++i;
        return i >= 0 && i < n->optionTitles.size() ? n->optionTitles.at(i) : compactJson(n->value);
    }
    default:
        return compactJson(n->value);
    }
}
} // namespace

QVariant SchemaFormModel::data(const QModelIndex &index, int role) const
{
    const SchemaFormNode *n = node(index);
    if (!n)
        return {};
    const QJsonObject &s = n->schema;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == LabelColumn ? label(n) : valueText(n);
    case Qt::EditRole:
        if (index.column() == LabelColumn)
            return n->key;
        if (n->kind == Kind::Boolean)
            return n->value.toBool();
        return valueText(n);
    case Qt::ToolTipRole:
        return s.value(QLatin1String("description")).toString();
    case Qt::AccessibleTextRole:
        return label(n);
    case KindRole:
        return int(n->kind);
    case SlotRole:
        return int(n->slot);
    case KeyRole:
        return n->key;
    case PointerRole:
        return n->pointer();
    case TitleRole:
        return label(n);
    case DescriptionRole:
        return s.value(QLatin1String("description")).toString();
    case RequiredRole:
        return n->required;
    case PresentRole:
        return n->present;
    case ReadOnlyRole:
        return s.value(QLatin1String("readOnly")).toBool() || s.contains(QLatin1String("const"));
    case DeprecatedRole:
        return s.value(QLatin1String("deprecated")).toBool();
    case JsonValueRole:
        return QVariant::fromValue(n->toJson());
    case NumberTextRole:
        return n->numberText;
    case ErrorsRole:
        return n->errors;
    case SchemaRole:
        return QVariant::fromValue(s);
    case OptionsRole:
        return QVariant::fromValue(n->options);
    case OptionTitlesRole:
        return n->optionTitles;
    case AlternativesRole: {
        QStringList titles;
        for (const auto &alt : n->alternatives)
            titles.append(alt.title);
        return titles;
    }
    case ChoiceRole:
        return n->choice;
    case NullableRole:
        return n->nullable;
    case IsNullRole:
        return n->isNull;
    case FormatRole:
        return s.value(QLatin1String("format")).toString();
    case ExamplesRole: {
        QStringList examples;
        for (const QJsonValue &e : s.value(QLatin1String("examples")).toArray())
            examples.append(compactJson(e));
        return examples;
    }
    case ProblemRole:
        return n->problem;
    case DescribedRole:
        return n->described;
    case AcceptsEntriesRole:
        return n->kind == Kind::Object && n->acceptsEntries();
    default:
        return {};
    }
}

bool SchemaFormModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const SchemaFormNode *n = node(index);
    if (!n || role != Qt::EditRole)
        return false;
    if (index.column() == LabelColumn)
        return n->slot == Slot::Entry && renameEntry(index, value.toString());
    switch (n->kind) {
    case Kind::Number:
    case Kind::Integer:
        return setNumberText(index, value.toString());
    case Kind::String:
        return setValue(index, value.toString());
    case Kind::Boolean:
        return setValue(index, value.toBool());
    case Kind::Raw:
        return setRawJson(index, value.toString()).isEmpty();
    case Kind::Enum:
        return setValue(index, QJsonValue::fromVariant(value));
    default:
        return false;
    }
}

Qt::ItemFlags SchemaFormModel::flags(const QModelIndex &index) const
{
    const SchemaFormNode *n = node(index);
    if (!n)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const bool readOnly = data(index, ReadOnlyRole).toBool();
    if (index.column() == ValueColumn && !n->isContainer() && n->kind != Kind::Null && !readOnly)
        f |= Qt::ItemIsEditable;
    if (index.column() == LabelColumn && n->slot == Slot::Entry)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant SchemaFormModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == LabelColumn ? tr("Field") : tr("Value");
}

QHash<int, QByteArray> SchemaFormModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(PointerRole, "pointer");
    names.insert(TitleRole, "title");
    names.insert(DescriptionRole, "description");
    names.insert(RequiredRole, "required");
    names.insert(ErrorsRole, "errors");
    return names;
}

} // namespace ivcap
