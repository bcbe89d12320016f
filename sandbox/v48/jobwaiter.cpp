#include "jobwaiter.h"
#include "jobbodies.h"
#include "jobbook.h"
#include "orderrunner.h"

#include <QHttpServerResponder>
#include <QTcpSocket>

void JobWaiter::start(Store *store, OrderRunner *runner, QTcpSocket *socket,
                      std::shared_ptr<QHttpServerResponder> responder, const QString &jobId,
                      const QString &base, int seconds)
{
    auto *waiter = new JobWaiter(store, socket, std::move(responder), jobId, base);
    connect(runner, &OrderRunner::jobEvent, waiter, &JobWaiter::check);
    waiter->m_timer.setSingleShot(true);
    connect(&waiter->m_timer, &QTimer::timeout, waiter, &JobWaiter::giveUp);
    waiter->m_timer.start(seconds * 1000);
    waiter->check(jobId);
}

JobWaiter::JobWaiter(Store *store, QTcpSocket *socket,
                     std::shared_ptr<QHttpServerResponder> responder, QString jobId, QString base)
    : QObject(socket), m_store(store), m_responder(std::move(responder)), m_jobId(std::move(jobId)),
      m_base(std::move(base))
{}

void JobWaiter::check(const QString &jobId)
{
    if (jobId != m_jobId || !m_responder)
        return;
    const auto job = JobBook::byId(m_store, m_jobId);
    if (!job || !JobBook::isTerminal(job->value("status").toString()))
        return;
    JobBodies::outcome(m_base, *job).write(std::move(*m_responder));
    m_responder.reset();
    m_timer.stop();
    deleteLater();
}

void JobWaiter::giveUp()
{
    if (!m_responder)
        return;
    const auto job = JobBook::byId(m_store, m_jobId);
    if (job)
        JobBodies::retryLater(m_store, m_base, *job).write(std::move(*m_responder));
    m_responder.reset();
    deleteLater();
}
