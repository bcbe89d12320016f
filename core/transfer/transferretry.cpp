#include "transferretry.h"

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

} // namespace ivcap
