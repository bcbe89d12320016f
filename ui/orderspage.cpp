#include "orderspage.h"

#include "api/changenotifier.h"
#include "entitytableview.h"
#include "models/orderlistmodel.h"
#include "orderdetailspane.h"
#include "orderstatusproxy.h"

#include <QAbstractProxyModel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>

namespace ivcap::ui {

namespace {
constexpr int maxPendingReads = 5;
} // namespace

OrdersPage::OrdersPage(Connection *connection, OrderListModel *model, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_model(model),
      m_statusProxy(new OrderStatusProxy(this)), m_view(new EntityTableView(tr("Orders"), this)),
      m_details(new OrderDetailsPane(connection, this))
{
    m_statusProxy->setSourceModel(model);
    m_view->setModel(m_statusProxy);
    m_view->setPlaceholder(tr("No orders yet."));
    QTableView *table = m_view->table();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &OrdersPage::onRefreshTimer);
    connect(m_view, &EntityTableView::rowChosen, this, &OrdersPage::onRowChosen);
    connect(m_model, &EntityListModel::pageLoaded, this, &OrdersPage::scheduleRefresh);
    connect(m_model, &EntityListModel::refreshed, this, &OrdersPage::scheduleRefresh);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { m_sawChange = true; });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                m_sawChange = true;
                if (m_pendingSelection.isEmpty())
                    return;
                for (int row = first; row <= last; ++row) {
                    if (m_model->idAt(row) == m_pendingSelection) {
                        m_pendingSelection.clear();
                        selectRow(row);
                        return;
                    }
                }
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_refreshTimer.stop(); });
    // Another deployment: the order shown belongs to the old one.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this, [this] {
        m_currentId.clear();
        m_pendingSelection.clear();
        m_details->clear();
    });
    connect(m_details, &OrderDetailsPane::artifactActivated, this, &OrdersPage::artifactActivated);
    connect(m_details, &OrderDetailsPane::recordActivated, this, &OrdersPage::recordActivated);
    connect(m_details, &OrderDetailsPane::orderAgainRequested, this,
            &OrdersPage::orderAgainRequested);
    // The details poll faster than the list: when they see a change the list row is stale.
    connect(m_details, &OrderDetailsPane::statusChanged, this,
            [this](const QString &orderId, const QString &status) {
                const int row = m_model->rowOfId(orderId);
                if (row >= 0 &&
                    m_model->index(row, OrderListModel::StatusColumn).data().toString() != status &&
                    !m_model->isLoading())
                    m_model->refresh();
            });
}

QTableView *OrdersPage::table() const
{
    return m_view->table();
}

void OrdersPage::setRefreshIntervals(int firstMs, int maxMs)
{
    m_firstMs = firstMs;
    m_maxMs = qMax(firstMs, maxMs);
    m_intervalMs = firstMs;
    if (m_refreshTimer.isActive())
        m_refreshTimer.start(m_intervalMs);
}

void OrdersPage::showOrder(const QString &orderId)
{
    if (orderId.isEmpty())
        return;
    const int row = m_model->rowOfId(orderId);
    m_currentId = orderId;
    // Directly as well: when the row is already current, selecting it changes nothing.
    m_details->showOrder(orderId);
    if (row >= 0) {
        m_pendingSelection.clear();
        selectRow(row);
        return;
    }
    // Not loaded (yet): show it anyway, and re-read the list, which appends new ids.
    m_pendingSelection = orderId;
    m_pendingReads = 0;
    m_view->table()->selectionModel()->clear(); // current too, so a click on it counts
    if (!m_model->isLoading())
        m_model->refresh();
}

void OrdersPage::selectRow(int sourceRow)
{
    const QModelIndex source = m_model->index(sourceRow, OrderListModel::NameColumn);
    const QModelIndex proxy = m_view->proxy()->mapFromSource(m_statusProxy->mapFromSource(source));
    if (!proxy.isValid())
        return;
    QTableView *table = m_view->table();
    table->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
    table->scrollTo(proxy);
}

void OrdersPage::onRowChosen(const QModelIndex &current)
{
    const QModelIndex source = m_statusProxy->mapToSource(m_view->proxy()->mapToSource(current));
    const QString id = m_model->idAt(source.row());
    if (id.isEmpty())
        return;
    m_currentId = id;
    m_details->showOrder(id);
}

bool OrdersPage::hasRunningOrders() const
{
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const QString status = m_model->index(row, 0).data(EntityListModel::StatusRole).toString();
        if (!OrderListModel::isTerminal(status))
            return true;
    }
    return false;
}

void OrdersPage::scheduleRefresh()
{
    // A change means something is moving: look again soon; otherwise back off.
    m_intervalMs = m_sawChange ? m_firstMs : qMin(m_maxMs, m_intervalMs * 2);
    m_sawChange = false;
    // An order that is not on the loaded pages (or not matched by the filter) never appears:
    // stop waiting for it after a few reads.
    if (!m_pendingSelection.isEmpty() && ++m_pendingReads > maxPendingReads)
        m_pendingSelection.clear();
    if (!hasRunningOrders() && m_pendingSelection.isEmpty()) {
        m_refreshTimer.stop();
        m_intervalMs = m_firstMs;
        return;
    }
    m_refreshTimer.start(m_intervalMs);
}

void OrdersPage::onRefreshTimer()
{
    if (m_model->isLoading()) {
        m_refreshTimer.start(m_intervalMs); // a page is on its way; its end reschedules too
        return;
    }
    m_model->refresh();
}

} // namespace ivcap::ui
