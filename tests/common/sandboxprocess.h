#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A real ivcap-sandbox child process on a free loopback port with its own data directory,
// for integration tests. The data directory outlives restart(), so persistence can be tested.
class SandboxProcess
{
public:
    explicit SandboxProcess(QStringList extraArgs = {});
    ~SandboxProcess();

    // Starts the sandbox and waits for its "listening" line. Returns false (and sets
    // errorString()) if it did not come up.
    bool start();
    // Kills the sandbox without a clean shutdown (as a crash would).
    void kill();
    // Stops it cleanly (SIGTERM) and waits for it to exit.
    void stop();
    // Stops (or kills, when `crash`) and starts again on the same port with the same data.
    bool restart(bool crash = false);

    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    QString dataDir() const { return m_dataDir.path(); }
    QString errorString() const { return m_error; }
    QByteArray output() const { return m_output; }
    void setExtraArgs(const QStringList &args) { m_extraArgs = args; }

    static QString binaryPath();

private:
    QProcess m_process;
    QTemporaryDir m_dataDir;
    QStringList m_extraArgs;
    QString m_token = QStringLiteral("test-token-0123456789");
    QUrl m_url;
    QString m_error;
    QByteArray m_output;
};
