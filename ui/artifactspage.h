#pragma once

#include <QWidget>

class QComboBox;
class QStackedWidget;
class QTableView;

namespace ivcap {
class ArtifactListModel;
class CollectionArtifactsModel;
class CollectionListModel;
class Connection;
class TransferQueueModel;
} // namespace ivcap

namespace ivcap::ui {

class ArtifactDownloadBar;
class ArtifactPreview;
class EntityMetadataPanel;
class EntityTableView;

// The artifacts view: the table of artifacts, and for the selected one its facts, a preview of
// its content, a download button and its metadata. A collection selector above the table shows
// either all artifacts or the artifacts of one collection (CollectionArtifactsModel); the
// deployment's collections (CollectionListModel) are read the first time the page is shown or
// loadCollections() is called.
class ArtifactsPage : public QWidget
{
    Q_OBJECT
public:
    ArtifactsPage(Connection *connection, ArtifactListModel *model, QWidget *parent = nullptr);

    ArtifactListModel *model() const { return m_model; }
    // The table of all artifacts.
    QTableView *table() const;
    // The table of the selected collection's artifacts.
    QTableView *collectionTable() const;
    EntityTableView *collectionView() const { return m_collectionView; }
    // "All artifacts" and each collection, by name.
    QComboBox *collectionSelector() const { return m_selector; }
    CollectionListModel *collections() const { return m_collections; }
    CollectionArtifactsModel *collectionModel() const { return m_collectionModel; }
    // Reads the deployment's collections unless they are read already.
    void loadCollections();
    // The collection shown (empty: all artifacts).
    QString currentCollection() const;
    ArtifactPreview *preview() const { return m_preview; }
    // Downloads join this queue (the app's transfers) instead of running in the page.
    void setTransferQueue(TransferQueueModel *queue);
    ArtifactDownloadBar *downloadBar() const { return m_download; }
    EntityMetadataPanel *metadataPanel() const { return m_metadata; }
    QString currentArtifactId() const { return m_currentId; }

public Q_SLOTS:
    // Selects the artifact when it is loaded, and shows it in any case (e.g. an order's product
    // that is not on the loaded pages).
    void showArtifact(const QString &artifactId);
    // Shows the artifacts of one collection (by URN), or all artifacts for an empty one.
    void showCollection(const QString &collection);

Q_SIGNALS:
    void recordActivated(const QString &recordId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showDetails(const QString &artifactId);
    void fillSelector();
    void updateCollectionPlaceholder();

    ArtifactListModel *m_model;
    EntityTableView *m_view;
    ArtifactPreview *m_preview;
    ArtifactDownloadBar *m_download;
    EntityMetadataPanel *m_metadata;
    Connection *m_connection;
    CollectionListModel *m_collections;
    CollectionArtifactsModel *m_collectionModel;
    EntityTableView *m_collectionView;
    QComboBox *m_selector;
    QStackedWidget *m_stack;
    QString m_currentId;
};

} // namespace ivcap::ui
