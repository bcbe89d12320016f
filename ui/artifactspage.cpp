#include "artifactspage.h"

#include "api/changenotifier.h"
#include "artifactdownloadbar.h"
#include "artifactpreview.h"
#include "entitymetadatapanel.h"
#include "entitytableview.h"
#include "models/artifactlistmodel.h"

#include <QAbstractProxyModel>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

ArtifactsPage::ArtifactsPage(Connection *connection, ArtifactListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_view(new EntityTableView(tr("Artifacts"), this)),
      m_preview(new ArtifactPreview(connection, this)),
      m_download(new ArtifactDownloadBar(connection, this)),
      m_metadata(new EntityMetadataPanel(connection, this))
{
    m_view->setModel(model);
    m_view->setPlaceholder(tr("No artifacts yet."));
    QTableView *table = m_view->table();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The table fits its pane: the name takes the room, the short columns their contents, and
    // the URN is a tooltip and "Copy id" away rather than a 300-pixel column.
    table->setColumnHidden(ArtifactListModel::IdColumn, true);
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ArtifactListModel::NameColumn, QHeaderView::Stretch);
    for (int column : {ArtifactListModel::MimeTypeColumn, ArtifactListModel::SizeColumn,
                       ArtifactListModel::StatusColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_view->setMinimumWidth(200);

    auto *previewBox = new QGroupBox(tr("Preview"));
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview, 1);
    previewLayout->addWidget(m_download);
    auto *metadataBox = new QGroupBox(tr("Metadata"));
    auto *metadataLayout = new QVBoxLayout(metadataBox);
    metadataLayout->addWidget(m_metadata);

    auto *side = new QSplitter(Qt::Vertical);
    side->addWidget(previewBox);
    side->addWidget(metadataBox);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 1);
    side->setChildrenCollapsible(false);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ArtifactsPage::onCurrentRowChanged);
    connect(m_metadata, &EntityMetadataPanel::recordActivated, this,
            &ArtifactsPage::recordActivated);
    // Another deployment: the preview and metadata belong to the old one.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this, [this] {
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
    const int row = m_model->rowOfId(artifactId);
    const QModelIndex proxy =
        row >= 0 ? m_view->proxy()->mapFromSource(m_model->index(row, 0)) : QModelIndex();
    QTableView *table = m_view->table();
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

void ArtifactsPage::onCurrentRowChanged()
{
    const QModelIndex current = m_view->table()->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    showDetails(m_model->idAt(m_view->proxy()->mapToSource(current).row()));
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
