#include "jsontreeview.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ivcap::ui {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return JsonTreeView::tr("null");
    case QJsonValue::Bool:
        return JsonTreeView::tr("boolean");
    case QJsonValue::Double:
        return JsonTreeView::tr("number");
    case QJsonValue::String:
        return JsonTreeView::tr("string");
    case QJsonValue::Array:
        return JsonTreeView::tr("array");
    case QJsonValue::Object:
        return JsonTreeView::tr("object");
    default:
        return QString();
    }
}

QString valueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
        return JsonTreeView::tr("%n item(s)", nullptr, int(v.toArray().size()));
    case QJsonValue::Object:
        return JsonTreeView::tr("%n member(s)", nullptr, int(v.toObject().size()));
    default: {
        // Scalars exactly as JSON writes them (numbers keep their digits).
        QJsonArray wrap{v};
        QByteArray text = QJsonDocument(wrap).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(text.mid(1, text.size() - 2));
    }
    }
}

void addChildren(QTreeWidgetItem *parent, const QJsonValue &v);

QTreeWidgetItem *makeItem(const QString &key, const QJsonValue &v)
{
    auto *item = new QTreeWidgetItem({key, valueText(v), typeName(v)});
    item->setToolTip(1, item->text(1));
    addChildren(item, v);
    return item;
}

void addChildren(QTreeWidgetItem *parent, const QJsonValue &v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            parent->addChild(makeItem(it.key(), it.value()));
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            parent->addChild(makeItem(QString::number(i), a.at(i)));
    }
}

} // namespace

JsonTreeView::JsonTreeView(QWidget *parent) : QTreeWidget(parent)
{
    setHeaderLabels({tr("Key"), tr("Value"), tr("Type")});
    setColumnCount(3);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
}

void JsonTreeView::setJson(const QJsonValue &value)
{
    m_value = value;
    clear();
    if (value.isUndefined())
        return;
    if (value.isObject() || value.isArray()) {
        auto *root = invisibleRootItem();
        addChildren(root, value);
    } else {
        addTopLevelItem(makeItem(QString(), value));
    }
    expandToDepth(1);
    resizeColumnToContents(0);
}

QTreeWidgetItem *JsonTreeView::itemAt(const QString &pointer) const
{
    QTreeWidgetItem *item = invisibleRootItem();
    const QStringList parts = pointer.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString part : parts) {
        part.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        QTreeWidgetItem *next = nullptr;
        for (int i = 0; i < item->childCount() && !next; ++i) {
            if (item->child(i)->text(0) == part)
                next = item->child(i);
        }
        if (!next)
            return nullptr;
        item = next;
    }
    return item == invisibleRootItem() ? nullptr : item;
}

} // namespace ivcap::ui
