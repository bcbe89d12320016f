#include "sandboxlauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace ivcap {

SandboxLauncher::SandboxLauncher(QObject *parent) : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // The app may end without running its destructors (SIGKILL, a crash): the kernel then sends
    // the sandbox SIGTERM, so it never outlives the app and keeps its data directory locked.
    const pid_t app = ::getpid();
    m_process.setChildProcessModifier([app] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != app) // the app died before the line above took effect
            ::raise(SIGTERM);
    });
#endif
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &SandboxLauncher::readOutput);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (m_reported)
            return;
        m_reported = true;
        Q_EMIT failed(tr("Could not start the sandbox (%1): %2")
                          .arg(m_process.program(), m_process.errorString()));
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (m_reported)
            return;
        m_reported = true;
        const QString detail = QString::fromUtf8(m_process.readAllStandardError()).trimmed();
        Q_EMIT failed(
            tr("The sandbox stopped before it was ready (exit code %1). %2").arg(code).arg(detail));
    });
}

SandboxLauncher::~SandboxLauncher()
{
    stop();
}

QString SandboxLauncher::sandboxExecutable()
{
    const QString sibling =
        QCoreApplication::applicationDirPath() + QStringLiteral("/ivcap-sandbox");
    if (QFileInfo(sibling).isExecutable())
        return sibling;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("ivcap-sandbox"));
    return onPath.isEmpty() ? sibling : onPath;
}

QStringList SandboxLauncher::supportedApis()
{
    return {QStringLiteral("0.48"), QStringLiteral("0.28")};
}

QString SandboxLauncher::defaultDataDir(const QString &api)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                         QStringLiteral("/sandbox");
    return api == QLatin1String("0.28") ? base : base + QLatin1Char('-') + api;
}

void SandboxLauncher::start(const QString &dataDir, const QString &api)
{
    stop();
    QDir().mkpath(dataDir);
    m_output.clear();
    m_url.clear();
    m_api = api;
    m_reported = false;
    // The token only has to be unguessable by other local users for this session.
    m_token = QString::number(QRandomGenerator::system()->generate64(), 36) +
              QString::number(QRandomGenerator::system()->generate64(), 36);
    m_process.start(sandboxExecutable(),
                    {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"),
                     m_token, QStringLiteral("--data"), dataDir, QStringLiteral("--api"), api});
}

void SandboxLauncher::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_reported = true; // an exit we asked for is not a failure
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void SandboxLauncher::readOutput()
{
    m_output += m_process.readAllStandardOutput();
    if (m_reported)
        return;
    static const QRegularExpression listening(
        QStringLiteral("IVCAP sandbox listening on (http://127\\.0\\.0\\.1:\\d+)"));
    const auto match = listening.match(QString::fromUtf8(m_output));
    if (!match.hasMatch())
        return;
    m_reported = true;
    m_url = QUrl(match.captured(1));
    Q_EMIT ready(m_url, m_token);
}

} // namespace ivcap
