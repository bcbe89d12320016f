#include "servicejobslist.h"

#include "orderstatusproxy.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "models/joblistmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
// Rows per request: a detail pane shows a handful; scrolling asks for the next page.
constexpr int pageSize = 10;
} // namespace

ServiceJobsList::ServiceJobsList(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_model(new JobListModel(this)),
      m_statusProxy(new OrderStatusProxy(this)), m_table(new QTableView), m_status(new QLabel)
{
    m_model->setPageSize(pageSize);
    // Newest first: the server's default order, descending (sent explicitly, since v0.28's
    // default direction was the other way).
    m_model->setOrderDesc(true);
    m_statusProxy->setStatusColumn(JobListModel::StatusColumn);
    m_statusProxy->setSourceModel(m_model);
    m_table->setModel(m_statusProxy);
    m_table->setAccessibleName(tr("Jobs of this service"));
    m_table->setToolTip(tr("Open a job on the Jobs page with Enter or a double click"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // The service is the one shown above; the id is in the tooltip of the Jobs page.
    m_table->setColumnHidden(JobListModel::ServiceColumn, true);
    m_table->setColumnHidden(JobListModel::IdColumn, true);
    m_status->setAccessibleName(tr("Jobs of this service: status"));
    m_status->setWordWrap(true);

    auto *label = new QLabel(tr("&Jobs"));
    label->setBuddy(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString id = m_model->idAt(m_statusProxy->mapToSource(index).row());
        if (!id.isEmpty())
            Q_EMIT jobActivated(m_serviceId, id);
    });
    connect(m_model, &EntityListModel::loadingChanged, this, &ServiceJobsList::updateStatus);
    connect(m_model, &EntityListModel::errorOccurred, this, &ServiceJobsList::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ServiceJobsList::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ServiceJobsList::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ServiceJobsList::updateStatus);
    // The connection learns its dialect after connecting, and again after a context switch.
    if (connection) {
        connect(connection, &Connection::apiVersionChanged, this,
                &ServiceJobsList::updateAvailability);
        connect(connection, &Connection::apiDetectionFinished, this,
                &ServiceJobsList::updateAvailability);
    }
    updateAvailability();
}

void ServiceJobsList::setServiceId(const QString &serviceId)
{
    m_serviceId = serviceId;
    // Without jobs in the dialect the model keeps no service either, so it never asks.
    m_model->setServiceId(m_available ? serviceId : QString());
    updateStatus();
}

void ServiceJobsList::updateAvailability()
{
    const bool available =
        m_connection && m_connection->isDialectKnown() && m_connection->dialect().hasJobs();
    setVisible(available);
    if (available == m_available)
        return;
    m_available = available;
    m_model->setConnection(available ? m_connection.data() : nullptr);
    m_model->setServiceId(available ? m_serviceId : QString());
    updateStatus();
}

void ServiceJobsList::updateStatus()
{
    QString text;
    if (m_serviceId.isEmpty() || !m_available)
        text.clear();
    else if (m_model->isLoading())
        text = tr("Loading jobs…");
    else if (m_model->lastError().isError())
        text = tr("Could not list the jobs: %1").arg(m_model->lastError().message);
    else if (m_model->rowCount() == 0)
        text = tr("No jobs of this service yet.");
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

QString ServiceJobsList::statusText() const
{
    return m_status->text();
}

} // namespace ivcap::ui
