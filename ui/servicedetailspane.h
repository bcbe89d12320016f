#pragma once

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace ivcap {
class Connection;
class ServiceDetails;
class ParameterModel;
} // namespace ivcap

namespace ivcap::ui {

class EntityMetadataPanel;
class ServiceJobsList;

// The selected service: name, description, provider, tags and its parameter table, with an
// "Order…" button, and "Request Job…" and the service's own jobs where the deployment has jobs.
// It reads the service itself (ServiceDetails) so the list stays compact.
class ServiceDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceDetailsPane(Connection *connection, QWidget *parent = nullptr);
    ~ServiceDetailsPane() override;

    QString serviceId() const;
    // The current service's details, or nullptr when none is shown.
    ServiceDetails *details() const { return m_details; }
    QTableView *parameterTable() const { return m_parameters; }
    QPushButton *orderButton() const { return m_order; }
    // "Request Job…": shown only where the deployment has jobs (Dialect::hasJobs).
    QPushButton *requestJobButton() const { return m_requestJob; }
    // The button Ctrl+O and activating a row press: "Request Job…" where the deployment has
    // jobs, "Order…" elsewhere (only one of the two is shown).
    QPushButton *primaryButton() const;
    // The service's own jobs, newest first: shown only where the deployment has jobs.
    ServiceJobsList *jobsList() const { return m_jobs; }

public Q_SLOTS:
    // Shows (and reads) the service with this id; an empty id clears the pane.
    void showService(const QString &serviceId);

Q_SIGNALS:
    void orderRequested(const QString &serviceId);
    void jobRequestRequested(const QString &serviceId);
    // One of the service's jobs was activated in its job list.
    void jobActivated(const QString &serviceId, const QString &jobId);
    // The service was read (or read again with changes).
    void serviceLoaded(const QString &serviceId);

private:
    void updateFields();
    void dropDetails();

    QPointer<Connection> m_connection;
    ServiceDetails *m_details = nullptr;
    QLabel *m_name;
    QLabel *m_description;
    QLabel *m_provider;
    QLabel *m_id;
    QLabel *m_tags;
    QLabel *m_status;
    QFormLayout *m_form = nullptr;
    QLabel *m_parametersLabel = nullptr;
    QTableView *m_parameters;
    // Shown while no service is (see OrderDetailsPane::m_noProducts).
    ParameterModel *m_noParameters;
    QPushButton *m_order;
    QPushButton *m_requestJob;
    ServiceJobsList *m_jobs;
    EntityMetadataPanel *m_metadata;
};

} // namespace ivcap::ui
