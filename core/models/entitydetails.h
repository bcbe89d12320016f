#pragma once

#include "api/apierror.h"
#include "api/apirequest.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace ivcap {

class ApiRequest;
class Connection;

// One entity read by id (GET /1/<collection>/{id}). The raw record is kept whole so fields this
// client does not model survive; subclasses only offer typed accessors and derived models.
// changed() fires only when the record actually differs from the last one read.
class EntityDetails : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY changed)
public:
    ~EntityDetails() override;

    QString id() const { return m_id; }
    QJsonObject raw() const { return m_data; }
    // The body of the last successful read as the server sent it (UTF-8 JSON), for values a
    // QJsonObject cannot hold exactly (numbers beyond a double's precision).
    QByteArray rawText() const { return m_text; }
    bool isLoaded() const { return !m_data.isEmpty(); }
    // True while a read is in flight or waits for the connection's API detection.
    bool isLoading() const { return m_request != nullptr || m_waitingForApi; }
    ApiError lastError() const { return m_lastError; }
    Connection *connection() const { return m_connection; }

public Q_SLOTS:
    // Reads the entity again; a read already in flight is kept rather than duplicated. While
    // the connection is detecting the deployment's API, the read waits for the dialect.
    void load();
    void cancel();

Q_SIGNALS:
    void changed();
    void loadingChanged(bool loading);
    void errorOccurred(const ivcap::ApiError &error);

protected:
    EntityDetails(Connection *connection, const QString &id, QObject *parent);

    virtual ApiRequest *makeRequest() = 0;
    // Called after m_data took a new value and before changed() is emitted.
    virtual void recordChanged() {}
    // Lets a subclass see every successful read, changed or not (e.g. to adapt a poll interval).
    virtual void readFinished(bool changedRecord) { Q_UNUSED(changedRecord) }
    virtual void readFailed(const ApiError &error) { Q_UNUSED(error) }

    QString field(QLatin1String key) const;

private:
    QPointer<Connection> m_connection;
    QPointer<ApiRequest> m_request;
    QMetaObject::Connection m_detectionWait;
    bool m_waitingForApi = false;
    QString m_id;
    QJsonObject m_data;
    QByteArray m_text;
    QByteArray m_pendingText; // the body of the read in flight, until it is parsed
    ApiError m_lastError;
};

} // namespace ivcap
