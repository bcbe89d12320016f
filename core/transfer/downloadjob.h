#pragma once

#include "api/apierror.h"
#include "transferretry.h"
#include "transferstate.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QNetworkReply;
class QSaveFile;

namespace ivcap {

class Connection;

// One artifact downloaded to a file (PROTOCOL.md §7.3): the body is streamed into a QSaveFile
// that is committed only when complete, so a failed download never leaves a truncated file.
// After an interruption (or a pause) it asks for the rest with an HTTP Range request and
// appends to the bytes already written; a server without Range support sends it all again.
class DownloadJob : public QObject
{
    Q_OBJECT
public:
    // With an artifact id the record is read first for data.self and the size.
    DownloadJob(Connection *connection, const QString &artifactId, const QString &destination,
                QObject *parent = nullptr);
    ~DownloadJob() override;

    // Skip the record look-up: download this URL and expect this many bytes (-1: unknown).
    void setDataUrl(const QUrl &url, qint64 expectedSize);
    void setMaxRetries(int retries);
    void setRetryDelayMs(int ms);

    void start();
    void pause();
    void resume();
    void cancel();

    TransferState::State state() const { return m_state; }
    QString artifactId() const { return m_artifactId; }
    QString destination() const { return m_destination; }
    qint64 receivedBytes() const { return m_received; }
    qint64 totalBytes() const { return m_expected; }
    // Body bytes that came over the network in all attempts; equals the size when every
    // retry resumed where the last one stopped.
    qint64 fetchedBytes() const { return m_fetched; }
    int retriesUsed() const { return m_retry->retriesUsed(); }
    QString errorMessage() const { return m_errorMessage; }

Q_SIGNALS:
    void stateChanged(ivcap::TransferState::State state);
    void progress(qint64 received, qint64 total);
    void retrying(int attempt, int delayMs);
    void finished();

private:
    void setState(TransferState::State state);
    void fail(const QString &message);
    void fetchRecord();
    void onRecord();
    void fetchData();
    // Decides, from the first answer of a request, whether its body continues what is saved.
    bool acceptBody();
    void onReadyRead();
    void onDataFinished();
    void commit();
    void retryOrFail(const ApiError &error);
    bool renewTokenThenResume(const ApiError &error);
    void abortReply();
    void discardFile();

    Connection *m_connection;
    QString m_artifactId;
    QString m_destination;
    QUrl m_dataUrl;
    qint64 m_expected = -1;
    qint64 m_received = 0;
    qint64 m_fetched = 0;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<QNetworkReply> m_reply;
    bool m_bodyAccepted = false;
    TransferState::State m_state = TransferState::Queued;
    TransferRetry *m_retry;
    QString m_errorMessage;
};

} // namespace ivcap
