#include "connectiontester.h"

#include "api/apicalls.h"
#include "api/apidetector.h"
#include "api/apierror.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/dialect.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ivcap {

ConnectionTester::ConnectionTester(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{}

void ConnectionTester::start()
{
    if (m_request || !m_connection)
        return;
    m_certificateRejected = false;
    m_request =
        new ApiRequest(m_connection, "GET",
                       m_connection->apiUrl(QStringLiteral("/1/openapi/openapi3.json")), this);
    m_request->setMaxAttempts(1);
    connect(m_request, &ApiRequest::finished, this, [this](const QJsonDocument &document) {
        const QJsonObject info = document.object().value(QLatin1String("info")).toObject();
        m_apiTitle = QStringLiteral("%1 %2").arg(info.value(QLatin1String("title")).toString(),
                                                 info.value(QLatin1String("version")).toString());
        // The list below is read in the deployment's own dialect; a pinned one stays.
        if (!m_connection->isDialectKnown()) {
            QString why;
            if (auto dialect =
                    ApiDetector::fromOpenApi(document.toJson(QJsonDocument::Compact), &why))
                m_connection->setDialect(std::move(dialect));
        }
        readOneList();
    });
    connect(m_request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_certificateRejected = error.untrustedCertificate;
        // Nothing was asked of the deployment when TLS or the CA file stopped the request.
        if (error.untrustedCertificate || error.kind == ApiError::Kind::Local)
            report(false, tr("Cannot connect: %1").arg(error.toString()));
        else
            report(false,
                   tr("The deployment did not answer as IVCAP does: %1").arg(error.toString()));
    });
    m_request->start();
}

void ConnectionTester::readOneList()
{
    ListQuery query;
    query.limit = 1;
    m_request = Api::listServices(m_connection, query, QString(), this);
    m_request->setMaxAttempts(1);
    connect(m_request, &ApiRequest::finished, this, [this](const QJsonDocument &document) {
        // v0.28 lists under "services", later versions under "items".
        const QJsonObject page = document.object();
        const auto dialect = m_connection->adoptDialect(EntityKind::Services, page);
        const bool isList = page.value(dialect->itemsKey(EntityKind::Services)).isArray();
        report(isList,
               isList
                   ? tr("Connected: %1; the services list can be read.").arg(m_apiTitle.trimmed())
                   : tr("The services list came back in an unexpected form."));
    });
    connect(m_request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_certificateRejected = error.untrustedCertificate;
        report(false, error.kind == ApiError::Kind::Unauthorized
                          ? tr("The deployment answers, but refused the credentials.")
                          : tr("The deployment answers, but listing services failed: %1")
                                .arg(error.toString()));
    });
    m_request->start();
}

void ConnectionTester::report(bool ok, const QString &summary)
{
    m_request = nullptr;
    Q_EMIT finished(ok, summary);
}

} // namespace ivcap
