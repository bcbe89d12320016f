#include "entitytableview.h"

#include "models/entitylistmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

EntityTableView::EntityTableView(const QString &accessibleName, QWidget *parent)
    : QWidget(parent), m_table(new QTableView), m_proxy(new QSortFilterProxyModel(this)),
      m_placeholder(new QLabel)
{
    m_table->setAccessibleName(accessibleName);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    // Rows start in the server's order; clicking a header sorts the loaded rows locally.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    // One line per row: long descriptions and URNs are elided, and the full text is a tooltip.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setDefaultSectionSize(200);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setModel(m_proxy);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EntityTableView::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &EntityTableView::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EntityTableView::updatePlaceholder);
    m_placeholder->setWordWrap(true);
    m_placeholder->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_table);
}

void EntityTableView::setModel(QAbstractItemModel *model)
{
    m_proxy->setSourceModel(model);
    if (auto *entities = qobject_cast<EntityListModel *>(model))
        connect(entities, &EntityListModel::loadingChanged, this,
                &EntityTableView::updatePlaceholder);
    updatePlaceholder();
}

void EntityTableView::setPlaceholder(const QString &text)
{
    m_emptyText = text;
    updatePlaceholder();
}

void EntityTableView::updatePlaceholder()
{
    // The placeholder describes an empty list; it must never sit above rows.
    const auto *entities = qobject_cast<const EntityListModel *>(m_proxy->sourceModel());
    const bool empty = m_proxy->rowCount() == 0;
    const bool loading = entities && entities->isLoading();
    m_placeholder->setText(loading ? tr("Loading…") : m_emptyText);
    m_placeholder->setVisible(empty && !m_placeholder->text().isEmpty());
}

} // namespace ivcap::ui
