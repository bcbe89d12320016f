#pragma once

#include "api/apierror.h"
#include "transferretry.h"
#include "transferstate.h"
#include "writeback.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QSaveFile;

namespace ivcap {

namespace net {
class CurlRequest;
}
class Connection;

// One artifact downloaded to a file (PROTOCOL.md §7.3): the body is streamed into a QSaveFile
// that is committed only when complete, so a failed download never leaves a truncated file.
// Its GETs go over libcurl (net::CurlRequest from Connection::newRequest, no body cap); each
// 256 KiB of the body is written as it arrives, so memory does not grow with the artifact, and
// its way to disk is started every 8 MiB (Writeback), so the commit's flush waits for little. The
// content is asked for with `Accept-Encoding: identity` and never decoded: the file gets the
// bytes the server holds, and a resumed transfer's offset counts the same bytes.
// After an interruption (or a pause) it asks for the rest with an HTTP Range request (RFC 9110
// §14.2) and appends to the bytes already written; a 206 that does not continue them, or a
// server without Range support (a 200), starts the file again.
// Redirects of the record read and of the content GET are followed as RedirectPolicy allows
// (same origin, at most RedirectPolicy::kMaxHops per request, Range kept); every retry starts
// again from the data URL, since a 307 moves only that one request. A redirect that is not
// followed fails the download with a message that names its target.
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
    // One GET of the content at `url` (the data URL, or where a redirect of it pointed).
    void requestData(const QUrl &url);
    void requestRecord(const QUrl &url);
    // Follows `curl`'s redirect through `resend` when RedirectPolicy allows; true when the
    // answer was a redirect (followed, or failed with the refusal).
    bool handleRedirect(const net::CurlRequest &curl,
                        const std::function<void(const QUrl &)> &resend);
    // Takes the finished request from m_curl; it is deleted once control returns to the loop.
    net::CurlRequest *takeRequest();
    // Decides, from the status and headers of a content answer, whether its body continues
    // what is saved (or starts the file again).
    void onDataHeaders(int status);
    void onReadyRead();
    void onDataFinished();
    void commit();
    void retryOrFail(const ApiError &error);
    bool renewTokenThenResume(const ApiError &error);
    void abortReply();
    void discardFile();
    // Writes the gathered body bytes (m_unwritten) to the file; false, with the job failed,
    // when the file refuses them.
    bool writeGathered();

    Connection *m_connection;
    QString m_artifactId;
    QString m_destination;
    QUrl m_dataUrl;
    qint64 m_expected = -1;
    qint64 m_received = 0;
    qint64 m_fetched = 0;
    std::unique_ptr<QSaveFile> m_file;
    QByteArray m_unwritten; // body bytes received, counted in m_received, not yet in m_file
    Writeback m_writeback;
    QPointer<net::CurlRequest> m_curl; // the GET under way; deleting it cancels the transfer
    QUrl m_requestUrl;                 // where m_curl goes (a redirect's target)
    QByteArray m_errorBody;            // the head of an answer that is not content
    bool m_bodyAccepted = false;
    int m_hops = 0; // redirects followed by the current request
    TransferState::State m_state = TransferState::Queued;
    TransferRetry *m_retry;
    QString m_errorMessage;
};

} // namespace ivcap
