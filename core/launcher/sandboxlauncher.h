#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
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
    // speaking the IVCAP API dialect `api` ("0.28" or "0.48"; see isSupportedApi). A data
    // directory keeps the dialect it was created with, so each dialect needs its own directory
    // (defaultDataDir); a mismatch, like any other start failure, is reported through
    // failed() with the sandbox's own message.
    void start(const QString &dataDir, const QString &api = defaultApi());
    void stop();

    QUrl url() const { return m_url; }
    // The dialect asked of the running (or last started) sandbox.
    QString api() const { return m_api; }
    QString token() const { return m_token; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // ivcap-sandbox beside the running executable, else the one on PATH.
    static QString sandboxExecutable();
    // The dialect the private sandbox speaks unless asked otherwise: today's API, "0.48".
    static QString defaultApi() { return QStringLiteral("0.48"); }
    // The dialects ivcap-sandbox speaks: "0.48" and "0.28".
    static QStringList supportedApis();
    static bool isSupportedApi(const QString &api) { return supportedApis().contains(api); }
    // The private sandbox's data directory for a dialect, under the app's data location:
    // `sandbox` for 0.28 (where the app kept its v0.28 sandbox before it spoke 0.48, so that
    // data stays where it was and keeps working with `--sandbox-api 0.28`) and `sandbox-0.48`
    // for 0.48 (which a directory created by 0.28 would refuse).
    static QString defaultDataDir(const QString &api = defaultApi());

Q_SIGNALS:
    void ready(const QUrl &url, const QString &token);
    void failed(const QString &message);

private:
    void readOutput();

    QProcess m_process;
    QByteArray m_output;
    QUrl m_url;
    QString m_token;
    QString m_api;
    bool m_reported = false;
};

} // namespace ivcap
