#include "jobsfeature.h"

#include "api/apierror.h"
#include "api/changenotifier.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "jobrequestdialog.h"
#include "jobspage.h"
#include "mainwindow.h"
#include "models/jobdetails.h"
#include "models/myjobsmodel.h"
#include "notifier.h"
#include "orderstatusproxy.h"

namespace ivcap::app {

JobsFeature::JobsFeature(Connection *connection, ui::MainWindow *window, ui::Notifier *notifier,
                         QObject *parent)
    : QObject(parent), m_connection(connection), m_window(window), m_notifier(notifier),
      m_model(new MyJobsModel(this)), m_page(new ui::JobsPage(connection, m_model)),
      m_apiLabel(new QLabel)
{
    m_apiLabel->setAccessibleName(tr("API version"));
    m_window->addPage(QStringLiteral("jobs"), tr("Jobs"), m_page);
    m_window->addStatusWidget(m_apiLabel);
    connect(m_page, &ui::JobsPage::requestAgainRequested, this,
            [this](const QString &serviceId, const QJsonValue &request) {
                openRequestDialog(serviceId, request);
            });
    connect(connection, &Connection::apiVersionChanged, this, &JobsFeature::updateAvailability);
    connect(connection, &Connection::apiDetectionFinished, this, &JobsFeature::updateAvailability);
    m_window->setPageVisible(QStringLiteral("jobs"), false);
    updateAvailability();
}

void JobsFeature::updateAvailability()
{
    const QString version = m_connection ? m_connection->apiVersion() : QString();
    m_apiLabel->setText(version.isEmpty() ? QString() : tr("API %1").arg(version));
    m_apiLabel->setToolTip(
        version.isEmpty() ? QString() : tr("The deployment speaks IVCAP API %1").arg(version));
    const bool available =
        m_connection && m_connection->isDialectKnown() && m_connection->dialect().hasJobs();
    // Once the dialect is decided, a deployment without jobs hides the page (also when
    // --view jobs made it current while the detection ran).
    if (!available && m_connection && m_connection->isDialectKnown())
        m_window->setPageVisible(QStringLiteral("jobs"), false);
    if (available == m_available)
        return;
    m_available = available;
    // Where there are no jobs the model stays without a connection, so it never asks.
    m_model->setConnection(available ? m_connection.data() : nullptr);
    m_window->setPageVisible(QStringLiteral("jobs"), available);
    Q_EMIT availabilityChanged(available);
}

ui::JobRequestDialog *JobsFeature::openRequestDialog(const QString &serviceId,
                                                     const QJsonValue &request)
{
    auto *dialog = new ui::JobRequestDialog(m_connection, serviceId, m_window);
    if (!request.isUndefined())
        dialog->prefill(request);
    connect(dialog, &ui::JobRequestDialog::jobRequested, this, &JobsFeature::trackJob);
    dialog->show();
    return dialog;
}

void JobsFeature::showJob(const QString &serviceId, const QString &jobId)
{
    m_window->setPageVisible(QStringLiteral("jobs"), true);
    m_window->showPage(QStringLiteral("jobs"));
    m_page->showJob(serviceId, jobId);
}

void JobsFeature::trackJob(const QString &serviceId, const QString &jobId)
{
    showJob(serviceId, jobId);
    // Followed on its own as well, so the user hears of its end wherever they are in the app.
    auto *job = new JobDetails(m_connection, serviceId, jobId, this);
    connect(job, &JobDetails::terminalReached, this, [this, job](const QString &status) {
        const QString name = job->name().isEmpty() ? job->id() : job->name();
        const bool ok = status == QLatin1String("succeeded");
        m_notifier->notify(ok ? tr("Job finished") : tr("Job did not succeed"),
                           tr("%1 is %2").arg(name, ui::OrderStatusProxy::label(status)), !ok);
        // The lists that show the job (its service's) catch up with its end in place.
        if (ChangeNotifier *changes = ChangeNotifier::of(m_connection))
            changes->announce(QStringLiteral("jobs"), job->id());
        Q_EMIT jobEnded(job->id(), status);
        if (m_model->connection() && !m_model->isLoading())
            m_model->refresh();
        job->stop();
        job->deleteLater();
    });
    // Following stopped without an end (it gave up): say so once, and let go of the job.
    connect(job, &JobDetails::followingChanged, this, [this, job](bool following) {
        if (following || job->isTerminal())
            return;
        m_notifier->notify(tr("Job not followed any more"),
                           job->lastError().isError() ? job->lastError().message : job->id(), true);
        job->deleteLater();
    });
    job->follow();
    Q_EMIT jobRequested(jobId);
}

} // namespace ivcap::app
