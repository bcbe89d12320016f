#include "downloadjob.h"

#include "api/connection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTimer>

namespace ivcap {

DownloadJob::DownloadJob(Connection *connection, const QString &artifactId,
                         const QString &destination, QObject *parent)
    : QObject(parent), m_connection(connection), m_artifactId(artifactId),
      m_destination(destination)
{}

DownloadJob::~DownloadJob()
{
    abortReply();
}

void DownloadJob::setDataUrl(const QUrl &url, qint64 expectedSize)
{
    m_dataUrl = url;
    m_expected = expectedSize;
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
    m_errorMessage = message;
    setState(TransferState::Failed);
}

void DownloadJob::abortReply()
{
    ++m_generation;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
}

void DownloadJob::start()
{
    if (m_state != TransferState::Queued)
        return;
    setState(TransferState::Creating);
    if (m_dataUrl.isValid())
        fetchData();
    else
        fetchRecord();
}

void DownloadJob::cancel()
{
    if (TransferState::isFinal(m_state))
        return;
    abortReply();
    setState(TransferState::Cancelled);
}

void DownloadJob::fetchRecord()
{
    const QUrl url =
        m_connection->apiUrl(Connection::idPath(QStringLiteral("artifacts"), m_artifactId));
    m_reply = m_connection->network()->get(m_connection->request(url));
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onRecord);
}

void DownloadJob::onRecord()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    const ApiError err = ApiError::fromReply(reply, body);
    if (err.isError()) {
        if (err.isTransient())
            retryOrFail(err);
        else
            fail(tr("Could not read the artifact: %1").arg(err.message));
        return;
    }
    const QJsonObject obj = QJsonDocument::fromJson(body).object();
    const QString self =
        obj.value(QStringLiteral("data")).toObject().value(QStringLiteral("self")).toString();
    if (self.isEmpty()) {
        fail(tr("The artifact has no data URL."));
        return;
    }
    m_dataUrl = m_connection->rebase(QUrl(self));
    m_expected = obj.value(QStringLiteral("size")).toInteger(-1);
    fetchData();
}

void DownloadJob::fetchData()
{
    setState(TransferState::Uploading); // "transferring"; the model shows it per direction
    m_file = std::make_unique<QSaveFile>(m_destination);
    if (!m_file->open(QIODevice::WriteOnly)) {
        fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
        return;
    }
    m_received = 0;
    Q_EMIT progress(0, m_expected);
    QNetworkRequest req = m_connection->request(m_dataUrl);
    req.setRawHeader("Accept", "*/*");
    m_reply = m_connection->network()->get(req);
    // Without a limit Qt reads the socket as fast as it can and buffers what we did not
    // write yet: hundreds of MB for a large artifact.
    m_reply->setReadBufferSize(4 << 20);
    connect(m_reply, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onDataFinished);
}

void DownloadJob::onReadyRead()
{
    if (!m_reply || !m_file)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return; // the error body is read in onDataFinished
    const QByteArray chunk = m_reply->readAll();
    if (m_file->write(chunk) != chunk.size()) {
        fail(tr("Could not write %1: %2").arg(m_destination, m_file->errorString()));
        return;
    }
    m_received += chunk.size();
    Q_EMIT progress(m_received, m_expected);
}

void DownloadJob::onDataFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError)
        onReadyRead();
    const ApiError err =
        ApiError::fromReply(reply, status >= 300 ? reply->readAll() : QByteArray());
    if (err.isError()) {
        if (m_file)
            m_file->cancelWriting();
        m_file.reset();
        if (err.isTransient() || err.httpStatus >= 500)
            retryOrFail(err);
        else
            fail(tr("The download failed: %1").arg(err.message));
        return;
    }
    if (!m_file)
        return;
    if (m_expected >= 0 && m_received != m_expected) {
        // A short body is a broken transfer, not a finished one: never commit it.
        m_file->cancelWriting();
        m_file.reset();
        retryOrFail(ApiError::malformed(m_dataUrl, QStringLiteral("body length")));
        return;
    }
    if (!m_file->commit()) {
        const QString why = m_file->errorString();
        m_file.reset();
        fail(tr("Could not save %1: %2").arg(m_destination, why));
        return;
    }
    m_file.reset();
    setState(TransferState::Done);
}

void DownloadJob::retryOrFail(const ApiError &error)
{
    if (m_attempt >= m_maxRetries) {
        fail(tr("The download failed after %n retries: %1", nullptr, m_attempt).arg(error.message));
        return;
    }
    const int delay = qMin(m_retryDelayMs << qMin(m_attempt, 10), 30000);
    ++m_attempt;
    ++m_retriesUsed;
    Q_EMIT retrying(m_attempt, delay);
    const quint64 generation = m_generation;
    QTimer::singleShot(delay, this, [this, generation] {
        if (generation != m_generation || TransferState::isFinal(m_state))
            return;
        if (m_dataUrl.isValid())
            fetchData();
        else
            fetchRecord();
    });
}

} // namespace ivcap
