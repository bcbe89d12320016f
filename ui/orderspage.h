#pragma once

#include <QJsonArray>
#include <QTimer>
#include <QWidget>

class QTableView;

namespace ivcap {
class Connection;
class OrderListModel;
} // namespace ivcap

namespace ivcap::ui {

class EntityTableView;
class OrderDetailsPane;
class OrderStatusProxy;

// The orders view: the table of orders with their status as icon and text, and the selected
// order in detail. While any loaded order is not terminal the list is refreshed in place with
// backoff, so running orders update by themselves and the selection stays.
class OrdersPage : public QWidget
{
    Q_OBJECT
public:
    OrdersPage(Connection *connection, OrderListModel *model, QWidget *parent = nullptr);

    OrderListModel *model() const { return m_model; }
    OrderStatusProxy *statusProxy() const { return m_statusProxy; }
    QTableView *table() const;
    OrderDetailsPane *detailsPane() const { return m_details; }
    // The selected order, or the one shown by showOrder() before it is in the list.
    QString currentOrderId() const { return m_currentId; }
    bool isAutoRefreshing() const { return m_refreshTimer.isActive(); }
    // Backoff of the list refresh while orders run; the details pane polls on its own.
    void setRefreshIntervals(int firstMs, int maxMs);

public Q_SLOTS:
    // Selects the order, and shows it in detail even when it is not among the loaded rows
    // (e.g. just created): the list is refreshed so it appears, and is selected when it does.
    void showOrder(const QString &orderId);

Q_SIGNALS:
    void artifactActivated(const QString &artifactId);
    void recordActivated(const QString &recordId);
    void orderAgainRequested(const QString &serviceId, const QJsonArray &parameters);

private:
    void onRowChosen(const QModelIndex &current);
    void selectRow(int sourceRow);
    void scheduleRefresh();
    void onRefreshTimer();
    bool hasRunningOrders() const;

    Connection *m_connection;
    OrderListModel *m_model;
    OrderStatusProxy *m_statusProxy;
    EntityTableView *m_view;
    OrderDetailsPane *m_details;
    QTimer m_refreshTimer;
    QString m_currentId;
    QString m_pendingSelection;
    int m_firstMs = 2000;
    int m_maxMs = 15000;
    int m_intervalMs = 2000;
    int m_pendingReads = 0;
    bool m_sawChange = false;
};

} // namespace ivcap::ui
