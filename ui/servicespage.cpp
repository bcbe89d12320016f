#include "servicespage.h"

#include "entitytableview.h"
#include "models/servicelistmodel.h"
#include "servicedetailspane.h"

#include <QAbstractProxyModel>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

ServicesPage::ServicesPage(Connection *connection, ServiceListModel *services, QWidget *parent)
    : QWidget(parent), m_services(services), m_splitter(new QSplitter(Qt::Horizontal)),
      m_table(new EntityTableView(tr("Services"))), m_details(new ServiceDetailsPane(connection))
{
    m_table->setModel(services);
    m_table->table()->setColumnHidden(ServiceListModel::IdColumn, true);
    m_splitter->setObjectName(QStringLiteral("servicesSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_table->table()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ServicesPage::onCurrentRowChanged);
    connect(m_details, &ServiceDetailsPane::orderRequested, this, &ServicesPage::orderRequested);
    connect(m_details, &ServiceDetailsPane::jobRequestRequested, this,
            &ServicesPage::jobRequestRequested);
    connect(m_details, &ServiceDetailsPane::jobActivated, this, &ServicesPage::jobActivated);
    // Activating a row (Enter, double click) is the quickest way to the form.
    connect(m_table->table(), &QTableView::activated, this, [this] {
        if (!currentServiceId().isEmpty())
            m_details->primaryButton()->click();
    });
    auto *order = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_O), this);
    order->setContext(Qt::WidgetWithChildrenShortcut);
    connect(order, &QShortcut::activated, this, [this] { m_details->primaryButton()->click(); });
    if (services) {
        connect(services, &QAbstractItemModel::rowsInserted, this, [this] {
            if (!m_pendingId.isEmpty())
                trySelectPending();
            // Start on the first service, so the pane never opens empty beside a full list.
            else if (!m_table->table()->currentIndex().isValid())
                m_table->table()->setCurrentIndex(m_table->proxy()->index(0, 0));
        });
    }
}

QString ServicesPage::currentServiceId() const
{
    return m_details->serviceId();
}

void ServicesPage::selectService(const QString &id)
{
    m_pendingId = id;
    trySelectPending();
}

bool ServicesPage::trySelectPending()
{
    if (!m_services)
        return false;
    const int row = m_services->rowOfId(m_pendingId);
    if (row < 0)
        return false;
    m_pendingId.clear();
    const QModelIndex index =
        m_table->proxy()->mapFromSource(m_services->index(row, ServiceListModel::NameColumn));
    m_table->table()->setCurrentIndex(index);
    m_table->table()->scrollTo(index);
    return true;
}

void ServicesPage::onCurrentRowChanged()
{
    const QModelIndex current = m_table->table()->currentIndex();
    const QModelIndex source = m_table->proxy()->mapToSource(current);
    const QString id = source.isValid() && m_services ? m_services->idAt(source.row()) : QString();
    if (id == m_details->serviceId())
        return;
    m_details->showService(id);
    Q_EMIT currentServiceChanged(id);
}

} // namespace ivcap::ui
