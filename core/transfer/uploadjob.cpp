#include "uploadjob.h"

#include "api/connection.h"
#include "filewindow.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ivcap {

namespace {
constexpr int kMaxVerifyPolls = 10;

// Upload-Offset of a TUS reply, or -1 when it is missing or not a number.
qint64 uploadOffsetOf(QNetworkReply *reply)
{
    if (!reply->hasRawHeader("Upload-Offset"))
        return -1;
    bool ok = false;
    const qint64 value = reply->rawHeader("Upload-Offset").trimmed().toLongLong(&ok);
    return ok && value >= 0 ? value : -1;
}
} // namespace

UploadJob::UploadJob(Connection *connection, const QString &filePath, const UploadOptions &options,
                     QObject *parent)
    : QObject(parent), m_connection(connection), m_path(filePath), m_options(options)
{
    const QFileInfo info(filePath);
    m_size = info.exists() ? info.size() : -1;
    m_modified = info.lastModified();
    if (m_options.name.isEmpty())
        m_options.name = info.fileName();
    if (m_options.contentType.isEmpty())
        m_options.contentType = QMimeDatabase().mimeTypeForFile(info).name();
    if (m_options.chunkSize <= 0)
        m_options.chunkSize = 10000000;
}

void UploadJob::setResumeTarget(const QString &artifactId, const QUrl &dataUrl)
{
    m_artifactId = artifactId;
    m_dataUrl = dataUrl;
}

void UploadJob::setSourceSnapshot(qint64 size, const QDateTime &modified)
{
    m_size = size;
    m_modified = modified;
}

void UploadJob::setState(TransferState::State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
    if (TransferState::isFinal(state))
        Q_EMIT finished();
}

void UploadJob::fail(const QString &message, const ApiError &error)
{
    abortReply();
    m_error = error;
    m_errorMessage = message;
    setState(TransferState::Failed);
}

bool UploadJob::sourceUnchanged()
{
    QFileInfo info(m_path);
    info.refresh();
    if (!info.exists()) {
        fail(tr("The source file %1 no longer exists.").arg(m_path));
        return false;
    }
    if (info.size() != m_size || info.lastModified() != m_modified) {
        fail(tr("The source file %1 changed after it was queued; upload it again.").arg(m_path));
        return false;
    }
    return true;
}

void UploadJob::start()
{
    if (m_state != TransferState::Queued && m_state != TransferState::Paused)
        return;
    if (m_size < 0) {
        fail(tr("The source file %1 cannot be read.").arg(m_path));
        return;
    }
    if (!sourceUnchanged())
        return;
    m_attempt = 0;
    if (m_artifactId.isEmpty() || !m_dataUrl.isValid()) {
        setState(TransferState::Creating);
        createArtifact();
    } else {
        // A known artifact: the server's offset says where to go on; never POST again.
        setState(TransferState::Uploading);
        queryOffset();
    }
}

void UploadJob::pause()
{
    if (TransferState::isFinal(m_state) || m_state == TransferState::Paused)
        return;
    abortReply();
    setState(TransferState::Paused);
}

void UploadJob::resume()
{
    if (m_state == TransferState::Paused)
        start();
}

void UploadJob::cancel()
{
    if (TransferState::isFinal(m_state))
        return;
    abortReply();
    setState(TransferState::Cancelled);
}

void UploadJob::abortReply()
{
    ++m_generation;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QNetworkReply *UploadJob::track(QNetworkReply *reply, void (UploadJob::*handler)(QNetworkReply *))
{
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, handler] {
        reply->deleteLater();
        if (m_reply != reply)
            return;
        m_reply = nullptr;
        (this->*handler)(reply);
    });
    return reply;
}

void UploadJob::createArtifact()
{
    QNetworkRequest req =
        m_connection->request(m_connection->apiUrl(QStringLiteral("/1/artifacts")));
    req.setRawHeader("X-Name", m_options.name.toUtf8().toBase64());
    req.setRawHeader("X-Content-Type", m_options.contentType.toUtf8());
    req.setRawHeader("X-Content-Length", QByteArray::number(m_size));
    if (!m_options.collection.isEmpty())
        req.setRawHeader("X-Collection", m_options.collection.toUtf8());
    if (!m_options.policy.isEmpty())
        req.setRawHeader("X-Policy", m_options.policy.toUtf8());
    req.setRawHeader("Tus-Resumable", "1.0.0");
    req.setHeader(QNetworkRequest::ContentLengthHeader, 0);
    track(m_connection->network()->post(req, QByteArray()), &UploadJob::onCreated);
}

void UploadJob::onCreated(QNetworkReply *reply)
{
    const QByteArray body = reply->readAll();
    const ApiError err = ApiError::fromReply(reply, body);
    if (err.isError()) {
        // The POST is not idempotent: a retry could leave a second artifact behind.
        fail(tr("Could not create the artifact: %1").arg(err.message), err);
        return;
    }
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    const QString id = obj.value(QStringLiteral("id")).toString();
    const QString self =
        obj.value(QStringLiteral("data")).toObject().value(QStringLiteral("self")).toString();
    if (id.isEmpty() || self.isEmpty()) {
        const ApiError bad = ApiError::malformed(reply->url(), QStringLiteral("id or data.self"));
        fail(tr("The server's answer to the upload request lacks id or data.self."), bad);
        return;
    }
    m_artifactId = id;
    m_dataUrl = m_connection->rebase(QUrl(self));
    const qint64 offset = uploadOffsetOf(reply);
    m_offset = offset > 0 && offset <= m_size ? offset : 0;
    Q_EMIT created(m_artifactId, m_dataUrl);
    if (m_state != TransferState::Creating)
        return;
    setState(TransferState::Uploading);
    if (m_state == TransferState::Uploading)
        sendChunk();
}

void UploadJob::queryOffset()
{
    QNetworkRequest req = m_connection->request(m_dataUrl);
    req.setRawHeader("Tus-Resumable", "1.0.0");
    track(m_connection->network()->head(req), &UploadJob::onOffset);
}

void UploadJob::onOffset(QNetworkReply *reply)
{
    const ApiError err = ApiError::fromReply(reply, QByteArray());
    if (err.isError()) {
        if (err.isTransient() || err.httpStatus >= 500)
            retryOrFail(err);
        else
            fail(tr("Could not resume the upload: %1").arg(err.message), err);
        return;
    }
    const qint64 offset = uploadOffsetOf(reply);
    if (offset < 0 || offset > m_size) {
        fail(tr("The server reported an invalid upload offset."),
             ApiError::malformed(reply->url(), QStringLiteral("Upload-Offset")));
        return;
    }
    m_offset = offset;
    Q_EMIT progress(m_offset, m_size);
    if (m_state == TransferState::Uploading)
        sendChunk();
}

void UploadJob::sendChunk()
{
    if (m_offset >= m_size) {
        verify();
        return;
    }
    if (!sourceUnchanged())
        return;
    const qint64 length = qMin(m_options.chunkSize, m_size - m_offset);
    auto *window = new FileWindow(m_path, m_offset, length);
    if (!window->open(QIODevice::ReadOnly)) {
        const QString why = window->errorString();
        delete window;
        fail(tr("Could not read %1: %2").arg(m_path, why), ApiError::local(why));
        return;
    }
    QNetworkRequest req = m_connection->request(m_dataUrl);
    req.setRawHeader("Tus-Resumable", "1.0.0");
    req.setRawHeader("Upload-Offset", QByteArray::number(m_offset));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/offset+octet-stream");
    req.setHeader(QNetworkRequest::ContentLengthHeader, length);
    QNetworkReply *reply = m_connection->network()->sendCustomRequest(req, "PATCH", window);
    window->setParent(reply);
    track(reply, &UploadJob::onPatched);
}

void UploadJob::onPatched(QNetworkReply *reply)
{
    const ApiError err = ApiError::fromReply(reply, reply->readAll());
    if (err.isError()) {
        // 409: our offset is not the server's (a lost answer); HEAD tells where to go on.
        if (err.isTransient() || err.httpStatus >= 500 || err.httpStatus == 409)
            retryOrFail(err);
        else
            fail(tr("The upload was rejected: %1").arg(err.message), err);
        return;
    }
    const qint64 offset = uploadOffsetOf(reply);
    if (offset <= m_offset || offset > m_size) {
        // Without a confirmed offset we cannot count the bytes; ask the server.
        retryOrFail(ApiError::malformed(reply->url(), QStringLiteral("Upload-Offset")));
        return;
    }
    m_offset = offset;
    m_attempt = 0;
    Q_EMIT progress(m_offset, m_size);
    if (m_state == TransferState::Uploading) // a receiver may have paused or cancelled us
        sendChunk();
}

void UploadJob::retryOrFail(const ApiError &error)
{
    if (m_attempt >= m_options.maxRetries) {
        fail(tr("The upload failed after %n retries: %1", nullptr, m_attempt).arg(error.message),
             error);
        return;
    }
    const qint64 delay = qMin<qint64>(qint64(m_options.retryDelayMs) << qMin(m_attempt, 20),
                                      m_options.maxRetryDelayMs);
    ++m_attempt;
    ++m_retriesUsed;
    Q_EMIT retrying(m_attempt, int(delay));
    const quint64 generation = m_generation;
    QTimer::singleShot(int(delay), this, [this, generation] {
        if (generation == m_generation && m_state == TransferState::Uploading)
            queryOffset();
    });
}

void UploadJob::verify()
{
    setState(TransferState::Verifying);
    const QUrl url =
        m_connection->apiUrl(Connection::idPath(QStringLiteral("artifacts"), m_artifactId));
    track(m_connection->network()->get(m_connection->request(url)), &UploadJob::onVerified);
}

void UploadJob::onVerified(QNetworkReply *reply)
{
    const QByteArray body = reply->readAll();
    const ApiError err = ApiError::fromReply(reply, body);
    if (err.isError()) {
        fail(tr("Could not check the uploaded artifact: %1").arg(err.message), err);
        return;
    }
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    const QString status = obj.value(QStringLiteral("status")).toString();
    const qint64 size = obj.value(QStringLiteral("size")).toInteger(-1);
    if (status == QLatin1String("ready")) {
        if (size != m_size) {
            fail(tr("The server stored %1 bytes instead of %2.").arg(size).arg(m_size));
            return;
        }
        setState(TransferState::Done);
        return;
    }
    if (status == QLatin1String("error") || ++m_verifyPolls > kMaxVerifyPolls) {
        fail(tr("The artifact did not become ready (status \"%1\").").arg(status));
        return;
    }
    // The server may finalise asynchronously; look again shortly.
    const quint64 generation = m_generation;
    QTimer::singleShot(500, this, [this, generation] {
        if (generation == m_generation && m_state == TransferState::Verifying)
            verify();
    });
}

} // namespace ivcap
