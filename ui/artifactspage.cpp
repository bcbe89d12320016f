#include "artifactspage.h"

#include "api/changenotifier.h"
#include "artifactdownloadbar.h"
#include "artifactpreview.h"
#include "entitymetadatapanel.h"
#include "entitytableview.h"
#include "models/artifactlistmodel.h"
#include "models/collectionartifactsmodel.h"
#include "models/collectionlistmodel.h"

#include <QAbstractProxyModel>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

ArtifactsPage::ArtifactsPage(Connection *connection, ArtifactListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_view(new EntityTableView(tr("Artifacts"), this)),
      m_preview(new ArtifactPreview(connection, this)),
      m_download(new ArtifactDownloadBar(connection, this)),
      m_metadata(new EntityMetadataPanel(connection, this)), m_connection(connection),
      m_collections(new CollectionListModel(this)),
      m_collectionModel(new CollectionArtifactsModel(this)),
      m_collectionView(new EntityTableView(tr("Artifacts of the collection"), this)),
      m_selector(new QComboBox), m_stack(new QStackedWidget)
{
    m_view->setModel(model);
    m_view->setPlaceholder(tr("No artifacts yet."));
    m_collectionModel->setConnection(connection);
    m_collectionView->setModel(m_collectionModel);
    for (QTableView *table : {m_view->table(), m_collectionView->table()}) {
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setSelectionMode(QAbstractItemView::SingleSelection);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        // The table fits its pane: the name takes the room, the short columns their contents,
        // and the URN is a tooltip and "Copy id" away rather than a 300-pixel column.
        table->setColumnHidden(ArtifactListModel::IdColumn, true);
        QHeaderView *header = table->horizontalHeader();
        header->setStretchLastSection(false);
        header->setSectionResizeMode(ArtifactListModel::NameColumn, QHeaderView::Stretch);
        for (int column : {ArtifactListModel::MimeTypeColumn, ArtifactListModel::SizeColumn,
                           ArtifactListModel::StatusColumn})
            header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    // A collection's members come in the order its records name them; nothing to sort.
    m_collectionView->table()->setSortingEnabled(false);
    m_view->setMinimumWidth(200);

    m_selector->setAccessibleName(tr("Collection"));
    m_selector->setToolTip(tr("Show all artifacts, or the artifacts of one collection"));
    auto *selectorLabel = new QLabel(tr("C&ollection:"));
    selectorLabel->setBuddy(m_selector);
    fillSelector();
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_collectionView);
    auto *listPane = new QWidget;
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto *selectorRow = new QHBoxLayout;
    selectorRow->addWidget(selectorLabel);
    selectorRow->addWidget(m_selector, 1);
    listLayout->addLayout(selectorRow);
    listLayout->addWidget(m_stack, 1);

    auto *previewBox = new QGroupBox(tr("Preview"));
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview, 1);
    previewLayout->addWidget(m_download);
    auto *metadataBox = new QGroupBox(tr("Aspects"));
    auto *metadataLayout = new QVBoxLayout(metadataBox);
    metadataLayout->addWidget(m_metadata);

    auto *side = new QSplitter(Qt::Vertical);
    side->addWidget(previewBox);
    side->addWidget(metadataBox);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 1);
    side->setChildrenCollapsible(false);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listPane);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    for (EntityTableView *view : {m_view, m_collectionView})
        connect(view, &EntityTableView::rowChosen, this, [this](const QModelIndex &current) {
            showDetails(current.data(ArtifactListModel::IdRole).toString());
        });
    connect(m_selector, &QComboBox::currentIndexChanged, this,
            [this] { showCollection(m_selector->currentData().toString()); });
    connect(m_collections, &QAbstractItemModel::rowsInserted, this, &ArtifactsPage::fillSelector);
    connect(m_collections, &QAbstractItemModel::rowsRemoved, this, &ArtifactsPage::fillSelector);
    connect(m_collections, &QAbstractItemModel::rowsMoved, this, &ArtifactsPage::fillSelector);
    connect(m_collections, &QAbstractItemModel::dataChanged, this, &ArtifactsPage::fillSelector);
    connect(m_collections, &CollectionListModel::loaded, this, &ArtifactsPage::fillSelector);
    connect(m_collectionModel, &CollectionArtifactsModel::loadingChanged, this,
            &ArtifactsPage::updateCollectionPlaceholder);
    connect(m_collectionModel, &CollectionArtifactsModel::errorOccurred, this,
            &ArtifactsPage::updateCollectionPlaceholder);
    connect(m_metadata, &EntityMetadataPanel::recordActivated, this,
            &ArtifactsPage::recordActivated);
    // Another deployment: the preview and metadata belong to the old one.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this, [this] {
        showCollection(QString());
        m_currentId.clear();
        m_download->setArtifact(nullptr);
        m_preview->clear();
        m_metadata->setEntityId(QString());
    });
}

void ArtifactsPage::setTransferQueue(TransferQueueModel *queue)
{
    m_download->setTransferQueue(queue);
}

QTableView *ArtifactsPage::table() const
{
    return m_view->table();
}

void ArtifactsPage::showArtifact(const QString &artifactId)
{
    if (artifactId.isEmpty())
        return;
    // Within the collection shown when it is a member there, among all artifacts otherwise.
    const int member = m_collectionModel->rowOfId(artifactId);
    if (!currentCollection().isEmpty() && member < 0)
        showCollection(QString());
    EntityTableView *view = currentCollection().isEmpty() ? m_view : m_collectionView;
    const QModelIndex source =
        currentCollection().isEmpty()
            ? (m_model->rowOfId(artifactId) >= 0 ? m_model->index(m_model->rowOfId(artifactId), 0)
                                                 : QModelIndex())
            : m_collectionModel->index(member, 0);
    const QModelIndex proxy =
        source.isValid() ? view->proxy()->mapFromSource(source) : QModelIndex();
    QTableView *table = view->table();
    if (proxy.isValid()) {
        // The selection change shows the details.
        table->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        table->scrollTo(proxy);
    } else {
        table->selectionModel()->clear(); // current too, so a click on it counts
    }
    showDetails(artifactId);
}

QTableView *ArtifactsPage::collectionTable() const
{
    return m_collectionView->table();
}

void ArtifactsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadCollections();
}

void ArtifactsPage::loadCollections()
{
    if (!m_collections->connection())
        m_collections->setConnection(m_connection);
}

QString ArtifactsPage::currentCollection() const
{
    return m_collectionModel->collection();
}

void ArtifactsPage::showCollection(const QString &collection)
{
    m_collectionModel->setCollection(collection);
    m_stack->setCurrentWidget(collection.isEmpty() ? m_view : m_collectionView);
    const int index = collection.isEmpty() ? 0 : m_selector->findData(collection);
    if (index < 0) {
        fillSelector(); // keeps the shown collection as an entry until the list names it
    } else if (index != m_selector->currentIndex()) {
        const QSignalBlocker block(m_selector);
        m_selector->setCurrentIndex(index);
    }
    updateCollectionPlaceholder();
}

void ArtifactsPage::fillSelector()
{
    const QString current = m_collectionModel->collection();
    const QSignalBlocker block(m_selector);
    m_selector->clear();
    m_selector->addItem(tr("All artifacts"), QString());
    bool listed = current.isEmpty();
    for (int row = 0; row < m_collections->rowCount(); ++row) {
        const QModelIndex index = m_collections->index(row);
        const QString urn = index.data(CollectionListModel::IdRole).toString();
        m_selector->addItem(tr("%1 (%n artifact(s))", nullptr,
                               index.data(CollectionListModel::MemberCountRole).toInt())
                                .arg(index.data(Qt::DisplayRole).toString()),
                            urn);
        m_selector->setItemData(m_selector->count() - 1, urn, Qt::ToolTipRole);
        listed = listed || urn == current;
    }
    if (!listed) {
        m_selector->addItem(current, current);
        m_selector->setItemData(m_selector->count() - 1, current, Qt::ToolTipRole);
    }
    m_selector->setCurrentIndex(qMax(0, m_selector->findData(current)));
    m_selector->setAccessibleDescription(m_collections->hasLoaded() &&
                                                 m_collections->rowCount() == 0
                                             ? tr("This deployment has no collections yet")
                                             : QString());
}

void ArtifactsPage::updateCollectionPlaceholder()
{
    // Why the collection shows nothing: loading, unreadable, or no record names a member.
    QString text;
    if (m_collectionModel->isLoading())
        text = tr("Loading…");
    else if (m_collectionModel->lastError().isError())
        text = tr("The records of this collection could not be read: %1")
                   .arg(m_collectionModel->lastError().message);
    else
        text = tr("No artifact belongs to this collection yet: no record on the deployment "
                  "names one. Upload files into it to add some.");
    m_collectionView->setPlaceholder(text);
}

void ArtifactsPage::showDetails(const QString &artifactId)
{
    if (artifactId.isEmpty() || artifactId == m_currentId)
        return;
    m_currentId = artifactId;
    m_preview->showArtifact(artifactId);
    m_download->setArtifact(m_preview->details());
    m_metadata->setEntityId(artifactId);
}

} // namespace ivcap::ui
