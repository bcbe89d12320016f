#include "artifactdownloadbar.h"

#include "api/apirequest.h"
#include "api/connection.h"
#include "models/artifactdetails.h"
#include "transfer/downloadjob.h"
#include "transfer/transferqueuemodel.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>

namespace ivcap::ui {

ArtifactDownloadBar::ArtifactDownloadBar(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection),
      m_download(new QPushButton(tr("&Download…"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this))
{
    m_download->setAccessibleName(tr("Download artifact"));
    m_cancel->setAccessibleName(tr("Cancel download"));
    m_progress->setAccessibleName(tr("Download progress"));
    m_status->setAccessibleName(tr("Download status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_download);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_cancel);
    layout->addWidget(m_status, 2);

    connect(m_download, &QPushButton::clicked, this, &ArtifactDownloadBar::chooseFileAndDownload);
    connect(m_cancel, &QPushButton::clicked, this, &ArtifactDownloadBar::cancel);
    updateState();
}

ArtifactDownloadBar::~ArtifactDownloadBar()
{
    if (m_job)
        m_job->cancel();
}

void ArtifactDownloadBar::setArtifact(ArtifactDetails *details)
{
    if (m_details == details)
        return;
    if (m_details)
        disconnect(m_details, nullptr, this, nullptr);
    m_details = details;
    if (details)
        connect(details, &EntityDetails::changed, this, &ArtifactDownloadBar::updateState);
    // A download already running continues: it belongs to the file, not to the selection.
    if (!m_job)
        m_status->clear();
    updateState();
}

void ArtifactDownloadBar::setTransferQueue(TransferQueueModel *queue)
{
    m_queue = queue;
}

bool ArtifactDownloadBar::isDownloading() const
{
    return m_job != nullptr;
}

QString ArtifactDownloadBar::statusText() const
{
    return m_status->text();
}

void ArtifactDownloadBar::updateState()
{
    const bool running = m_job != nullptr;
    const bool ready = m_details && m_details->isLoaded() && m_details->isReady();
    m_download->setEnabled(!running && ready);
    m_download->setToolTip(ready || running ? QString()
                                            : tr("Only a ready artifact can be downloaded"));
    m_cancel->setVisible(running);
    m_progress->setVisible(running);
}

void ArtifactDownloadBar::chooseFileAndDownload()
{
    if (!m_details || m_job)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    QString suggested = m_details->name();
    if (suggested.isEmpty() || suggested.contains(QLatin1Char('/')))
        suggested = m_details->id().section(QLatin1Char(':'), -1);
    // Window-modal and answered by a signal: no nested event loop.
    auto *dialog = new QFileDialog(this, tr("Download Artifact"), QDir(folder).filePath(suggested));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = m_details->id();
    connect(dialog, &QFileDialog::fileSelected, this, [this, id](const QString &file) {
        // The selection may have moved on while the dialog was open.
        if (!file.isEmpty() && m_details && m_details->id() == id)
            downloadTo(file);
    });
    dialog->open();
}

void ArtifactDownloadBar::downloadTo(const QString &destination)
{
    if (!m_details || m_job || destination.isEmpty())
        return;
    if (m_queue) {
        const int row = m_queue->addDownload(m_details->id(), destination);
        m_status->setText(
            tr("Downloading to %1 (see Transfers)").arg(QDir::toNativeSeparators(destination)));
        Q_EMIT downloadQueued(row, destination);
        return;
    }
    m_job = new DownloadJob(m_connection, m_details->id(), destination, this);
    if (m_details->isLoaded() && m_details->dataUrl().isValid())
        m_job->setDataUrl(m_details->dataUrl(), m_details->size());
    m_progress->setRange(0, 0); // busy until the size is known
    connect(m_job, &DownloadJob::progress, this, [this](qint64 received, qint64 total) {
        if (total > 0) {
            // Per mille keeps the range inside int for any artifact size.
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(qBound(qint64(0), received * 1000 / total, qint64(1000))));
        }
        m_status->setText(total > 0 ? tr("%1 of %2")
                                          .arg(QLocale().formattedDataSize(received),
                                               QLocale().formattedDataSize(total))
                                    : QLocale().formattedDataSize(received));
    });
    connect(m_job, &DownloadJob::retrying, this, [this](int attempt, int) {
        m_status->setText(tr("Connection trouble, retrying (%1)…").arg(attempt));
    });
    connect(m_job, &DownloadJob::finished, this, &ArtifactDownloadBar::onJobFinished);
    m_status->setText(tr("Starting download…"));
    updateState();
    m_job->start();
}

void ArtifactDownloadBar::cancel()
{
    if (m_job)
        m_job->cancel();
}

void ArtifactDownloadBar::onJobFinished()
{
    DownloadJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    const QString destination = job->destination();
    switch (job->state()) {
    case TransferState::Done:
        m_status->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(destination)));
        Q_EMIT downloadFinished(destination);
        break;
    case TransferState::Cancelled:
        m_status->setText(tr("Download cancelled."));
        Q_EMIT downloadFailed(m_status->text());
        break;
    default:
        m_status->setText(job->errorMessage().isEmpty() ? tr("The download failed.")
                                                        : job->errorMessage());
        Q_EMIT downloadFailed(job->errorMessage());
        break;
    }
    updateState();
}

} // namespace ivcap::ui
