#include "uploadjob.h"

#include "api/changenotifier.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "api/redirectpolicy.h"
#include "filewindow.h"
#include "net/curlrequest.h"
#include "tusheaders.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>

namespace ivcap {

namespace {
constexpr int kMaxVerifyPolls = 10;

// Upload-Offset of a TUS answer, or -1 when it is missing or not a number.
qint64 uploadOffsetOf(const net::CurlRequest *curl)
{
    for (const auto &[name, value] : curl->headers()) {
        if (name == "upload-offset")
            return tus::uploadOffset(value);
    }
    return -1;
}
} // namespace

UploadJob::UploadJob(Connection *connection, const QString &filePath, const UploadOptions &options,
                     QObject *parent)
    : QObject(parent), m_connection(connection), m_path(filePath), m_options(options),
      m_retry(new TransferRetry(this))
{
    const QFileInfo info(filePath);
    // A pipe or device has no size to send in chunks from; it must come as a stream.
    m_size = info.isFile() ? info.size() : -1;
    m_modified = info.lastModified();
    if (m_options.name.isEmpty())
        m_options.name = info.fileName();
    if (m_options.contentType.isEmpty())
        m_options.contentType = QMimeDatabase().mimeTypeForFile(info).name();
    if (m_options.chunkSize <= 0)
        m_options.chunkSize = 10000000;
    m_retry->setLimits(m_options.maxRetries, m_options.retryDelayMs, m_options.maxRetryDelayMs);
}

UploadJob::UploadJob(Connection *connection, QIODevice *source, const UploadOptions &options,
                     QObject *parent)
    : QObject(parent), m_connection(connection), m_options(options),
      m_retry(new TransferRetry(this)), m_source(source)
{
    if (m_options.contentType.isEmpty())
        m_options.contentType = QStringLiteral("application/octet-stream");
    if (m_options.chunkSize <= 0)
        m_options.chunkSize = 10000000;
    m_retry->setLimits(m_options.maxRetries, m_options.retryDelayMs, m_options.maxRetryDelayMs);
    connect(source, &QIODevice::readyRead, this, [this] {
        if (m_awaitingSource && m_state == TransferState::Uploading)
            fillChunk();
    });
    connect(source, &QIODevice::readChannelFinished, this, [this] {
        m_sourceEnded = true;
        if (m_awaitingSource && m_state == TransferState::Uploading)
            fillChunk();
    });
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
    // Created or finished, the artifact changed (status, size): lists that show it refresh.
    if ((state == TransferState::Done || state == TransferState::Failed ||
         state == TransferState::Cancelled) &&
        !m_artifactId.isEmpty())
        ChangeNotifier::of(m_connection)->announce(QStringLiteral("artifacts"), m_artifactId);
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
    if (m_source)
        return true;
    QFileInfo info(m_path);
    info.refresh();
    if (!info.exists()) {
        fail(tr("The source file %1 no longer exists.").arg(m_path) + keptArtifactNote());
        return false;
    }
    if (info.size() != m_size || info.lastModified() != m_modified) {
        fail(tr("The source file %1 changed after it was queued; upload it again.").arg(m_path) +
             (m_artifactId.isEmpty()
                  ? QString()
                  : QLatin1Char(' ') +
                        tr("The artifact %1 created for it stays pending.").arg(m_artifactId)));
        return false;
    }
    return true;
}

bool UploadJob::canRetry() const
{
    return m_state == TransferState::Failed && !m_source && !m_artifactId.isEmpty() &&
           m_dataUrl.isValid();
}

QString UploadJob::keptArtifactNote() const
{
    if (m_artifactId.isEmpty())
        return QString();
    return QLatin1Char(' ') + tr("The artifact %1 was already created and is kept, still pending; "
                                 "resuming this upload continues it.")
                                  .arg(m_artifactId);
}

bool UploadJob::sourceReadable()
{
    if (m_source)
        return true;
    const QFileInfo info(m_path);
    QString problem;
    if (!info.exists())
        problem = tr("The source file %1 no longer exists.").arg(m_path);
    else if (info.isDir())
        problem = tr("%1 is a folder; only files can be uploaded.").arg(m_path);
    else if (!info.isFile())
        problem = tr("%1 is not a regular file (a pipe, socket or device has no size to upload "
                     "in chunks).")
                      .arg(m_path);
    else if (m_size < 0)
        problem = tr("The size of %1 is not known.").arg(m_path);
    if (problem.isEmpty()) {
        // Opening is the only sure test: permissions, ACLs, mandatory access control and
        // files that vanish all show up here, before anything exists on the server.
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            problem = tr("Could not read %1: %2").arg(m_path, file.errorString());
    }
    if (problem.isEmpty())
        return sourceUnchanged();
    fail(problem + keptArtifactNote(), ApiError::local(problem));
    return false;
}

void UploadJob::start()
{
    if (canRetry())
        m_state = TransferState::Paused; // not announced: start() moves on at once
    if (m_state != TransferState::Queued && m_state != TransferState::Paused)
        return;
    if (m_source && !m_source->isOpen()) {
        fail(tr("The source of %1 is not open for reading.").arg(m_options.name));
        return;
    }
    m_error = {};
    m_errorMessage.clear();
    // Everything that can be checked here is, before the create request: a failure after it
    // would leave a pending artifact behind.
    if (!sourceReadable())
        return;
    m_retry->reset();
    if (createInFlight()) {
        // Paused while creating: the POST was left to finish, so its artifact is not lost;
        // a second POST now would leave two.
        setState(TransferState::Creating);
        return;
    }
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
    // The server may already have made the artifact: aborting the POST would lose its id, and
    // the resume would create a second one. Let the answer come and record it.
    if (m_state != TransferState::Creating)
        abortReply();
    setState(TransferState::Paused);
}

bool UploadJob::createInFlight() const
{
    return m_request && m_artifactId.isEmpty();
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
    m_creating = false;
    m_retry->cancelPending();
    m_awaitingSource = false;
    // Deleting a CurlRequest ends its transfer at once (the connection is closed) and nothing
    // of it is reported.
    delete m_request.data();
    m_request = nullptr;
}

void UploadJob::track(net::CurlRequest *curl, const QUrl &url,
                      void (UploadJob::*handler)(net::CurlRequest *))
{
    m_request = curl;
    m_requestUrl = url;
    connect(curl, &net::CurlRequest::finished, this, [this, curl, handler] {
        curl->deleteLater();
        if (m_request != curl)
            return;
        m_request = nullptr;
        (this->*handler)(curl);
    });
    curl->start();
}

void UploadJob::createArtifact()
{
    const QUrl url = m_connection->apiUrl(QStringLiteral("/1/artifacts"));
    net::CurlRequest *curl = m_connection->newRequest("POST", url, this);
    curl->setHeader("X-Name", m_options.name.toUtf8().toBase64());
    curl->setHeader("X-Content-Type", m_options.contentType.toUtf8());
    // -1: the length comes later (TUS Upload-Defer-Length), as the CLI sends for stdin.
    curl->setHeader("X-Content-Length", QByteArray::number(m_source ? -1 : m_size));
    if (!m_options.collection.isEmpty())
        curl->setHeader("X-Collection", m_options.collection.toUtf8());
    if (!m_options.policy.isEmpty())
        curl->setHeader("X-Policy", m_options.policy.toUtf8());
    curl->setHeader("Tus-Resumable", "1.0.0");
    curl->setBody(QByteArray()); // an empty body: Content-Length: 0
    m_creating = true;
    track(curl, url, &UploadJob::onCreated);
}

void UploadJob::onCreated(net::CurlRequest *curl)
{
    m_creating = false;
    const QByteArray body = curl->readAll();
    const ApiError err = ApiError::fromCurl(*curl, m_requestUrl, body);
    if (err.isError()) {
        // The POST is not idempotent: a retry could leave a second artifact behind.
        fail(tr("Could not create the artifact: %1").arg(err.message), err);
        return;
    }
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    const QString id = obj.value(QStringLiteral("id")).toString();
    const QString self = Dialect::dataUrl(obj); // `data-href`, or v0.28's `data.self`
    if (id.isEmpty() || self.isEmpty()) {
        const ApiError bad = ApiError::malformed(m_requestUrl, QStringLiteral("id or data URL"));
        fail(tr("The server's answer to the upload request lacks id or data-href (data.self)."),
             bad);
        return;
    }
    m_artifactId = id;
    m_dataUrl = m_connection->rebase(QUrl(self));
    const qint64 offset = uploadOffsetOf(curl);
    m_offset = !m_source && offset > 0 && offset <= m_size ? offset : 0;
    ChangeNotifier::of(m_connection)->announce(QStringLiteral("artifacts"), m_artifactId);
    Q_EMIT created(m_artifactId, m_dataUrl);
    if (m_state != TransferState::Creating)
        return;
    setState(TransferState::Uploading);
    if (m_state == TransferState::Uploading)
        sendChunk();
}

void UploadJob::queryOffset(const QUrl &url)
{
    if (url.isEmpty())
        m_offsetHops = 0;
    const QUrl target = url.isEmpty() ? m_dataUrl : url;
    net::CurlRequest *curl = m_connection->newRequest("HEAD", target, this);
    curl->setHeader("Tus-Resumable", "1.0.0");
    track(curl, target, &UploadJob::onOffset);
}

void UploadJob::onOffset(net::CurlRequest *curl)
{
    const ApiError err = ApiError::fromCurl(*curl, m_requestUrl, QByteArray());
    // status() is 0 for a transfer that failed: no redirect then.
    const RedirectPolicy::Decision redirect =
        RedirectPolicy::decide(*m_connection, "HEAD", curl->status(), m_requestUrl,
                               curl->header("location"), m_offsetHops);
    if (redirect.follow) {
        ++m_offsetHops;
        queryOffset(redirect.target);
        return;
    }
    if (!redirect.refusal.isEmpty()) {
        ApiError refused = err;
        refused.message = redirect.refusal; // the policy's reason, not "does not follow"
        fail(tr("Could not resume the upload: %1").arg(refused.message), refused);
        return;
    }
    if (renewTokenThenResume(err))
        return;
    if (err.isError()) {
        if (err.isTransient() || err.httpStatus >= 500 ||
            (err.kind == ApiError::Kind::MalformedResponse && err.httpStatus == 0))
            retryOrFail(err);
        else
            fail(tr("Could not resume the upload: %1").arg(err.message), err);
        return;
    }
    const qint64 offset = uploadOffsetOf(curl);
    if (offset < 0 || (!m_source && offset > m_size)) {
        fail(tr("The server reported an invalid upload offset."),
             ApiError::malformed(m_requestUrl, QStringLiteral("Upload-Offset")));
        return;
    }
    if (m_source) {
        // A stream cannot rewind: only the bytes still buffered can be sent again.
        if (offset < m_chunkStart || offset > m_chunkStart + m_chunk.size()) {
            fail(tr("The server holds %1 bytes of %2, which cannot be resumed from a stream.")
                     .arg(offset)
                     .arg(m_options.name));
            return;
        }
        m_chunk.remove(0, offset - m_chunkStart);
        m_chunkStart = offset;
    }
    m_offset = offset;
    Q_EMIT progress(m_offset, m_size);
    if (m_state == TransferState::Uploading)
        sendChunk();
}

void UploadJob::sendChunk()
{
    if (m_source) {
        fillChunk();
        return;
    }
    if (m_offset >= m_size) {
        verify();
        return;
    }
    if (!sourceUnchanged())
        return;
    const qint64 length = qMin(m_options.chunkSize, m_size - m_offset);
    net::CurlRequest *curl = newPatch(m_offset);
    // The part is read from the file as libcurl sends it; the window belongs to the request.
    auto *window = new FileWindow(m_path, m_offset, length, curl);
    if (!window->open(QIODevice::ReadOnly)) {
        const QString why = window->errorString();
        delete curl;
        fail(tr("Could not read %1: %2").arg(m_path, why) + keptArtifactNote(),
             ApiError::local(why));
        return;
    }
    m_readError.clear();
    curl->setBodySource(length, [this, window, length](char *buffer, qint64 max) -> qint64 {
        const qint64 left = length - window->pos();
        if (left <= 0)
            return 0;
        const qint64 n = window->read(buffer, qMin(max, left));
        if (n > 0)
            return n;
        // A file that shrank under the upload ends early: its bytes are not the ones queued.
        m_readError = n < 0 ? window->errorString()
                            : tr("the file ended %1 bytes before the end of the part; it changed "
                                 "during the upload")
                                  .arg(left);
        return -1;
    });
    track(curl, m_dataUrl, &UploadJob::onPatched);
}

net::CurlRequest *UploadJob::newPatch(qint64 offset)
{
    net::CurlRequest *curl = m_connection->newRequest("PATCH", m_dataUrl, this);
    curl->setHeader("Tus-Resumable", "1.0.0");
    curl->setHeader("Upload-Offset", QByteArray::number(offset));
    curl->setHeader("Content-Type", "application/offset+octet-stream");
    return curl;
}

void UploadJob::onPatched(net::CurlRequest *curl)
{
    const QUrl url = m_requestUrl;
    const ApiError err = ApiError::fromCurl(*curl, url, curl->readAll());
    if (renewTokenThenResume(err))
        return;
    if (err.isError()) {
        // 409: our offset is not the server's (a lost answer); an answer that could not be read
        // leaves the part's fate unknown. Either way HEAD tells where to go on.
        if (err.isTransient() || err.httpStatus >= 500 || err.httpStatus == 409 ||
            (err.kind == ApiError::Kind::MalformedResponse && err.httpStatus == 0))
            retryOrFail(err);
        else if (err.kind == ApiError::Kind::Local && !m_readError.isEmpty())
            fail(tr("Could not read %1: %2").arg(m_path, m_readError) + keptArtifactNote(),
                 ApiError::local(m_readError));
        else if (err.httpStatus > 0)
            fail(tr("The upload was rejected: %1").arg(err.message), err);
        else
            fail(tr("The upload stopped: %1").arg(err.message) + keptArtifactNote(), err);
        return;
    }
    const qint64 offset = uploadOffsetOf(curl);
    const qint64 sentUpTo = m_source ? m_chunkStart + m_chunk.size() : m_size;
    const bool finalEmptyPatch = m_source && m_chunk.isEmpty() && offset == m_offset;
    if ((offset <= m_offset && !finalEmptyPatch) || offset > sentUpTo) {
        // Without a confirmed offset we cannot count the bytes; ask the server.
        retryOrFail(ApiError::malformed(url, QStringLiteral("Upload-Offset")));
        return;
    }
    if (m_source) {
        m_chunk.remove(0, offset - m_chunkStart);
        m_chunkStart = offset;
        if (m_sourceEnded && m_chunk.isEmpty() && m_lengthSent)
            m_size = offset; // the server now knows the length too
    }
    m_offset = offset;
    m_retry->reset();
    Q_EMIT progress(m_offset, m_size);
    if (m_state == TransferState::Uploading) // a receiver may have paused or cancelled us
        sendChunk();
}

bool UploadJob::renewTokenThenResume(const ApiError &error)
{
    // The server did not take the bytes of a refused request: after a new token, it tells
    // where to go on.
    return m_retry->renewToken(m_connection, error, [this, error](bool renewed) {
        if (!renewed)
            fail(tr("The upload stopped: %1").arg(error.message), error);
        else if (m_state == TransferState::Uploading)
            queryOffset();
    });
}

void UploadJob::retryOrFail(const ApiError &error)
{
    const int attempt = m_retry->attempt();
    const int delay = m_retry->schedule([this] {
        if (m_state == TransferState::Uploading)
            queryOffset();
    });
    if (delay < 0) {
        fail(tr("The upload failed after %n retries: %1", nullptr, attempt).arg(error.message),
             error);
        return;
    }
    Q_EMIT retrying(m_retry->attempt(), delay);
}

void UploadJob::fillChunk()
{
    m_awaitingSource = false;
    if (m_sourceEnded && m_chunk.isEmpty() && m_size >= 0) {
        verify();
        return;
    }
    const qint64 room = m_options.chunkSize - m_chunk.size();
    if (room > 0 && m_source->bytesAvailable() > 0)
        m_chunk += m_source->read(room);
    // QProcess and sockets report their end through atEnd only once they are closed.
    if (!m_sourceEnded && !m_source->isOpen())
        m_sourceEnded = true;
    if (m_chunk.size() < m_options.chunkSize && !m_sourceEnded) {
        m_awaitingSource = true; // more comes with readyRead
        return;
    }
    if (m_chunk.isEmpty() && m_sourceEnded && m_lengthSent) {
        m_size = m_offset;
        verify();
        return;
    }
    sendBuffered();
}

void UploadJob::sendBuffered()
{
    net::CurlRequest *curl = newPatch(m_chunkStart);
    curl->setHeader("Upload-Defer-Length", "1");
    // The length is known once the source has ended: say it with the bytes that complete it,
    // or in an empty PATCH when the stream ended on a chunk boundary.
    m_lengthSent = m_sourceEnded && m_source->bytesAvailable() == 0;
    if (m_lengthSent)
        curl->setHeader("Upload-Length", QByteArray::number(m_chunkStart + m_chunk.size()));
    // QByteArray is implicitly shared: the buffered chunk stays for a resend after a failure.
    curl->setBody(m_chunk);
    m_readError.clear();
    track(curl, m_dataUrl, &UploadJob::onPatched);
}

void UploadJob::verify()
{
    setState(TransferState::Verifying);
    const QUrl url =
        m_connection->apiUrl(Connection::idPath(QStringLiteral("artifacts"), m_artifactId));
    track(m_connection->newRequest("GET", url, this), url, &UploadJob::onVerified);
}

void UploadJob::onVerified(net::CurlRequest *curl)
{
    const QByteArray body = curl->readAll();
    const ApiError err = ApiError::fromCurl(*curl, m_requestUrl, body);
    if (err.isError()) {
        fail(tr("Could not check the uploaded artifact: %1").arg(err.message), err);
        return;
    }
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    const QString status = obj.value(QStringLiteral("status")).toString();
    const qint64 size = obj.value(QStringLiteral("size")).toInteger(-1);
    if (status == QLatin1String("ready")) {
        if (m_size < 0)
            m_size = m_offset;
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
    m_retry->later(500, [this] {
        if (m_state == TransferState::Verifying)
            verify();
    });
}

} // namespace ivcap
