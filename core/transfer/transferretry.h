#pragma once

#include <QObject>

#include <functional>

namespace ivcap {

class Connection;
struct ApiError;

// The retry plumbing the transfer jobs share: exponential backoff up to a count and a ceiling
// (the SDK's `retries` / `retry_delay`), the retries used so far, and timers that a pause or
// cancel invalidates so that nothing stale runs afterwards.
class TransferRetry : public QObject
{
    Q_OBJECT
public:
    explicit TransferRetry(QObject *parent = nullptr) : QObject(parent) {}

    void setLimits(int maxRetries, int firstDelayMs, int maxDelayMs);
    int maxRetries() const { return m_maxRetries; }
    int firstDelayMs() const { return m_firstDelayMs; }

    // Consecutive failures since the last progress.
    int attempt() const { return m_attempt; }
    // Every retry of this transfer, for display.
    int retriesUsed() const { return m_retriesUsed; }
    // Progress was made: the next failure backs off from the first delay again, and a later
    // 401 may renew the token again.
    void reset()
    {
        m_attempt = 0;
        m_renewTried = false;
    }

    // Runs `action` after the next backoff delay and returns that delay, or returns -1 and
    // schedules nothing once the retries are used up.
    int schedule(std::function<void()> action);
    // Runs `action` after `ms` unless cancelPending() comes first.
    void later(int ms, std::function<void()> action);
    void cancelPending() { ++m_generation; }

    // A 401 in the middle of a transfer is most often a token that expired during it (a large
    // upload can outlast one). When `connection` can renew its token and has not tried since
    // the last progress, asks it to and returns true; `then` learns whether a new token is in
    // place, unless cancelPending() came first. False: the caller reports the error.
    bool renewToken(Connection *connection, const ApiError &error,
                    std::function<void(bool renewed)> then);

private:
    int m_maxRetries = 5;
    int m_firstDelayMs = 1000;
    int m_maxDelayMs = 30000;
    int m_attempt = 0;
    int m_retriesUsed = 0;
    bool m_renewTried = false;
    quint64 m_generation = 0;
};

} // namespace ivcap
