#include "sandboxprocess.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QRegularExpression>

#include <csignal>
#include <sys/prctl.h>

SandboxProcess::SandboxProcess(QStringList extraArgs, QString api)
    : m_extraArgs(std::move(extraArgs)), m_api(std::move(api))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // A test that crashes never runs this destructor: the kernel then stops its sandbox, so no
    // server outlives the test and holds its port or data directory.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

SandboxProcess::~SandboxProcess()
{
    stop();
}

QString SandboxProcess::binaryPath()
{
    const QByteArray fromEnv = qgetenv("IVCAP_SANDBOX_BIN");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    return QFileInfo(QStringLiteral(IVCAP_SANDBOX_BIN)).absoluteFilePath();
}

bool SandboxProcess::start()
{
    m_output.clear();
    // A restart comes back on the same port, as a real server would, so clients can resume.
    const int port = m_url.isValid() ? m_url.port() : 0;
    m_url.clear();
    QStringList args{QStringLiteral("--port"),  QString::number(port),
                     QStringLiteral("--token"), m_token,
                     QStringLiteral("--data"),  m_dataDir.path()};
    if (!m_api.isEmpty())
        args << QStringLiteral("--api") << m_api;
    args += m_extraArgs;
    m_process.start(binaryPath(), args);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binaryPath(), m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(
        QStringLiteral("IVCAP sandbox listening on (http://127\\.0\\.0\\.1:\\d+)"));
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(200);
        m_output += m_process.readAll();
        const auto match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
    }
    m_error =
        QStringLiteral("sandbox did not report listening; output:\n") + QString::fromUtf8(m_output);
    m_process.kill();
    m_process.waitForFinished(5000);
    return false;
}

void SandboxProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
}

void SandboxProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SandboxProcess::restart(bool crash)
{
    crash ? kill() : stop();
    return start();
}
