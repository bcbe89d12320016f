#include "entitytableview.h"

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
}

void EntityTableView::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(!text.isEmpty());
}

} // namespace ivcap::ui
