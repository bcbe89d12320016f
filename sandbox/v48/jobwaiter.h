#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class OrderRunner;
class QHttpServerResponder;
class QTcpSocket;
class Store;

// Answers a job-create that asked to wait (Timeout: N > 0) without blocking the event loop:
// with the job's outcome once it ends, or 202 JobRetryLaterT when N seconds pass first. It
// belongs to the request's socket, so a client that hangs up takes it along.
class JobWaiter : public QObject
{
    Q_OBJECT
public:
    static void start(Store *store, OrderRunner *runner, QTcpSocket *socket,
                      std::shared_ptr<QHttpServerResponder> responder, const QString &jobId,
                      const QString &base, int seconds);

private:
    JobWaiter(Store *store, QTcpSocket *socket, std::shared_ptr<QHttpServerResponder> responder,
              QString jobId, QString base);
    void check(const QString &jobId);
    void giveUp();

    Store *m_store;
    std::shared_ptr<QHttpServerResponder> m_responder;
    QString m_jobId;
    QString m_base;
    QTimer m_timer;
};
