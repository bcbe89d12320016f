#pragma once

#include <QObject>

class QSocketNotifier;

namespace ivcap::app {

// Turns SIGTERM and SIGINT into a Qt signal, so that `kill PID`, a logout or Ctrl+C in a
// terminal end the app through its normal shutdown (which stops the private sandbox) rather
// than in the middle of whatever it was doing. The handler only writes a byte to a socket pair:
// almost nothing else is async-signal-safe. One instance per process.
class TerminationSignals : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    // `signal` is SIGTERM or SIGINT.
    void terminationRequested(int signal);

private:
    static void handle(int signal);
    static int s_fds[2];
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ivcap::app
