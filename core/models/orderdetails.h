#pragma once

#include "entitydetails.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimer>

namespace ivcap {

class ProductListModel;

// One order, read once and then polled with backoff until it reaches a terminal state
// (succeeded, failed, error). Emits changed() only when something actually changed, and
// keeps its products model updated in place.
class OrderDetails : public EntityDetails
{
    Q_OBJECT
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool terminal READ isTerminal NOTIFY changed)
public:
    OrderDetails(Connection *connection, const QString &orderId, QObject *parent = nullptr);

    QString name() const { return field(QLatin1String("name")); }
    QString status() const { return field(QLatin1String("status")); }
    QString serviceId() const;
    QDateTime orderedAt() const;
    QDateTime startedAt() const;
    QDateTime finishedAt() const;
    bool isTerminal() const;
    // name → value, artifact values without the `http://artifact.local/` prefix.
    QList<QPair<QString, QString>> parameters() const;
    // The order's `parameters` as sent back, for "Order again".
    QJsonArray rawParameters() const { return raw().value(QLatin1String("parameters")).toArray(); }
    // A plain array on v0.28, `{items, links}` later; the same list either way.
    QJsonArray products() const;
    ProductListModel *productModel() const { return m_products; }

    void setPollIntervals(int firstMs, int maxMs);
    // Reads the order and keeps polling until it is terminal. An error stops polling; the
    // owner decides whether to start again.
    void start();
    void stop();

    static QString stripArtifactPrefix(const QString &value);

Q_SIGNALS:
    void terminalReached(const QString &status);

protected:
    ApiRequest *makeRequest() override;
    void recordChanged() override;
    void readFinished(bool changedRecord) override;

private:
    ProductListModel *m_products;
    QTimer m_timer;
    bool m_wasTerminal = false;
    QString m_seenStatus;
    qsizetype m_seenProducts = -1;
    int m_firstMs = 2000;
    int m_maxMs = 15000;
    int m_intervalMs = 2000;
};

} // namespace ivcap
