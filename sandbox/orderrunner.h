#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

class Store;

// Drives orders along pending -> scheduled -> executing -> terminal on timers, persisting each
// step, and performs the demo services' work when execution finishes. One runner serves both
// dialects: v0.28 orders take 800 ms a step; a v0.48 order is a job's, which runs for its
// service's sandbox duration, emits its progress steps while executing, and is finished by
// JobWork (result document and products).
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

Q_SIGNALS:
    // A v0.48 job has a new event (status change or progress step) in job_events.
    void jobEvent(const QString &jobId);

private:
    int delayMs(const QString &orderId) const;
    void statusChanged(const QString &orderId, const QString &status);
    void scheduleSteps(const QString &orderId);
    void advance(const QString &orderId);
    void finish(const QString &orderId);
    QString addProduct(const QString &orderId, const QString &serviceId, const QString &name,
                       const QString &mimeType, const QByteArray &bytes);
    QByteArray inputBytes(const QString &artifactRef) const;

    Store *m_store;
};
