#pragma once

#include <QJsonArray>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace ivcap {
class Connection;
class OrderDetails;
class ProductListModel;
} // namespace ivcap

namespace ivcap::ui {

class EntityMetadataPanel;

// One order in detail: name, status, service, parameters, a timeline with durations, its
// products and its metadata. It follows the order until it is terminal (OrderDetails polls), so
// a running order updates by itself.
class OrderDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit OrderDetailsPane(Connection *connection, QWidget *parent = nullptr);
    ~OrderDetailsPane() override;

    QString orderId() const;
    // The order shown, or nullptr; replaced on every showOrder().
    OrderDetails *details() const;
    QTableView *productsView() const { return m_products; }
    QTableView *parametersView() const { return m_parameters; }
    EntityMetadataPanel *metadataPanel() const { return m_metadata; }
    QPushButton *orderAgainButton() const { return m_orderAgain; }
    // Polling of the order shown (see OrderDetails::setPollIntervals); applies to the next order.
    void setPollIntervals(int firstMs, int maxMs);

    // "12 s", "3 min 5 s", "2 h 4 min": rough enough to read at a glance.
    static QString formatDuration(qint64 ms);

public Q_SLOTS:
    void showOrder(const QString &orderId);
    void clear();

Q_SIGNALS:
    // A product (an artifact) was double-clicked or activated with the keyboard.
    void artifactActivated(const QString &artifactId);
    void recordActivated(const QString &recordId);
    void orderAgainRequested(const QString &serviceId, const QJsonArray &parameters);
    // The order shown changed status (its row in a list may be stale).
    void statusChanged(const QString &orderId, const QString &status);

private:
    void updateFields();
    QString serviceName(const QString &serviceId) const;
    void updateParameters();
    QString timeText(const QDateTime &time, const QDateTime &since,
                     const QString &sinceLabel) const;

    Connection *m_connection;
    QPointer<OrderDetails> m_details;
    QString m_lastStatus;
    int m_pollFirstMs = 2000;
    int m_pollMaxMs = 15000;

    QLabel *m_title;
    QLabel *m_statusIcon;
    QLabel *m_status;
    QLabel *m_message;
    QLabel *m_service;
    QLabel *m_id;
    QLabel *m_ordered;
    QLabel *m_started;
    QLabel *m_finished;
    QStandardItemModel *m_parameterModel;
    QTableView *m_parameters;
    QTableView *m_products;
    // Shown while no order is: a table without a model would show numbered headers once a
    // saved header state is restored into it.
    ProductListModel *m_noProducts;
    EntityMetadataPanel *m_metadata;
    QPushButton *m_orderAgain;
};

} // namespace ivcap::ui
