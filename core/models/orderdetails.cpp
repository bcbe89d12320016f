#include "orderdetails.h"

#include "api/apicalls.h"
#include "jsonfields.h"
#include "orderlistmodel.h"

namespace ivcap {

OrderDetails::OrderDetails(Connection *connection, const QString &orderId, QObject *parent)
    : QObject(parent), m_connection(connection), m_id(orderId)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OrderDetails::poll);
}

QString OrderDetails::serviceId() const
{
    return json::refId(m_data, QLatin1String("service"));
}

QDateTime OrderDetails::orderedAt() const
{
    return json::time(m_data, QLatin1String("ordered-at"));
}

QDateTime OrderDetails::finishedAt() const
{
    return json::time(m_data, QLatin1String("finished-at"));
}

bool OrderDetails::isTerminal() const
{
    return OrderListModel::isTerminal(status());
}

QString OrderDetails::stripArtifactPrefix(const QString &value)
{
    // The server echoes artifact parameters with this placeholder host; the CLI strips it too.
    static const QLatin1String prefix("http://artifact.local/");
    return value.startsWith(prefix) ? value.mid(prefix.size()) : value;
}

QList<QPair<QString, QString>> OrderDetails::parameters() const
{
    QList<QPair<QString, QString>> result;
    for (const QJsonValue &v : m_data.value(QLatin1String("parameters")).toArray()) {
        const QJsonObject p = v.toObject();
        result.append({p.value(QLatin1String("name")).toString(),
                       stripArtifactPrefix(p.value(QLatin1String("value")).toString())});
    }
    return result;
}

void OrderDetails::setPollIntervals(int firstMs, int maxMs)
{
    m_firstMs = firstMs;
    m_maxMs = qMax(firstMs, maxMs);
    m_intervalMs = firstMs;
}

void OrderDetails::start()
{
    m_intervalMs = m_firstMs;
    poll();
}

void OrderDetails::stop()
{
    m_timer.stop();
    if (m_request)
        m_request->cancel();
    m_request = nullptr;
}

void OrderDetails::poll()
{
    if (!m_connection || m_request)
        return;
    ApiRequest *request = Api::readOrder(m_connection, m_id, this);
    m_request = request;
    connect(request, &ApiRequest::finished, this, [this](const QJsonDocument &doc) {
        m_request = nullptr;
        const QJsonObject data = doc.object();
        const bool wasTerminal = isTerminal();
        if (data != m_data) {
            m_data = data;
            m_intervalMs = m_firstMs; // something moves: look again soon
            Q_EMIT changed();
        } else {
            m_intervalMs = qMin(m_maxMs, m_intervalMs * 2);
        }
        if (isTerminal()) {
            if (!wasTerminal)
                Q_EMIT terminalReached(status());
            return;
        }
        m_timer.start(m_intervalMs);
    });
    connect(request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_request = nullptr;
        m_lastError = error;
        Q_EMIT errorOccurred(error); // polling stops; the owner decides whether to start again
    });
    request->start();
}

} // namespace ivcap
