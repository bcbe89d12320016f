#include "entitymetadatapanel.h"

#include "api/apierror.h"
#include "api/changenotifier.h"
#include "aspectsummaryproxy.h"
#include "models/metadatalistmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

EntityMetadataPanel::EntityMetadataPanel(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_model(new MetadataListModel(this)),
      m_proxy(new AspectSummaryProxy(this)), m_table(new QTableView(this)),
      m_placeholder(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Metadata records"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setColumnHidden(MetadataListModel::EntityColumn, true);
    // Schema first: it says what a record is about; the record id is for reference.
    m_table->horizontalHeader()->moveSection(MetadataListModel::SchemaColumn, 0);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAccessibleName(tr("Metadata status"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_table, 1);
    m_add = new QPushButton(tr("Add aspect…"));
    m_add->setAccessibleName(tr("Add a metadata aspect to this entity"));
    m_add->setEnabled(false);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (!m_entityId.isEmpty())
            Q_EMIT addRequested(m_entityId);
    });

    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = m_model->idAt(index.row());
        if (!id.isEmpty())
            Q_EMIT recordActivated(id);
    });
    connect(m_model, &EntityListModel::loadingChanged, this,
            &EntityMetadataPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            &EntityMetadataPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            &EntityMetadataPanel::updatePlaceholder);
    connect(m_model, &EntityListModel::errorOccurred, this,
            &EntityMetadataPanel::updatePlaceholder);
    // Another deployment: these records belong to the old one.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this,
            [this] { setEntityId(QString()); });
    updatePlaceholder();
}

void EntityMetadataPanel::setEntityId(const QString &entityId)
{
    if (entityId == m_entityId)
        return;
    m_entityId = entityId;
    m_add->setEnabled(!entityId.isEmpty());
    if (entityId.isEmpty()) {
        m_model->setConnection(nullptr);
        m_model->setEntityId(QString());
    } else {
        m_model->setEntityId(entityId);
        m_model->setConnection(m_connection);
    }
    updatePlaceholder();
}

void EntityMetadataPanel::setAtTime(const QDateTime &time)
{
    m_model->setAtTime(time);
    updatePlaceholder();
}

void EntityMetadataPanel::reload()
{
    if (!m_entityId.isEmpty())
        m_model->reload();
}

void EntityMetadataPanel::updatePlaceholder()
{
    QString text;
    if (m_model->lastError().isError())
        text = tr("Could not load the metadata: %1").arg(m_model->lastError().message);
    else if (m_entityId.isEmpty())
        text = tr("Nothing selected.");
    else if (m_model->isLoading() && m_model->rowCount() == 0)
        text = tr("Loading metadata…");
    else if (m_model->rowCount() == 0)
        text = tr("No metadata records.");
    if (m_model->atTime().isValid()) {
        const QString asOf =
            tr("Metadata as of %1; the details above are as they are now.")
                .arg(QLocale().toString(m_model->atTime().toLocalTime(), QLocale::ShortFormat));
        text = text.isEmpty() ? asOf : asOf + QLatin1Char(' ') + text;
    }
    m_placeholder->setText(text);
    m_placeholder->setVisible(!text.isEmpty());
}

} // namespace ivcap::ui
