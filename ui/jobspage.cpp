#include "jobspage.h"

#include "entitytableview.h"
#include "jobdetailspane.h"
#include "models/jobdetails.h"
#include "models/myjobsmodel.h"
#include "orderstatusproxy.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>

namespace ivcap::ui {

JobsPage::JobsPage(Connection *connection, MyJobsModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_statusProxy(new OrderStatusProxy(this)),
      m_view(new EntityTableView(tr("Jobs"), this)), m_details(new JobDetailsPane(connection, this))
{
    // Jobs share the order statuses (pending … succeeded, failed, error).
    m_statusProxy->setStatusColumn(MyJobsModel::StatusColumn);
    m_statusProxy->setSourceModel(model);
    m_view->setModel(m_statusProxy);
    m_view->setPlaceholder(tr("No jobs yet. Request one from the Services page."));
    QTableView *table = m_view->table();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setColumnHidden(MyJobsModel::IdColumn, true);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("jobsSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_view, &EntityTableView::rowChosen, this, &JobsPage::onRowChosen);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
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
    connect(m_details, &JobDetailsPane::artifactActivated, this, &JobsPage::artifactActivated);
    connect(m_details, &JobDetailsPane::orderActivated, this, &JobsPage::orderActivated);
    connect(m_details, &JobDetailsPane::requestAgainRequested, this,
            &JobsPage::requestAgainRequested);
    // The pane follows its job live; the list learns of a change from it.
    connect(m_details, &JobDetailsPane::statusChanged, this,
            [this](const QString &jobId, const QString &status) {
                const int row = m_model->rowOfId(jobId);
                const bool stale = row < 0 ? jobId == m_pendingSelection
                                           : m_model->index(row, MyJobsModel::StatusColumn)
                                                     .data(EntityListModel::StatusRole)
                                                     .toString() != status;
                if (stale && !m_model->isLoading() && m_model->connection())
                    m_model->refresh();
            });
}

QTableView *JobsPage::table() const
{
    return m_view->table();
}

void JobsPage::showJob(const QString &serviceId, const QString &jobId)
{
    if (jobId.isEmpty())
        return;
    m_currentId = jobId;
    m_details->showJob(serviceId, jobId);
    const int row = m_model->rowOfId(jobId);
    if (row >= 0) {
        m_pendingSelection.clear();
        selectRow(row);
        return;
    }
    m_pendingSelection = jobId;
    m_view->table()->selectionModel()->clear();
    if (!m_model->isLoading() && m_model->connection())
        m_model->refresh();
}

void JobsPage::selectRow(int sourceRow)
{
    const QModelIndex source = m_model->index(sourceRow, MyJobsModel::NameColumn);
    const QModelIndex proxy = m_view->proxy()->mapFromSource(m_statusProxy->mapFromSource(source));
    if (!proxy.isValid())
        return;
    QTableView *table = m_view->table();
    table->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
    table->scrollTo(proxy);
}

void JobsPage::onRowChosen(const QModelIndex &current)
{
    const QModelIndex source = m_statusProxy->mapToSource(m_view->proxy()->mapToSource(current));
    const QString id = m_model->idAt(source.row());
    if (id.isEmpty())
        return;
    m_currentId = id;
    m_details->showJob(m_model->serviceIdAt(source.row()), id);
}

} // namespace ivcap::ui
