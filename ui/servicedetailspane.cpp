#include "servicedetailspane.h"

#include "entitymetadatapanel.h"
#include "servicejobslist.h"

#include "api/apirequest.h"
#include "api/changenotifier.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "models/parametermodel.h"
#include "models/servicedetails.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace ivcap::ui {

namespace {
QLabel *valueLabel(const QString &accessibleName)
{
    auto *label = new QLabel;
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    // Ids and descriptions are worth copying; the keyboard must reach them too.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}
} // namespace

ServiceDetailsPane::ServiceDetailsPane(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_name(valueLabel(tr("Service name"))),
      m_description(valueLabel(tr("Description"))), m_provider(valueLabel(tr("Provider"))),
      m_id(valueLabel(tr("Service id"))), m_tags(valueLabel(tr("Tags"))),
      m_status(valueLabel(tr("Service status"))), m_parameters(new QTableView),
      m_noParameters(new ParameterModel(this)), m_order(new QPushButton(tr("&Order…"))),
      m_requestJob(new QPushButton(tr("Request &Job…"))), m_jobs(new ServiceJobsList(connection)),
      m_metadata(new EntityMetadataPanel(connection))
{
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_parameters->setAccessibleName(tr("Parameters"));
    m_parameters->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_parameters->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_parameters->verticalHeader()->hide();
    m_parameters->setModel(m_noParameters);
    m_parameters->horizontalHeader()->setStretchLastSection(true);
    m_order->setAccessibleName(tr("Order this service"));
    m_order->setToolTip(tr("Open the order form for this service (Ctrl+O)"));
    m_order->setEnabled(false);
    connect(m_order, &QPushButton::clicked, this, [this] {
        if (!serviceId().isEmpty())
            Q_EMIT orderRequested(serviceId());
    });

    m_requestJob->setAccessibleName(tr("Request a job from this service"));
    m_requestJob->setToolTip(tr("Open the request form of this service (Ctrl+O)"));
    connect(m_requestJob, &QPushButton::clicked, this, [this] {
        if (!serviceId().isEmpty())
            Q_EMIT jobRequestRequested(serviceId());
    });
    // Jobs exist in some dialects only; the connection learns its dialect after connecting.
    if (connection) {
        connect(connection, &Connection::apiVersionChanged, this,
                &ServiceDetailsPane::updateFields);
        connect(connection, &Connection::apiDetectionFinished, this,
                &ServiceDetailsPane::updateFields);
    }

    auto *form = new QFormLayout;
    m_form = form;
    form->addRow(tr("Provider:"), m_provider);
    form->addRow(tr("Id:"), m_id);
    form->addRow(tr("Tags:"), m_tags);
    auto *paramsLabel = new QLabel(tr("&Parameters"));
    paramsLabel->setBuddy(m_parameters);
    m_parametersLabel = paramsLabel;
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_description);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(paramsLabel);
    layout->addWidget(m_parameters, 1);
    auto *actions = new QHBoxLayout;
    actions->addStretch(1);
    actions->addWidget(m_requestJob);
    actions->addWidget(m_order);
    layout->addLayout(actions);
    layout->addWidget(m_jobs, 1);
    connect(m_jobs, &ServiceJobsList::jobActivated, this, &ServiceDetailsPane::jobActivated);
    auto *metadataLabel = new QLabel(tr("Aspects"));
    layout->addWidget(metadataLabel);
    layout->addWidget(m_metadata, 1);
    m_status->hide();
    updateFields();
    // Another deployment: the service shown belongs to the old one.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this,
            [this] { showService(QString()); });
}

ServiceDetailsPane::~ServiceDetailsPane()
{
    dropDetails();
}

void ServiceDetailsPane::dropDetails()
{
    // Deleting the details cancels its read, and the cancellation reports loadingChanged: it
    // must not reach this pane, which may be half destroyed or already showing another service.
    m_parameters->setModel(m_noParameters);
    if (ServiceDetails *old = std::exchange(m_details, nullptr)) {
        old->disconnect(this);
        delete old;
    }
}

QString ServiceDetailsPane::serviceId() const
{
    return m_details ? m_details->id() : QString();
}

void ServiceDetailsPane::showService(const QString &serviceId)
{
    if (serviceId == this->serviceId())
        return;
    m_metadata->setEntityId(serviceId);
    m_jobs->setServiceId(serviceId);
    // A late answer for the old service cannot overwrite the new one: its read is cancelled.
    dropDetails();
    if (!serviceId.isEmpty() && m_connection) {
        m_details = new ServiceDetails(m_connection, serviceId, this);
        connect(m_details, &EntityDetails::changed, this, [this] {
            updateFields();
            Q_EMIT serviceLoaded(this->serviceId());
        });
        connect(m_details, &EntityDetails::errorOccurred, this, [this](const ApiError &error) {
            m_status->setText(tr("Could not read the service: %1").arg(error.message));
            m_status->show();
        });
        connect(m_details, &EntityDetails::loadingChanged, this, [this](bool loading) {
            if (loading) {
                m_status->setText(tr("Loading…"));
                m_status->show();
            } else if (!m_details->lastError().isError()) {
                m_status->hide();
            }
        });
        ParameterModel *params = m_details->parameterModel();
        m_parameters->setModel(params);
        // The label names a parameter for people; options and descriptions say what to give.
        m_parameters->setColumnHidden(ParameterModel::NameColumn, true);
        m_parameters->setWordWrap(true);
        m_details->load();
    }
    updateFields();
}

void ServiceDetailsPane::updateFields()
{
    const bool loaded = m_details && m_details->isLoaded();
    if (!m_details)
        m_name->setText(tr("No service selected"));
    else
        m_name->setText(loaded ? m_details->name() : m_details->id());
    m_description->setText(loaded ? m_details->description() : QString());
    m_provider->setText(loaded ? m_details->providerId() : QString());
    // Today's services take a JSON request rather than parameters and often name no provider:
    // rows that would stay empty are left out instead of looking broken.
    m_form->setRowVisible(m_provider, !loaded || !m_provider->text().isEmpty());
    const bool legacy = !m_connection || m_connection->dialect().isLegacy();
    const bool parameters = legacy || !loaded || m_details->parameterModel()->rowCount() > 0;
    m_parametersLabel->setVisible(parameters);
    m_parameters->setVisible(parameters);
    m_id->setText(m_details ? m_details->id() : QString());
    m_tags->setText(loaded ? m_details->tags().join(QStringLiteral(", ")) : QString());
    // Where the deployment has jobs its services are today's (`/1/services2`), which take a
    // request rather than an order: the legacy order form would offer nothing to fill in.
    const bool jobs = m_connection && m_connection->dialect().hasJobs();
    m_order->setVisible(!jobs);
    m_order->setEnabled(m_details != nullptr);
    m_requestJob->setVisible(jobs);
    m_requestJob->setEnabled(m_details != nullptr);
}

QPushButton *ServiceDetailsPane::primaryButton() const
{
    return m_requestJob->isVisibleTo(this) ? m_requestJob : m_order;
}

} // namespace ivcap::ui
