#pragma once

#include <QPointer>
#include <QWidget>

class QSplitter;

namespace ivcap {
class Connection;
class ServiceListModel;
} // namespace ivcap

namespace ivcap::ui {

class EntityTableView;
class ServiceDetailsPane;

// The services view: the list of services beside the details of the selected one. Ordering is
// not done here: the page only asks for it (orderRequested) and the window opens the form.
class ServicesPage : public QWidget
{
    Q_OBJECT
public:
    ServicesPage(Connection *connection, ServiceListModel *services, QWidget *parent = nullptr);

    QString currentServiceId() const;
    // Selects the service once its row is loaded (now, or when a later page brings it).
    void selectService(const QString &id);

    EntityTableView *table() const { return m_table; }
    ServiceDetailsPane *detailsPane() const { return m_details; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    void orderRequested(const QString &serviceId);
    // "Request Job…" (deployments with jobs): the window opens the request dialog.
    void jobRequestRequested(const QString &serviceId);
    // A job in the selected service's job list was activated: the window opens it.
    void jobActivated(const QString &serviceId, const QString &jobId);
    void currentServiceChanged(const QString &serviceId);

private:
    void onCurrentRowChanged();
    bool trySelectPending();

    QPointer<ServiceListModel> m_services;
    QSplitter *m_splitter;
    EntityTableView *m_table;
    ServiceDetailsPane *m_details;
    QString m_pendingId;
};

} // namespace ivcap::ui
