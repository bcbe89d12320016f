#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ivcap {
class ArtifactDetails;
class Connection;
class DownloadJob;
class TransferQueueModel;
} // namespace ivcap

namespace ivcap::ui {

// Downloads the artifact shown to a file the user picks. With a transfer queue (the app's), the
// download joins it: several at once, pause and resume, kept across a restart, and asked about
// before quitting; the bar says where it went. Without one, it runs here with a progress bar,
// cancel and a clear error. DownloadJob writes through QSaveFile, so a failed or cancelled
// download never leaves a file under the chosen name.
class ArtifactDownloadBar : public QWidget
{
    Q_OBJECT
public:
    explicit ArtifactDownloadBar(Connection *connection, QWidget *parent = nullptr);
    ~ArtifactDownloadBar() override;

    // The artifact to download (or nullptr); followed as its record changes.
    void setArtifact(ArtifactDetails *details);
    // Downloads go to `queue` from now on (nullptr: run them here).
    void setTransferQueue(TransferQueueModel *queue);
    bool isDownloading() const;
    QString statusText() const;
    QPushButton *downloadButton() const { return m_download; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }

public Q_SLOTS:
    // Asks for a file name (a user action, never from a network callback) and downloads.
    void chooseFileAndDownload();
    // Downloads to `destination` without asking; an existing file is replaced on success only.
    void downloadTo(const QString &destination);
    void cancel();

Q_SIGNALS:
    void downloadFinished(const QString &destination);
    void downloadFailed(const QString &message);
    // The download joined the transfer queue as `row`.
    void downloadQueued(int row, const QString &destination);

private:
    void updateState();
    void onJobFinished();

    Connection *m_connection;
    QPointer<ArtifactDetails> m_details;
    QPointer<DownloadJob> m_job;
    QPointer<TransferQueueModel> m_queue;
    QPushButton *m_download;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace ivcap::ui
