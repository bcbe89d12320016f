#pragma once

#include "api/apierror.h"
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
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    void setRetryDelayMs(int ms) { m_retryDelayMs = ms; }

    void start();
    void cancel();

    TransferState::State state() const { return m_state; }
    QString artifactId() const { return m_artifactId; }
    QString destination() const { return m_destination; }
    qint64 receivedBytes() const { return m_received; }
    qint64 totalBytes() const { return m_expected; }
    int retriesUsed() const { return m_retriesUsed; }
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
    void onReadyRead();
    void onDataFinished();
    void retryOrFail(const ApiError &error);
    void abortReply();

    Connection *m_connection;
    QString m_artifactId;
    QString m_destination;
    QUrl m_dataUrl;
    qint64 m_expected = -1;
    qint64 m_received = 0;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<QNetworkReply> m_reply;
    TransferState::State m_state = TransferState::Queued;
    int m_maxRetries = 5;
    int m_retryDelayMs = 1000;
    int m_attempt = 0;
    int m_retriesUsed = 0;
    quint64 m_generation = 0;
    QString m_errorMessage;
};

} // namespace ivcap
