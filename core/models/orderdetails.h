#pragma once

#include "api/apierror.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace ivcap {

class ApiRequest;
class Connection;

// One order, read once and then polled with backoff until it reaches a terminal state
// (succeeded, failed, error). Emits changed() only when something actually changed.
class OrderDetails : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool terminal READ isTerminal NOTIFY changed)
public:
    OrderDetails(Connection *connection, const QString &orderId, QObject *parent = nullptr);

    QString id() const { return m_id; }
    QString name() const { return m_data.value(QLatin1String("name")).toString(); }
    QString status() const { return m_data.value(QLatin1String("status")).toString(); }
    QString serviceId() const;
    QDateTime orderedAt() const;
    QDateTime finishedAt() const;
    bool isTerminal() const;
    // name → value, artifact values without the `http://artifact.local/` prefix.
    QList<QPair<QString, QString>> parameters() const;
    QJsonArray products() const { return m_data.value(QLatin1String("products")).toArray(); }
    QJsonObject raw() const { return m_data; }
    ApiError lastError() const { return m_lastError; }

    void setPollIntervals(int firstMs, int maxMs);
    // Reads the order and keeps polling until it is terminal.
    void start();
    void stop();

    static QString stripArtifactPrefix(const QString &value);

Q_SIGNALS:
    void changed();
    void terminalReached(const QString &status);
    void errorOccurred(const ivcap::ApiError &error);

private:
    void poll();

    QPointer<Connection> m_connection;
    QPointer<ApiRequest> m_request;
    QString m_id;
    QJsonObject m_data;
    ApiError m_lastError;
    QTimer m_timer;
    int m_firstMs = 2000;
    int m_maxMs = 15000;
    int m_intervalMs = 2000;
};

} // namespace ivcap
