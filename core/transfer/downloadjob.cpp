#include "downloadjob.h"

#include "api/connection.h"
#include "api/dialect.h"
#include "api/redirectpolicy.h"
#include "tusheaders.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>

namespace ivcap {

namespace {
// Without a limit Qt reads the socket as fast as it can and buffers what we did not write yet:
// hundreds of MB for a large artifact.
constexpr qint64 kReadBuffer = 4 << 20;

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
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void DownloadJob::discardFile()
{
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
    m_received = 0;
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
    m_reply = m_connection->network()->get(m_connection->request(url));
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onRecord);
}

bool DownloadJob::handleRedirect(QNetworkReply *reply,
                                 const std::function<void(const QUrl &)> &resend)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const RedirectPolicy::Decision redirect = RedirectPolicy::decide(
        *m_connection, "GET", status, reply->url(), reply->rawHeader("Location"), m_hops);
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
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (handleRedirect(reply, [this](const QUrl &url) { requestRecord(url); }))
        return;
    const QByteArray body = reply->readAll();
    const ApiError err = ApiError::fromReply(reply, body);
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
    QNetworkRequest req = m_connection->request(url);
    req.setRawHeader("Accept", "*/*");
    if (m_received > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(m_received) + '-');
    m_bodyAccepted = false;
    m_reply = m_connection->network()->get(req);
    m_reply->setReadBufferSize(kReadBuffer);
    connect(m_reply, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onDataFinished);
}

bool DownloadJob::acceptBody()
{
    if (m_bodyAccepted)
        return true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 206) {
        const auto [first, total] = tus::contentRange(m_reply->rawHeader("Content-Range"));
        if (first != m_received || (m_expected >= 0 && total >= 0 && total != m_expected)) {
            // Not the continuation of what we have: start the file again.
            discardFile();
            return false;
        }
    } else if (status == 200 && m_received > 0) {
        // The server ignored the Range: the body is the whole artifact, from its first byte.
        discardFile();
        m_file = std::make_unique<QSaveFile>(m_destination);
        if (!m_file->open(QIODevice::WriteOnly)) {
            fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
            return false;
        }
    } else if (status < 200 || status >= 300) {
        return false; // the error body is read in onDataFinished
    }
    m_bodyAccepted = true;
    return true;
}

void DownloadJob::onReadyRead()
{
    if (!m_reply || !m_file || !acceptBody())
        return;
    const QByteArray chunk = m_reply->readAll();
    if (m_file->write(chunk) != chunk.size()) {
        fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
        return;
    }
    m_received += chunk.size();
    m_fetched += chunk.size();
    if (!chunk.isEmpty())
        m_retry->reset(); // progress: a later failure backs off from the start again
    Q_EMIT progress(m_received, m_expected);
}

void DownloadJob::onDataFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (handleRedirect(reply, [this](const QUrl &url) { requestData(url); }))
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300) {
        // Keep whatever arrived before a broken connection: the retry continues from it.
        m_reply = reply;
        onReadyRead();
        m_reply = nullptr;
        if (m_state == TransferState::Failed)
            return;
    }
    ApiError err = ApiError::fromReply(reply, status >= 300 ? reply->readAll() : QByteArray());
    if (status >= 200 && status < 300 && err.isError()) {
        // The headers came, then the connection broke: a network failure, worth a retry.
        err.kind = ApiError::Kind::Network;
        err.message = tr("Network error: %1").arg(reply->errorString());
    }
    if (status == 206 && !m_bodyAccepted) {
        retryOrFail(ApiError::malformed(m_dataUrl, QStringLiteral("Content-Range")));
        return;
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
