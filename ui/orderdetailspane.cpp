#include "orderdetailspane.h"

#include "api/apirequest.h"
#include "api/connection.h"
#include "api/entitynames.h"
#include "entitymetadatapanel.h"
#include "models/orderdetails.h"
#include "models/productlistmodel.h"
#include "orderstatusproxy.h"

#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {

QTableView *makeTable(const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QGroupBox *group(const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

QLabel *selectableLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    return label;
}

} // namespace

OrderDetailsPane::OrderDetailsPane(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_title(new QLabel(this)),
      m_statusIcon(new QLabel(this)), m_status(selectableLabel(tr("Order status"), this)),
      m_message(new QLabel(this)), m_service(selectableLabel(tr("Service"), this)),
      m_id(selectableLabel(tr("Order ID"), this)), m_ordered(selectableLabel(tr("Ordered"), this)),
      m_started(selectableLabel(tr("Started"), this)),
      m_finished(selectableLabel(tr("Finished"), this)),
      m_parameterModel(new QStandardItemModel(0, 2, this)),
      m_parameters(makeTable(tr("Order parameters"), this)),
      m_products(makeTable(tr("Order products"), this)), m_noProducts(new ProductListModel(this)),
      m_metadata(new EntityMetadataPanel(connection, this)),
      m_orderAgain(new QPushButton(tr("Order &Again…"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Order name"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Order message"));
    m_statusIcon->setAccessibleName(tr("Order status icon"));
    m_orderAgain->setAccessibleName(tr("Order again"));
    m_orderAgain->setToolTip(tr("Open the order form with this order's service and parameters"));
    m_parameterModel->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_parameters->setModel(m_parameterModel);
    m_products->setModel(m_noProducts);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_status, 1);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_orderAgain);

    auto *form = new QFormLayout;
    form->addRow(tr("Status:"), statusRow);
    form->addRow(tr("Service:"), m_service);
    form->addRow(tr("ID:"), m_id);
    form->addRow(tr("Ordered:"), m_ordered);
    form->addRow(tr("Started:"), m_started);
    form->addRow(tr("Finished:"), m_finished);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(group(tr("Parameters"), m_parameters));
    splitter->addWidget(group(tr("Products"), m_products));
    splitter->addWidget(group(tr("Aspects"), m_metadata));
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);

    // `activated` is a double-click, or a single click where the platform opens items that way.
    connect(m_products, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(ProductListModel::IdRole).toString();
        if (!id.isEmpty())
            Q_EMIT artifactActivated(id);
    });
    connect(m_metadata, &EntityMetadataPanel::recordActivated, this,
            &OrderDetailsPane::recordActivated);
    connect(m_orderAgain, &QPushButton::clicked, this, [this] {
        if (m_details && !m_details->serviceId().isEmpty())
            Q_EMIT orderAgainRequested(m_details->serviceId(), m_details->rawParameters());
    });
    if (EntityNames *names = EntityNames::of(connection))
        connect(names, &EntityNames::resolved, this, [this](const QString &urn) {
            if (m_details && urn == m_details->serviceId())
                updateFields();
        });
    clear();
}

OrderDetailsPane::~OrderDetailsPane() = default;

OrderDetails *OrderDetailsPane::details() const
{
    return m_details;
}

QString OrderDetailsPane::orderId() const
{
    return m_details ? m_details->id() : QString();
}

void OrderDetailsPane::setPollIntervals(int firstMs, int maxMs)
{
    m_pollFirstMs = firstMs;
    m_pollMaxMs = maxMs;
}

void OrderDetailsPane::showOrder(const QString &orderId)
{
    if (orderId.isEmpty()) {
        clear();
        return;
    }
    if (m_details && m_details->id() == orderId)
        return;
    if (m_details) {
        m_products->setModel(m_noProducts);
        m_details->stop();
        m_details->deleteLater();
    }
    m_lastStatus.clear();
    m_details = new OrderDetails(m_connection, orderId, this);
    m_details->setPollIntervals(m_pollFirstMs, m_pollMaxMs);
    m_products->setModel(m_details->productModel());
    connect(m_details, &EntityDetails::changed, this, &OrderDetailsPane::updateFields);
    connect(m_details, &EntityDetails::loadingChanged, this, &OrderDetailsPane::updateFields);
    connect(m_details, &EntityDetails::errorOccurred, this, &OrderDetailsPane::updateFields);
    m_metadata->setEntityId(orderId);
    updateFields();
    m_details->start();
}

void OrderDetailsPane::clear()
{
    if (m_details) {
        m_products->setModel(m_noProducts);
        m_details->stop();
        m_details->deleteLater();
        m_details = nullptr;
    }
    m_lastStatus.clear();
    m_metadata->setEntityId(QString());
    updateFields();
}

QString OrderDetailsPane::serviceName(const QString &serviceId) const
{
    EntityNames *names = EntityNames::of(m_connection);
    return names ? names->displayName(serviceId) : serviceId;
}

void OrderDetailsPane::updateFields()
{
    OrderDetails *d = m_details;
    const bool loaded = d && d->isLoaded();
    m_orderAgain->setEnabled(loaded && !d->serviceId().isEmpty());
    if (!d) {
        m_title->setText(tr("No order selected"));
    } else if (!loaded) {
        m_title->setText(d->isLoading() ? tr("Loading order…") : d->id());
    } else {
        const QString service = serviceName(d->serviceId());
        m_title->setText(!d->name().isEmpty() ? d->name()
                         : service.isEmpty()  ? tr("Unnamed order")
                                              : tr("Unnamed order of %1").arg(service));
    }
    m_title->setToolTip(d ? d->id() : QString());
    if (d && d->lastError().isError()) {
        m_message->setText(tr("Could not read the order: %1").arg(d->lastError().message));
        m_message->show();
    } else {
        m_message->hide();
    }

    const QString status = loaded ? d->status() : QString();
    m_status->setText(loaded ? OrderStatusProxy::label(status) : QString());
    m_status->setToolTip(loaded ? OrderStatusProxy::description(status) : QString());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(loaded ? OrderStatusProxy::icon(status).pixmap(iconSize) : QPixmap());
    // The name where the deployment has one; the URN stays one hover (and the Id row) away.
    m_service->setText(loaded ? serviceName(d->serviceId()) : QString());
    m_service->setToolTip(loaded ? d->serviceId() : QString());
    m_id->setText(d ? d->id() : QString());
    m_ordered->setText(loaded ? timeText(d->orderedAt(), {}, {}) : QString());
    m_started->setText(loaded ? timeText(d->startedAt(), d->orderedAt(), tr("waited %1"))
                              : QString());
    m_finished->setText(loaded ? timeText(d->finishedAt(), d->startedAt(), tr("ran %1"))
                               : QString());
    updateParameters();

    if (loaded && status != m_lastStatus) {
        m_lastStatus = status;
        Q_EMIT statusChanged(d->id(), status);
    }
}

void OrderDetailsPane::updateParameters()
{
    const QList<QPair<QString, QString>> parameters = m_details && m_details->isLoaded()
                                                          ? m_details->parameters()
                                                          : QList<QPair<QString, QString>>();
    // Parameters of an order never change while it runs: rebuild only when they differ, so
    // the view keeps its selection and scroll position across polls.
    bool same = m_parameterModel->rowCount() == parameters.size();
    for (int row = 0; same && row < parameters.size(); ++row) {
        same = m_parameterModel->item(row, 0)->text() == parameters.at(row).first &&
               m_parameterModel->item(row, 1)->text() == parameters.at(row).second;
    }
    if (same)
        return;
    m_parameterModel->removeRows(0, m_parameterModel->rowCount());
    for (const auto &[name, value] : parameters) {
        auto *nameItem = new QStandardItem(name);
        auto *valueItem = new QStandardItem(value);
        valueItem->setToolTip(value);
        m_parameterModel->appendRow({nameItem, valueItem});
    }
}

QString OrderDetailsPane::timeText(const QDateTime &time, const QDateTime &since,
                                   const QString &sinceLabel) const
{
    if (!time.isValid())
        return tr("—");
    QString text = QLocale().toString(time.toLocalTime(), QLocale::LongFormat);
    if (since.isValid() && !sinceLabel.isEmpty())
        text += QStringLiteral(" (") + sinceLabel.arg(formatDuration(since.msecsTo(time))) +
                QLatin1Char(')');
    return text;
}

QString OrderDetailsPane::formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 10000)
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    const qint64 s = ms / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

} // namespace ivcap::ui
