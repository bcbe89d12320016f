#pragma once

#include <QJsonValue>
#include <QWidget>

class QTableView;

namespace ivcap {
class Connection;
class MyJobsModel;
} // namespace ivcap

namespace ivcap::ui {

class EntityTableView;
class JobDetailsPane;
class OrderStatusProxy;

// The jobs view (deployments with jobs, v0.44 and later): "my jobs" across services, newest
// first and paged (MyJobsModel), with the status as icon and word, beside the selected job in
// detail (JobDetailsPane, which follows a running job live). When the job shown changes status
// the list is refreshed in place, so its row catches up without a reset.
class JobsPage : public QWidget
{
    Q_OBJECT
public:
    JobsPage(Connection *connection, MyJobsModel *model, QWidget *parent = nullptr);

    MyJobsModel *model() const { return m_model; }
    QTableView *table() const;
    JobDetailsPane *detailsPane() const { return m_details; }
    QString currentJobId() const { return m_currentId; }

public Q_SLOTS:
    // Shows the job in detail at once, and selects its row when the list has it (now, or once
    // a refresh brings it: a job just requested is not listed yet).
    void showJob(const QString &serviceId, const QString &jobId);

Q_SIGNALS:
    void artifactActivated(const QString &artifactId);
    void orderActivated(const QString &orderId);
    void requestAgainRequested(const QString &serviceId, const QJsonValue &request);

private:
    void onRowChosen(const QModelIndex &current);
    void selectRow(int sourceRow);

    MyJobsModel *m_model;
    OrderStatusProxy *m_statusProxy;
    EntityTableView *m_view;
    JobDetailsPane *m_details;
    QString m_currentId;
    QString m_pendingSelection;
};

} // namespace ivcap::ui
