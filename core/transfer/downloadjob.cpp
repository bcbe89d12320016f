#include "downloadjob.h"

#include "api/connection.h"
#include "api/dialect.h"
#include "api/redirectpolicy.h"
#include "net/curlrequest.h"
#include "tusheaders.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <limits>

namespace ivcap {

namespace {
// Of an answer that is not the content (an error page), only this much is kept for its message.
constexpr qsizetype kMaxErrorBody = 64 * 1024;
// Body bytes gathered before one write to the file: libcurl hands the body out 16 KiB at a
// time, and a write per piece would cost sixteen system calls where one does.
constexpr qsizetype kWriteBytes = 256 * 1024;

} // namespace

DownloadJob::DownloadJob(Connection *connection, const QString &artifactId,
                         const QString &destination, QObject *parent)
    : QObject(parent), m_connection(connection), m_artifactId(artifactId),
      m_destination(destination), m_retry(new TransferRetry(this))
{}

DownloadJob::~DownloadJob()
{
    abortReply();
    discardFile();
}

void DownloadJob::setDataUrl(const QUrl &url, qint64 expectedSize)
{
    m_dataUrl = url;
    m_expected = expectedSize;
}

void DownloadJob::setMaxRetries(int retries)
{
    m_retry->setLimits(retries, m_retry->firstDelayMs(), 30000);
}

void DownloadJob::setRetryDelayMs(int ms)
{
    m_retry->setLimits(m_retry->maxRetries(), ms, 30000);
}

void DownloadJob::setState(TransferState::State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
    if (TransferState::isFinal(state))
        Q_EMIT finished();
}

void DownloadJob::fail(const QString &message)
{
    abortReply();
    discardFile();
    m_errorMessage = message;
    setState(TransferState::Failed);
}

void DownloadJob::abortReply()
{
    m_retry->cancelPending();
    // Destroying a CurlRequest closes its transfer at once, also from inside its signals.
    delete m_curl.data();
}

net::CurlRequest *DownloadJob::takeRequest()
{
    net::CurlRequest *curl = m_curl;
    m_curl = nullptr;
    disconnect(curl, nullptr, this, nullptr);
    curl->deleteLater();
    return curl;
}

void DownloadJob::discardFile()
{
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
    m_unwritten.clear();
    m_received = 0;
}

bool DownloadJob::writeGathered()
{
    if (m_unwritten.isEmpty())
        return true;
    if (m_file->write(m_unwritten) != m_unwritten.size() || !m_writeback.wrote(*m_file)) {
        fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
        return false;
    }
    m_unwritten.resize(0); // keeps the capacity for the next bytes
    return true;
}

void DownloadJob::start()
{
    if (m_state != TransferState::Queued && m_state != TransferState::Paused)
        return;
    m_retry->reset();
    setState(TransferState::Creating);
    if (m_dataUrl.isValid())
        fetchData();
    else
        fetchRecord();
}

void DownloadJob::pause()
{
    if (TransferState::isFinal(m_state) || m_state == TransferState::Paused)
        return;
    abortReply(); // what is saved stays open; resume() asks for the rest
    setState(TransferState::Paused);
}

void DownloadJob::resume()
{
    if (m_state == TransferState::Paused)
        start();
}

void DownloadJob::cancel()
{
    if (TransferState::isFinal(m_state))
        return;
    abortReply();
    discardFile();
    setState(TransferState::Cancelled);
}

void DownloadJob::fetchRecord()
{
    m_hops = 0;
    requestRecord(
        m_connection->apiUrl(Connection::idPath(QStringLiteral("artifacts"), m_artifactId)));
}

void DownloadJob::requestRecord(const QUrl &url)
{
    m_requestUrl = url;
    net::CurlRequest *curl = m_connection->newRequest("GET", url, this);
    m_curl = curl;
    connect(curl, &net::CurlRequest::finished, this, &DownloadJob::onRecord);
    curl->start();
}

bool DownloadJob::handleRedirect(const net::CurlRequest &curl,
                                 const std::function<void(const QUrl &)> &resend)
{
    if (curl.errorKind() != ApiError::Kind::None)
        return false;
    const RedirectPolicy::Decision redirect = RedirectPolicy::decide(
        *m_connection, "GET", curl.status(), m_requestUrl, curl.header("location"), m_hops);
    if (redirect.follow) {
        ++m_hops;
        resend(redirect.target);
        return true;
    }
    if (redirect.refusal.isEmpty())
        return false;
    fail(tr("The download failed: %1").arg(redirect.refusal));
    return true;
}

void DownloadJob::onRecord()
{
    net::CurlRequest *curl = takeRequest();
    if (handleRedirect(*curl, [this](const QUrl &url) { requestRecord(url); }))
        return;
    const QByteArray body = curl->readAll();
    const ApiError err = ApiError::fromCurl(*curl, m_requestUrl, body);
    if (renewTokenThenResume(err))
        return;
    if (err.isError()) {
        if (err.isTransient())
            retryOrFail(err);
        else
            fail(tr("Could not read the artifact: %1").arg(err.message));
        return;
    }
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    const QString self = Dialect::dataUrl(obj); // `data-href`, or v0.28's `data.self`
    if (self.isEmpty()) {
        fail(tr("The artifact has no data URL."));
        return;
    }
    const QString status = obj.value(QStringLiteral("status")).toString();
    if (!status.isEmpty() && status != QLatin1String("ready")) {
        // A pending or partial artifact has no complete content yet; saving what is there
        // would leave a truncated file that looks finished.
        fail(tr("The artifact is not ready to download (its status is %1).").arg(status));
        return;
    }
    m_dataUrl = m_connection->rebase(QUrl(self));
    m_expected = obj.value(QStringLiteral("size")).toInteger(-1);
    fetchData();
}

void DownloadJob::fetchData()
{
    setState(TransferState::Uploading); // "transferring"; the model shows it per direction
    if (!m_file) {
        m_file = std::make_unique<QSaveFile>(m_destination);
        m_received = 0;
        if (!m_file->open(QIODevice::WriteOnly)) {
            fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
            return;
        }
    }
    Q_EMIT progress(m_received, m_expected);
    if (m_expected > 0 && m_received == m_expected) {
        commit(); // paused after the last byte: there is no rest to ask for
        return;
    }
    m_hops = 0;
    requestData(m_dataUrl);
}

void DownloadJob::requestData(const QUrl &url)
{
    m_requestUrl = url;
    net::CurlRequest *curl = m_connection->newRequest("GET", url, this);
    curl->replaceHeader("Accept", "*/*");
    // The bytes as the server holds them: a coding applied on the way (an ingress's gzip)
    // would make the saved length and a Range offset count different bytes.
    curl->replaceHeader("Accept-Encoding", "identity");
    curl->setDecodeContent(false);
    // Written to the file as it comes, so no cap applies; the length is checked at the end.
    curl->setMaxBodyBytes(std::numeric_limits<qint64>::max());
    // Read from the connection 256 KiB at a time rather than libcurl's 16 KiB: on a fast link
    // the reads and event-loop turns per byte decide whether the app keeps up with curl.
    curl->setReceiveBufferBytes(256 * 1024);
    if (m_received > 0)
        curl->setHeader("Range", "bytes=" + QByteArray::number(m_received) + '-');
    m_bodyAccepted = false;
    m_errorBody.clear();
    m_curl = curl;
    connect(curl, &net::CurlRequest::headersReceived, this,
            [this](int status) { onDataHeaders(status); });
    connect(curl, &net::CurlRequest::readyRead, this, &DownloadJob::onReadyRead);
    connect(curl, &net::CurlRequest::finished, this, &DownloadJob::onDataFinished);
    curl->start();
}

void DownloadJob::onDataHeaders(int status)
{
    if (status == 206) {
        const auto [first, total] = tus::contentRange(m_curl->header("content-range"));
        if (first != m_received || (m_expected >= 0 && total >= 0 && total != m_expected)) {
            // Not the continuation of what we have: start the file again.
            delete m_curl.data();
            discardFile();
            retryOrFail(ApiError::malformed(m_requestUrl, QStringLiteral("Content-Range")));
            return;
        }
    } else if (status == 200 && m_received > 0) {
        // The server ignored the Range: the body is the whole artifact, from its first byte.
        discardFile();
        m_file = std::make_unique<QSaveFile>(m_destination);
        if (!m_file->open(QIODevice::WriteOnly)) {
            fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
            return;
        }
    } else if (status < 200 || status >= 300) {
        return; // a redirect or an error: its body is read in onDataFinished
    }
    m_bodyAccepted = true;
}

void DownloadJob::onReadyRead()
{
    if (!m_curl)
        return;
    const QByteArray chunk = m_curl->readAll();
    if (!m_bodyAccepted) {
        m_errorBody += chunk.left(kMaxErrorBody - m_errorBody.size());
        return;
    }
    if (!m_file)
        return;
    m_unwritten += chunk;
    if (m_unwritten.size() >= kWriteBytes && !writeGathered())
        return;
    m_received += chunk.size();
    m_fetched += chunk.size();
    if (!chunk.isEmpty())
        m_retry->reset(); // progress: a later failure backs off from the start again
    Q_EMIT progress(m_received, m_expected);
}

void DownloadJob::onDataFinished()
{
    const QPointer<DownloadJob> self(this);
    if (m_curl)
        onReadyRead(); // whatever is still buffered
    if (!self || !m_curl)
        return; // gone, paused or failed while writing
    net::CurlRequest *curl = takeRequest();
    if (handleRedirect(*curl, [this](const QUrl &url) { requestData(url); }))
        return;
    const int status = curl->status();
    ApiError err =
        ApiError::fromCurl(*curl, m_requestUrl, m_bodyAccepted ? QByteArray() : m_errorBody);
    m_errorBody.clear();
    if (m_bodyAccepted && err.isError() && err.kind != ApiError::Kind::Timeout) {
        // The headers came, then the connection broke: a network failure, worth a retry.
        // What arrived before is kept: the retry continues from it.
        err.kind = ApiError::Kind::Network;
        err.message = tr("Network error: %1").arg(curl->errorString());
    }
    if (status == 416) {
        // Our range lies beyond the artifact: what we have is not a prefix of it.
        discardFile();
        retryOrFail(err);
        return;
    }
    if (renewTokenThenResume(err))
        return;
    if (err.isError()) {
        if (err.isTransient() || err.httpStatus >= 500) {
            retryOrFail(err);
        } else if (err.httpStatus == 409) {
            fail(tr("The artifact is not ready to download: %1").arg(err.message));
        } else {
            fail(tr("The download failed: %1").arg(err.message));
        }
        return;
    }
    if (!m_file)
        return;
    if (m_expected >= 0 && m_received != m_expected) {
        // A short body is a broken transfer, not a finished one: never commit it. A longer
        // one cannot be continued.
        if (m_received > m_expected)
            discardFile();
        retryOrFail(ApiError::malformed(m_dataUrl, QStringLiteral("body length")));
        return;
    }
    commit();
}

void DownloadJob::commit()
{
    if (!writeGathered())
        return;
    if (!m_file->commit()) {
        const QString why = m_file->errorString();
        m_file.reset();
        fail(tr("Could not save %1: %2").arg(m_destination, why));
        return;
    }
    m_file.reset();
    setState(TransferState::Done);
}

bool DownloadJob::renewTokenThenResume(const ApiError &error)
{
    return m_retry->renewToken(m_connection, error, [this, error](bool renewed) {
        if (!renewed)
            fail(tr("The download stopped: %1").arg(error.message));
        else if (!TransferState::isFinal(m_state) && m_state != TransferState::Paused)
            m_dataUrl.isValid() ? fetchData() : fetchRecord();
    });
}

void DownloadJob::retryOrFail(const ApiError &error)
{
    const int attempt = m_retry->attempt();
    const int delay = m_retry->schedule([this] {
        if (TransferState::isFinal(m_state) || m_state == TransferState::Paused)
            return;
        if (m_dataUrl.isValid())
            fetchData();
        else
            fetchRecord();
    });
    if (delay < 0) {
        fail(tr("The download failed after %n retries: %1", nullptr, attempt).arg(error.message));
        return;
    }
    Q_EMIT retrying(m_retry->attempt(), delay);
}

} // namespace ivcap
