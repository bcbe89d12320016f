#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class OrderRunner;
class QTcpSocket;
class Store;

// GET …/jobs/{id}/events as Server-Sent Events (text/event-stream): every job event after
// `lastId` (the client's Last-Event-Id) as "id: <seq>", "event: <type>" and "data: <JobEvent
// JSON>", then new ones as the runner records them. The stream ends (the connection closes)
// after the job's terminal status event, after `maxMessages` events (if > 0), or when no event
// came for `maxWaitSeconds`. It belongs to the socket and ends with it.
class JobEventStream : public QObject
{
    Q_OBJECT
public:
    static void start(Store *store, OrderRunner *runner, QTcpSocket *socket, const QString &jobId,
                      qint64 lastId, int maxWaitSeconds, int maxMessages);

private:
    JobEventStream(Store *store, QTcpSocket *socket, QString jobId, qint64 lastId, int maxMessages);
    void pump(const QString &jobId);
    void close();

    Store *m_store;
    QTcpSocket *m_socket;
    QString m_jobId;
    qint64 m_lastId;
    int m_left; // events still to send; -1: no limit
    QTimer m_idle;
    bool m_closed = false;
};
