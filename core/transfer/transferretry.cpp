#include "transferretry.h"

#include "api/apierror.h"
#include "api/connection.h"

#include <QPointer>
#include <QTimer>

namespace ivcap {

void TransferRetry::setLimits(int maxRetries, int firstDelayMs, int maxDelayMs)
{
    m_maxRetries = qMax(0, maxRetries);
    m_firstDelayMs = qMax(0, firstDelayMs);
    m_maxDelayMs = qMax(m_firstDelayMs, maxDelayMs);
}

int TransferRetry::schedule(std::function<void()> action)
{
    if (m_attempt >= m_maxRetries)
        return -1;
    const qint64 delay =
        qMin<qint64>(qint64(m_firstDelayMs) << qMin(m_attempt, 20), qint64(m_maxDelayMs));
    ++m_attempt;
    ++m_retriesUsed;
    later(int(delay), std::move(action));
    return int(delay);
}

void TransferRetry::later(int ms, std::function<void()> action)
{
    const quint64 generation = m_generation;
    QTimer::singleShot(ms, this, [this, generation, action = std::move(action)] {
        if (generation == m_generation)
            action();
    });
}

bool TransferRetry::renewToken(Connection *connection, const ApiError &error,
                               std::function<void(bool renewed)> then)
{
    if (error.kind != ApiError::Kind::Unauthorized || error.httpStatus != 401 || m_renewTried ||
        !connection || !connection->canRefreshToken())
        return false;
    m_renewTried = true;
    const quint64 generation = m_generation;
    connection->refreshToken(
        [self = QPointer<TransferRetry>(this), generation, then = std::move(then)](bool renewed) {
            if (self && generation == self->m_generation)
                then(renewed);
        });
    return true;
}

} // namespace ivcap
