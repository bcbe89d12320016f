#include "jobsubmission.h"

#include "changenotifier.h"
#include "connection.h"
#include "dialect.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ivcap {

namespace {
constexpr qint64 maxResultBytes = 64 * 1024 * 1024;
}

JobSubmission::JobSubmission(Connection *connection, const QString &serviceId,
                             const QJsonObject &request, QObject *parent)
    : QObject(parent), m_connection(connection), m_serviceId(serviceId),
      m_body(QJsonDocument(request).toJson(QJsonDocument::Compact))
{}

JobSubmission::~JobSubmission()
{
    cancel();
}

void JobSubmission::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &JobSubmission::send);
}

void JobSubmission::cancel()
{
    m_done = true;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void JobSubmission::send()
{
    if (m_done)
        return;
    if (!m_connection) {
        fail(ApiError::local(
            QCoreApplication::translate("ivcap::JobSubmission", "Not connected to a deployment.")));
        return;
    }
    if (!m_connection->dialect().hasJobs()) {
        fail(ApiError::local(QCoreApplication::translate(
                                 "ivcap::JobSubmission",
                                 "This deployment (API %1) has no jobs; order the service instead.")
                                 .arg(m_connection->apiVersion().isEmpty()
                                          ? QStringLiteral("0.28")
                                          : m_connection->apiVersion())));
        return;
    }
    const QUrl url =
        m_connection->apiUrl(m_connection->dialect().collectionPath(EntityKind::Jobs, m_serviceId));
    QNetworkRequest req = m_connection->request(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Accept", "*/*"); // a 200 carries the result in its own content type
    req.setRawHeader("Timeout", QByteArray::number(m_timeoutSeconds));
    if (m_timeoutSeconds > 0) // the server holds the answer back that long
        req.setTransferTimeout(m_connection->timeoutMs() + m_timeoutSeconds * 1000);
    m_reply = m_connection->network()->post(req, m_body);
    connect(m_reply, &QNetworkReply::finished, this, &JobSubmission::onFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this, url](qint64 received, qint64) {
        if (received <= maxResultBytes || m_done)
            return;
        cancel(); // marks us done; the one report follows from the event loop
        QTimer::singleShot(0, this, [this, url] { Q_EMIT failed(ApiError::tooLarge(url)); });
    });
}

void JobSubmission::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    disconnect(reply, nullptr, this, nullptr);
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 307) {
        const QUrl location =
            m_connection->rebase(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        m_done = true;
        announce(QString::fromUtf8(reply->rawHeader("IVCAP-Job-Id")));
        Q_EMIT accepted(QString::fromUtf8(reply->rawHeader("IVCAP-Job-Id")), location, 0);
        return;
    }
    ApiError error = ApiError::fromReply(reply, body);
    if (error.kind == ApiError::Kind::Cancelled) {
        error.kind = ApiError::Kind::Timeout;
        error.message =
            QCoreApplication::translate("ivcap::ApiError", "The server did not answer in time");
    }
    if (error.isError()) {
        if (error.kind == ApiError::Kind::Unauthorized)
            Q_EMIT m_connection->authenticationRequired(error);
        fail(error);
        return;
    }
    if (status == 202) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const QString jobId = o.value(QLatin1String("job-id")).toString();
        if (jobId.isEmpty()) {
            fail(ApiError::malformed(reply->url(), QStringLiteral("job-id")));
            return;
        }
        QUrl location;
        if (const QString l = o.value(QLatin1String("location")).toString(); !l.isEmpty())
            location = m_connection->rebase(QUrl(l));
        m_done = true;
        announce(jobId);
        Q_EMIT accepted(jobId, location, o.value(QLatin1String("retry-later")).toInt());
        return;
    }
    const QString jobId = QString::fromUtf8(reply->rawHeader("IVCAP-Job-Id"));
    if (jobId.isEmpty()) {
        fail(ApiError::malformed(reply->url(), QStringLiteral("the IVCAP-Job-Id header")));
        return;
    }
    m_done = true;
    announce(jobId);
    Q_EMIT completed(jobId, reply->rawHeader("Content-Type"), body);
}

void JobSubmission::announce(const QString &jobId)
{
    // The request goes around ApiRequest, which announces what it changes: say it here, so
    // the lists of the service's jobs show the new one.
    if (ChangeNotifier *changes = ChangeNotifier::of(m_connection))
        changes->announce(QStringLiteral("jobs"), jobId);
}

void JobSubmission::fail(const ApiError &error)
{
    m_done = true;
    Q_EMIT failed(error);
}

} // namespace ivcap
