#include "jobsubmission.h"

#include "changenotifier.h"
#include "connection.h"
#include "dialect.h"
#include "net/curlrequest.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

namespace ivcap {

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
    // Closes the transfer at once, also from inside its own signals; nothing follows.
    delete m_request.data();
    m_request = nullptr;
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
    net::CurlRequest *request = m_connection->newRequest("POST", url, this);
    m_request = request;
    request->setHeader("Content-Type", "application/json");
    request->replaceHeader("Accept", "*/*"); // a 200 carries the result in its own content type
    request->setHeader("Timeout", QByteArray::number(m_timeoutSeconds));
    if (m_timeoutSeconds > 0) // the server holds the answer back that long
        request->setTransferTimeout(m_connection->timeoutMs() + m_timeoutSeconds * 1000);
    request->setBody(m_body);
    connect(request, &net::CurlRequest::finished, this, &JobSubmission::onFinished);
    request->start();
}

void JobSubmission::onFinished()
{
    net::CurlRequest *request = m_request;
    if (!request || m_done)
        return;
    m_request = nullptr;
    request->deleteLater();
    const QByteArray body = request->readAll();
    const QUrl url = request->url();
    const int status = request->errorKind() == ApiError::Kind::None ? request->status() : 0;
    const QString jobIdHeader = QString::fromUtf8(request->header("ivcap-job-id"));
    if (status == 307) {
        const QUrl location =
            m_connection->rebase(QUrl(QString::fromUtf8(request->header("location"))));
        m_done = true;
        announce(jobIdHeader);
        Q_EMIT accepted(jobIdHeader, location, 0);
        return;
    }
    // A transport failure (timeout, over the 64 MiB cap, TLS) or an error status.
    const ApiError error = ApiError::fromCurl(*request, url, body);
    if (error.isError()) {
        if (error.kind == ApiError::Kind::Unauthorized && m_connection)
            Q_EMIT m_connection->authenticationRequired(error);
        fail(error);
        return;
    }
    if (status == 202) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const QString jobId = o.value(QLatin1String("job-id")).toString();
        if (jobId.isEmpty()) {
            fail(ApiError::malformed(url, QStringLiteral("job-id")));
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
    if (jobIdHeader.isEmpty()) {
        fail(ApiError::malformed(url, QStringLiteral("the IVCAP-Job-Id header")));
        return;
    }
    m_done = true;
    announce(jobIdHeader);
    Q_EMIT completed(jobIdHeader, request->header("content-type"), body);
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
