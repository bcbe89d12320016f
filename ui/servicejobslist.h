#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QTableView;

namespace ivcap {
class Connection;
class JobListModel;
} // namespace ivcap

namespace ivcap::ui {

class OrderStatusProxy;

// One service's own jobs (v0.48: GET /1/services2/{service}/jobs), newest first (the
// server's default order, descending) and paged as the table scrolls, with the status as icon and word.
// Jobs exist in some dialects only: where the connection's dialect has none (v0.28), or
// while it is not known yet, the list stays hidden and never asks the deployment. Load errors
// show in the list's own status line, never in the window's banner.
class ServiceJobsList : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceJobsList(Connection *connection, QWidget *parent = nullptr);

    JobListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // What the status line says: loading, an error, or that the service has no jobs.
    QString statusText() const;
    // Whether the deployment has jobs, so the list is shown (hidden otherwise).
    bool isAvailable() const { return m_available; }

public Q_SLOTS:
    // Lists the jobs of this service (an empty id: none).
    void setServiceId(const QString &serviceId);

Q_SIGNALS:
    // A job was activated (Enter, double click): the window shows it on the Jobs page.
    void jobActivated(const QString &serviceId, const QString &jobId);

private:
    void updateAvailability();
    void updateStatus();

    QPointer<Connection> m_connection;
    JobListModel *m_model;
    OrderStatusProxy *m_statusProxy;
    QTableView *m_table;
    QLabel *m_status;
    QString m_serviceId;
    bool m_available = false;
};

} // namespace ivcap::ui
