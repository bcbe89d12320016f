#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

class Store;

// Drives orders along pending -> scheduled -> executing -> terminal on timers, persisting each
// step, and performs the demo services' work when execution finishes.
class OrderRunner : public QObject
{
    Q_OBJECT
public:
    explicit OrderRunner(Store *store, QObject *parent = nullptr);
    void start(const QString &orderId);
    // Picks up orders a previous run left unfinished.
    void resume();
    // Status history, so lists at an earlier at-time show the status the order had then.
    static void recordEvent(Store *store, const QString &orderId, const QString &status);

private:
    void advance(const QString &orderId);
    void finish(const QString &orderId);
    QString addProduct(const QString &orderId, const QString &serviceId, const QString &name,
                       const QString &mimeType, const QByteArray &bytes);
    QByteArray inputBytes(const QString &artifactRef) const;

    Store *m_store;
};
