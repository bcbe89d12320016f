#pragma once

#include <QJsonValue>
#include <QLabel>
#include <QObject>
#include <QPointer>

namespace ivcap {
class Connection;
class MyJobsModel;
namespace ui {
class JobRequestDialog;
class JobsPage;
class MainWindow;
class Notifier;
} // namespace ui
} // namespace ivcap

namespace ivcap::app {

// Wires the jobs of deployments that have them (Dialect::hasJobs, v0.44 and later) into a
// session: the "Jobs" page (hidden, and its model idle, where the deployment has no jobs),
// "Request Job…" dialogs, following each job requested from this app to its end with a desktop
// notification, and the detected API version in the status bar.
class JobsFeature : public QObject
{
    Q_OBJECT
public:
    // Adds the "jobs" page to `window`; `notifier` tells when a requested job ends.
    JobsFeature(Connection *connection, ui::MainWindow *window, ui::Notifier *notifier,
                QObject *parent = nullptr);

    MyJobsModel *model() const { return m_model; }
    ui::JobsPage *page() const { return m_page; }
    bool isAvailable() const { return m_available; }
    // The status bar's "API 0.48" label.
    QLabel *apiLabel() const { return m_apiLabel; }

    // Opens the (non-modal) request dialog for a service, prefilled with `request` when given;
    // the dialog deletes itself when closed.
    ui::JobRequestDialog *openRequestDialog(const QString &serviceId,
                                            const QJsonValue &request = QJsonValue::Undefined);
    // Shows a job on the Jobs page (as a click in a service's job list asks).
    void showJob(const QString &serviceId, const QString &jobId);
    // Shows a job on the Jobs page and follows it to its end, then notifies.
    void trackJob(const QString &serviceId, const QString &jobId);

Q_SIGNALS:
    // The deployment turned out to have jobs (or not): the session lists the model or not.
    void availabilityChanged(bool available);
    void jobRequested(const QString &jobId);
    void jobEnded(const QString &jobId, const QString &status);

private:
    void updateAvailability();

    QPointer<Connection> m_connection;
    ui::MainWindow *m_window;
    ui::Notifier *m_notifier;
    MyJobsModel *m_model;
    ui::JobsPage *m_page;
    QLabel *m_apiLabel;
    bool m_available = false;
};

} // namespace ivcap::app
