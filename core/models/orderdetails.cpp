#include "orderdetails.h"

#include "api/apicalls.h"
#include "api/changenotifier.h"
#include "api/dialect.h"
#include "jsonfields.h"
#include "orderlistmodel.h"
#include "productlistmodel.h"

namespace ivcap {

OrderDetails::OrderDetails(Connection *connection, const QString &orderId, QObject *parent)
    : EntityDetails(connection, orderId, parent), m_products(new ProductListModel(this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EntityDetails::load);
}

QString OrderDetails::serviceId() const
{
    return Dialect::reference(raw(), QLatin1String("service"));
}

QDateTime OrderDetails::orderedAt() const
{
    return json::time(raw(), QLatin1String("ordered-at"));
}

QDateTime OrderDetails::startedAt() const
{
    return json::time(raw(), QLatin1String("started-at"));
}

QDateTime OrderDetails::finishedAt() const
{
    return json::time(raw(), QLatin1String("finished-at"));
}

QJsonArray OrderDetails::products() const
{
    return Dialect::products(raw());
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
    for (const QJsonValue &v : rawParameters()) {
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
    load();
}

void OrderDetails::stop()
{
    m_timer.stop();
    cancel();
}

ApiRequest *OrderDetails::makeRequest()
{
    return Api::readOrder(connection(), id(), this);
}

void OrderDetails::recordChanged()
{
    m_products->setProducts(products());
    // What this app's polling sees move, the lists showing the order and its products should
    // show too. The first read is not a change: it is how the order became known here.
    ChangeNotifier *changes = ChangeNotifier::of(connection());
    const QString now = status();
    const qsizetype productCount = products().size();
    if (changes && !m_seenStatus.isEmpty() && now != m_seenStatus)
        changes->announce(QStringLiteral("orders"), id());
    if (changes && m_seenProducts >= 0 && productCount > m_seenProducts)
        changes->announce(QStringLiteral("artifacts"));
    m_seenStatus = now;
    m_seenProducts = productCount;
}

void OrderDetails::readFinished(bool changedRecord)
{
    // Something moved: look again soon; otherwise back off.
    m_intervalMs = changedRecord ? m_firstMs : qMin(m_maxMs, m_intervalMs * 2);
    if (isTerminal()) {
        if (!m_wasTerminal) {
            m_wasTerminal = true;
            Q_EMIT terminalReached(status());
        }
        return;
    }
    m_timer.start(m_intervalMs);
}

} // namespace ivcap
