#pragma once

#include <QWidget>

class QTableView;

namespace ivcap {
class ArtifactListModel;
class Connection;
class TransferQueueModel;
} // namespace ivcap

namespace ivcap::ui {

class ArtifactDownloadBar;
class ArtifactPreview;
class EntityMetadataPanel;
class EntityTableView;

// The artifacts view: the table of artifacts, and for the selected one its facts, a preview of
// its content, a download button and its metadata.
class ArtifactsPage : public QWidget
{
    Q_OBJECT
public:
    ArtifactsPage(Connection *connection, ArtifactListModel *model, QWidget *parent = nullptr);

    ArtifactListModel *model() const { return m_model; }
    QTableView *table() const;
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

Q_SIGNALS:
    void recordActivated(const QString &recordId);

private:
    void onCurrentRowChanged();
    void showDetails(const QString &artifactId);

    ArtifactListModel *m_model;
    EntityTableView *m_view;
    ArtifactPreview *m_preview;
    ArtifactDownloadBar *m_download;
    EntityMetadataPanel *m_metadata;
    QString m_currentId;
};

} // namespace ivcap::ui
