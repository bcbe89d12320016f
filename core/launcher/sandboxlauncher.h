#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace ivcap {

// Runs a private ivcap-sandbox as a child process on a free loopback port and reports its URL
// once it is listening. The child is stopped when the launcher goes away, and on Linux also
// when the app dies without cleaning up (PR_SET_PDEATHSIG), so it never outlives the app.
class SandboxLauncher : public QObject
{
    Q_OBJECT
public:
    explicit SandboxLauncher(QObject *parent = nullptr);
    ~SandboxLauncher() override;

    // Starts the sandbox with `dataDir` (created if missing) and a fresh random token,
    // speaking the IVCAP API dialect `api` ("0.28" or "0.48"). A data directory keeps the
    // dialect it was created with, so each dialect needs its own directory; a mismatch is
    // reported through failed().
    void start(const QString &dataDir, const QString &api = QStringLiteral("0.28"));
    void stop();

    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // ivcap-sandbox beside the running executable, else the one on PATH.
    static QString sandboxExecutable();
    static QString defaultDataDir();

Q_SIGNALS:
    void ready(const QUrl &url, const QString &token);
    void failed(const QString &message);

private:
    void readOutput();

    QProcess m_process;
    QByteArray m_output;
    QUrl m_url;
    QString m_token;
    bool m_reported = false;
};

} // namespace ivcap
