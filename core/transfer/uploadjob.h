#pragma once

#include "api/apierror.h"
#include "transferretry.h"
#include "transferstate.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QIODevice;

namespace ivcap {

class Connection;
namespace net {
class CurlRequest;
}

struct UploadOptions
{
    QString name;        // empty: the file name
    QString contentType; // empty: guessed with QMimeDatabase
    QString collection;  // X-Collection, raw URN
    QString policy;      // X-Policy, raw URN
    qint64 chunkSize = 10000000;
    int maxRetries = 5;
    int retryDelayMs = 1000; // first backoff; doubles on each retry
    int maxRetryDelayMs = 30000;
};

// One file uploaded as an IVCAP artifact (PROTOCOL.md §7.1, §7.2): POST the record, then TUS
// PATCHes streamed from the file, then GET the record until it reads `ready` with our size.
// Every request is a net::CurlRequest made by Connection::newRequest (libcurl), one at a time;
// deleting the job cancels the one in flight. Each PATCH part is read from the file as libcurl
// sends it (never the whole part in memory). Progress is only what the server confirmed through
// Upload-Offset (of a PATCH answer or the offset HEAD), never bytes merely sent. A sequential
// source of unknown length (a pipe, a process) goes up with TUS deferred length, one buffered chunk
// at a time, and announces its length on the PATCH that carries its last bytes.
class UploadJob : public QObject
{
    Q_OBJECT
public:
    UploadJob(Connection *connection, const QString &filePath, const UploadOptions &options,
              QObject *parent = nullptr);
    // Reads `source` as it delivers data (readyRead) until it ends (readChannelFinished). The
    // source must stay alive until the job finishes; `options.name` should be set.
    UploadJob(Connection *connection, QIODevice *source, const UploadOptions &options,
              QObject *parent = nullptr);

    // Resume an artifact created earlier (by a previous run): no second POST is sent.
    void setResumeTarget(const QString &artifactId, const QUrl &dataUrl);
    // The size and mtime the source had when queued; a later change fails the upload.
    void setSourceSnapshot(qint64 size, const QDateTime &modified);

    // Checks the source first (it exists, is a regular file of the size it was queued with,
    // and opens for reading) and fails with a message naming the problem before anything is
    // created on the server. Also resumes a failed upload whose artifact exists (canRetry()).
    void start();
    void pause();
    void resume();
    void cancel();

    TransferState::State state() const { return m_state; }
    // Failed after its artifact was created (e.g. the file became unreadable): start() can
    // go on into the same artifact once the cause is fixed.
    bool canRetry() const;
    QString filePath() const { return m_path; }
    const UploadOptions &options() const { return m_options; }
    // -1 while a streamed source has not ended.
    qint64 totalBytes() const { return m_size; }
    bool isStreamed() const { return m_source != nullptr; }
    QDateTime sourceModified() const { return m_modified; }
    qint64 confirmedBytes() const { return m_offset; }
    QString artifactId() const { return m_artifactId; }
    QUrl dataUrl() const { return m_dataUrl; }
    // The create POST is on its way: its answer names the artifact, even while paused.
    bool awaitsCreation() const { return m_creating; }
    int retriesUsed() const { return m_retry->retriesUsed(); }
    ApiError error() const { return m_error; }
    QString errorMessage() const { return m_errorMessage; }

    // For tests: pretend our offset is another value, as after a lost response.
    void setOffsetForTesting(qint64 offset) { m_offset = offset; }

Q_SIGNALS:
    void stateChanged(ivcap::TransferState::State state);
    void progress(qint64 confirmed, qint64 total);
    // The artifact id and data URL are known (persist them to resume later).
    void created(const QString &artifactId, const QUrl &dataUrl);
    void retrying(int attempt, int delayMs);
    void finished();

private:
    void setState(TransferState::State state);
    void fail(const QString &message, const ApiError &error = {});
    bool sourceUnchanged();
    // The local checks of start(); fails the job and returns false when one does not pass.
    bool sourceReadable();
    // " The artifact ... is kept" for messages of failures after the create request.
    QString keptArtifactNote() const;
    void createArtifact();
    // HEAD of the data URL for the server's offset; `url` is where a redirect of it pointed
    // (same-origin redirects are followed as RedirectPolicy allows; PATCH and POST never are).
    void queryOffset(const QUrl &url = {});
    void sendChunk();
    void verify();
    void onCreated(net::CurlRequest *curl);
    void onOffset(net::CurlRequest *curl);
    // A PATCH to the data URL with the TUS headers of a part starting at `offset`; its body is
    // the caller's to set.
    net::CurlRequest *newPatch(qint64 offset);
    void onPatched(net::CurlRequest *curl);
    void onVerified(net::CurlRequest *curl);
    // A transient failure: ask the server for its offset after a backoff, or give up.
    void retryOrFail(const ApiError &error);
    bool renewTokenThenResume(const ApiError &error);
    void abortReply();
    // Streamed sources: read until a chunk is full or the source ended, then send it.
    void fillChunk();
    void sendBuffered();
    bool createInFlight() const;
    // Starts `curl` (to `url`) as the job's one request in flight; `handler` gets its outcome
    // unless abortReply() comes first.
    void track(net::CurlRequest *curl, const QUrl &url,
               void (UploadJob::*handler)(net::CurlRequest *));

    Connection *m_connection;
    QString m_path;
    UploadOptions m_options;
    qint64 m_size = -1;
    QDateTime m_modified;
    qint64 m_offset = 0;
    QString m_artifactId;
    QUrl m_dataUrl;
    int m_offsetHops = 0; // redirects the offset HEAD followed
    TransferState::State m_state = TransferState::Queued;
    QPointer<net::CurlRequest> m_request; // the one in flight, a child of the job
    QUrl m_requestUrl;                    // where it goes
    QString m_readError; // why the file part of the PATCH in flight could not be read
    TransferRetry *m_retry;
    int m_verifyPolls = 0;
    QIODevice *m_source = nullptr;
    QByteArray m_chunk; // streamed sources: bytes from m_chunkStart not yet confirmed
    qint64 m_chunkStart = 0;
    bool m_sourceEnded = false;
    bool m_creating = false;
    bool m_lengthSent = false;     // the server has been told the final length
    bool m_awaitingSource = false; // a chunk waits for more data (not for a retry timer)
    ApiError m_error;
    QString m_errorMessage;
};

} // namespace ivcap
