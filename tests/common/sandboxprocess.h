#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A real ivcap-sandbox child process on a free loopback port with its own data directory,
// for integration tests. The data directory outlives restart(), so persistence can be tested.
// It speaks the IVCAP API dialect `api` ("0.28" unless a test asks for "0.48"; an empty `api`
// passes no --api, so the sandbox's default applies).
class SandboxProcess
{
public:
    explicit SandboxProcess(QStringList extraArgs = {}, QString api = QStringLiteral("0.28"));
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
    QString api() const { return m_api; }
    QByteArray output() const { return m_output; }
    void setExtraArgs(const QStringList &args) { m_extraArgs = args; }
    // Takes effect at the next start().
    void setApi(const QString &api) { m_api = api; }

    static QString binaryPath();

private:
    QProcess m_process;
    QTemporaryDir m_dataDir;
    QStringList m_extraArgs;
    QString m_api;
    QString m_token = QStringLiteral("test-token-0123456789");
    QUrl m_url;
    QString m_error;
    QByteArray m_output;
};
