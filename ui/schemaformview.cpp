#include "schemaformview.h"

#include "forms/schemaformmodel.h"
#include "schemafieldwidget.h"

#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace ivcap::ui {

SchemaFormView::SchemaFormView(QWidget *parent) : QScrollArea(parent)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Form"));
}

void SchemaFormView::setModel(SchemaFormModel *model, Connection *connection)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_connection = connection;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &SchemaFormView::rebuild);
        connect(model, &QAbstractItemModel::rowsInserted, this, &SchemaFormView::onRowsInserted);
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &SchemaFormView::onRowsAboutToBeRemoved);
        connect(model, &QAbstractItemModel::rowsMoved, this, &SchemaFormView::onRowsMoved);
        connect(model, &QAbstractItemModel::dataChanged, this, &SchemaFormView::onDataChanged);
    }
    rebuild();
}

SchemaFieldWidget *SchemaFormView::field(const QModelIndex &index) const
{
    return index.isValid() ? m_fields.value(index.siblingAtColumn(0).internalPointer()) : nullptr;
}

SchemaFieldWidget *SchemaFormView::createField(const QModelIndex &index, QWidget *parent)
{
    auto *f = new SchemaFieldWidget(m_model, index, m_connection, parent);
    m_fields.insert(index.internalPointer(), f);
    if (f->isContainer()) {
        const int rows = m_model->rowCount(index);
        for (int row = 0; row < rows; ++row)
            f->childLayout()->addWidget(createField(m_model->index(row, 0, index), f));
    }
    return f;
}

void SchemaFormView::removeFields(const QModelIndex &index)
{
    const int rows = m_model->rowCount(index);
    for (int row = 0; row < rows; ++row)
        removeFields(m_model->index(row, 0, index));
    m_fields.remove(index.internalPointer());
}

void SchemaFormView::rebuild()
{
    m_fields.clear();
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    if (m_model && m_model->rowCount() > 0)
        layout->addWidget(createField(m_model->index(0, 0), content));
    layout->addStretch(1);
    delete takeWidget();
    setWidget(content);
    scheduleTabOrder();
}

void SchemaFormView::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    SchemaFieldWidget *container = field(parent);
    if (!container || !container->isContainer())
        return;
    for (int row = first; row <= last; ++row)
        container->childLayout()->insertWidget(
            row, createField(m_model->index(row, 0, parent), container));
    container->refresh();
    // siblings after the insertion changed their number and move buttons
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        if (auto *f = field(m_model->index(row, 0, parent)))
            f->refresh();
    }
    scheduleTabOrder();
}

void SchemaFormView::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_model->index(row, 0, parent);
        SchemaFieldWidget *f = field(index);
        removeFields(index);
        if (f) {
            // the removal may come from a signal of one of its own editors (the alternative
            // switcher): delete once that editor has returned
            f->hide();
            f->setParent(nullptr);
            f->deleteLater();
        }
    }
    // the rows are still there: refresh the rest once they are gone
    QTimer::singleShot(0, this, [this, p = QPersistentModelIndex(parent)] {
        if (!m_model || !p.isValid())
            return;
        for (int row = 0; row < m_model->rowCount(p); ++row) {
            if (auto *f = field(m_model->index(row, 0, p)))
                f->refresh();
        }
    });
    scheduleTabOrder();
}

void SchemaFormView::onRowsMoved(const QModelIndex &parent, int, int, const QModelIndex &, int)
{
    SchemaFieldWidget *container = field(parent);
    if (!container || !container->isContainer())
        return;
    // put the widgets in the model's order again; the moved editor keeps focus
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        if (auto *f = field(m_model->index(row, 0, parent))) {
            container->childLayout()->removeWidget(f);
            container->childLayout()->insertWidget(row, f);
            f->refresh();
        }
    }
    scheduleTabOrder();
}

void SchemaFormView::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        if (auto *f = field(topLeft.siblingAtRow(row)))
            f->refresh();
    }
}

void SchemaFormView::focusField(const QModelIndex &index)
{
    SchemaFieldWidget *f = field(index);
    if (!f)
        return;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent()) {
        if (auto *group = field(p); group && !group->isExpanded())
            group->setExpanded(true);
    }
    widget()->layout()->activate();
    ensureWidgetVisible(f, 20, 40);
    if (QWidget *target = f->focusTarget())
        target->setFocus(Qt::OtherFocusReason);
}

void SchemaFormView::scheduleTabOrder()
{
    if (m_tabOrderPending)
        return;
    m_tabOrderPending = true;
    QTimer::singleShot(0, this, &SchemaFormView::updateTabOrder);
}

void SchemaFormView::updateTabOrder()
{
    m_tabOrderPending = false;
    if (!m_model || m_model->rowCount() == 0)
        return;
    // document order: a field's controls, its children, then its group's own buttons
    QList<QWidget *> chain;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &index) {
        SchemaFieldWidget *f = field(index);
        if (!f)
            return;
        chain += f->focusChain();
        for (int row = 0; row < m_model->rowCount(index); ++row)
            walk(m_model->index(row, 0, index));
        chain += f->toolChain();
    };
    walk(m_model->index(0, 0));
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

} // namespace ivcap::ui
