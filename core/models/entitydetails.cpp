#include "entitydetails.h"

#include "api/apirequest.h"
#include "api/connection.h"
#include "api/entitynames.h"

#include <utility>

namespace ivcap {

EntityDetails::EntityDetails(Connection *connection, const QString &id, QObject *parent)
    : QObject(parent), m_connection(connection), m_id(id)
{}

EntityDetails::~EntityDetails()
{
    // No signals from here: a receiver may be a parent widget that is itself being destroyed.
    blockSignals(true);
    cancel();
}

QString EntityDetails::field(QLatin1String key) const
{
    return m_data.value(key).toString();
}

void EntityDetails::cancel()
{
    if (m_waitingForApi) {
        QObject::disconnect(m_detectionWait);
        m_waitingForApi = false;
        Q_EMIT loadingChanged(false);
    }
    if (!m_request)
        return;
    ApiRequest *request = m_request;
    m_request = nullptr;
    request->disconnect(this);
    request->cancel();
    request->deleteLater();
    Q_EMIT loadingChanged(false);
}

void EntityDetails::load()
{
    if (m_request || m_waitingForApi)
        return;
    if (!m_connection) {
        m_lastError = ApiError::local(tr("Not connected to a deployment."));
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    // The provisional dialect's path may not exist on the deployment (v0.48 answers 501 on
    // /1/services): as the list models do, ask once the dialect is known.
    if (m_connection->isDetectingApi()) {
        m_waitingForApi = true;
        m_detectionWait = connect(m_connection, &Connection::apiDetectionFinished, this, [this] {
            QObject::disconnect(m_detectionWait);
            m_waitingForApi = false;
            load();
        });
        Q_EMIT loadingChanged(true);
        return;
    }
    ApiRequest *request = makeRequest();
    m_request = request;
    m_pendingText.clear();
    connect(request, &ApiRequest::bodyReceived, this,
            [this](const QByteArray &body) { m_pendingText = body; });
    // Requests delete themselves once they have reported.
    connect(request, &ApiRequest::finished, this, [this](const QJsonDocument &doc) {
        m_request = nullptr;
        m_lastError = ApiError();
        m_text = std::exchange(m_pendingText, QByteArray());
        const QJsonObject data = doc.object();
        const bool differs = data != m_data;
        if (differs) {
            m_data = data;
            if (EntityNames *names = EntityNames::of(m_connection))
                names->remember(m_id, field(QLatin1String("name")));
            recordChanged();
        }
        Q_EMIT loadingChanged(false);
        if (differs)
            Q_EMIT changed();
        readFinished(differs);
    });
    connect(request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_request = nullptr;
        m_lastError = error;
        Q_EMIT loadingChanged(false);
        Q_EMIT errorOccurred(error);
        readFailed(error);
    });
    Q_EMIT loadingChanged(true);
    request->start();
}

} // namespace ivcap
