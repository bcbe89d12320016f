// One ivcap-desktop per profile, tried with real processes: a second launch hands its files and
// view to the running one and exits at once, the private sandbox is never started twice, and it
// ends with the app however the app ends (SIGTERM, SIGKILL). With IVCAP_TEST_PRIVATE_BUS set the
// test runs on a private D-Bus session bus (the D-Bus hand-over); otherwise without one (the
// local-socket fallback).
#include "privatebus.h"
#include "singleinstance.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using ivcap::app::SingleInstance;

namespace {
std::unique_ptr<PrivateBus> privateBus;

// A process that is gone, or only a zombie waiting for a parent that does not reap it.
bool isGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) == "Z" || line.mid(close + 2, 1) == "X";
}
} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT
private:
    // A profile of its own per test: settings, data (the sandbox's) and runtime directory.
    struct Profile
    {
        QTemporaryDir home;
        QString config() const { return home.path() + QStringLiteral("/config"); }
        QString data() const { return home.path() + QStringLiteral("/data"); }
        QString settingsFile() const
        {
            return config() + QStringLiteral("/CSIRO/ivcap-desktop.conf");
        }
        QString sandboxLock() const
        {
            // The private sandbox speaks v0.48 unless asked otherwise, in a directory of its own.
            return data() + QStringLiteral("/CSIRO/ivcap-desktop/sandbox-0.48/ivcap-sandbox.lock");
        }
        QProcessEnvironment environment() const
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), config());
            env.insert(QStringLiteral("XDG_DATA_HOME"), data());
            env.remove(QStringLiteral("IVCAP_URL"));
            env.remove(QStringLiteral("IVCAP_JWT"));
            return env;
        }
    };

    static void startDesktop(QProcess &process, const Profile &profile, const QStringList &args)
    {
        process.setProcessEnvironment(profile.environment());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(IVCAP_DESKTOP_BIN), args);
        process.waitForStarted(30000);
    }

    // The pid of the sandbox the app started, once it holds its data directory.
    static qint64 sandboxPid(const Profile &profile, QProcess &app)
    {
        QLockFile lock(profile.sandboxLock());
        qint64 pid = 0;
        for (int i = 0; i < 600 && app.state() == QProcess::Running; ++i) {
            QString host, name;
            if (QFile::exists(profile.sandboxLock()) && lock.getLockInfo(&pid, &host, &name) &&
                !isGone(pid))
                return pid;
            app.waitForFinished(100); // returns early if the app ends
        }
        return 0;
    }

    static void stopDesktop(QProcess &process)
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.kill();
        process.waitForFinished(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet("IVCAP_TEST_PRIVATE_BUS")) {
            privateBus = std::make_unique<PrivateBus>();
            QVERIFY2(privateBus->start(), qPrintable(privateBus->errorString()));
            qputenv("DBUS_SESSION_BUS_ADDRESS", privateBus->address().toLocal8Bit());
        } else {
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        }
    }

    void aSecondLaunchHandsItsFilesAndViewToTheRunningInstance()
    {
        Profile profile;
        SingleInstance running(profile.settingsFile());
        QCOMPARE(running.claimOrHandOver({}, {}), SingleInstance::Role::Primary);
        QCOMPARE(running.transport(),
                 privateBus ? QStringLiteral("dbus") : QStringLiteral("local"));
        QSignalSpy received(&running, &SingleInstance::handOverReceived);

        const QString file = profile.home.filePath(QStringLiteral("data file.csv"));
        QFile(file).open(QIODevice::WriteOnly);
        QProcess second;
        second.setWorkingDirectory(profile.home.path());
        startDesktop(
            second, profile,
            {QStringLiteral("--view"), QStringLiteral("orders"), QStringLiteral("data file.csv")});
        QVERIFY(received.wait(30000));
        QCOMPARE(received.at(0).at(0).toStringList(), QStringList{file});
        QCOMPARE(received.at(0).at(1).toString(), QStringLiteral("orders"));
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 30000);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(second.readAll().contains("already running"), "no word of the hand-over");
    }

    void aSecondAppWithASandboxIsNotStarted()
    {
        Profile profile;
        QProcess first;
        startDesktop(first, profile, {QStringLiteral("--sandbox")});
        const qint64 sandbox = sandboxPid(profile, first);
        QVERIFY2(sandbox > 0, first.readAll().constData());

        const QString file = profile.home.filePath(QStringLiteral("upload.txt"));
        QFile(file).open(QIODevice::WriteOnly);
        QProcess second;
        startDesktop(second, profile, {QStringLiteral("--sandbox"), file});
        const bool ended = second.waitForFinished(30000);
        const QByteArray output = second.readAll();
        stopDesktop(second);
        QVERIFY2(ended, "the second launch kept running beside the first");
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(output.contains("already running"), output.constData());
        QCOMPARE(first.state(), QProcess::Running);
        QVERIFY(!isGone(sandbox));
        stopDesktop(first);
    }

    void theSandboxEndsWithTheApp_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGKILL") << int(SIGKILL);
    }

    void theSandboxEndsWithTheApp()
    {
        QFETCH(int, signal);
        Profile profile;
        QProcess app;
        startDesktop(app, profile, {QStringLiteral("--sandbox")});
        const qint64 sandbox = sandboxPid(profile, app);
        QVERIFY2(sandbox > 0, app.readAll().constData());

        ::kill(pid_t(app.processId()), signal);
        const bool ended = app.waitForFinished(30000);
        stopDesktop(app);
        QVERIFY2(ended, "the app kept running after the signal");
        if (signal != SIGKILL) {
            QCOMPARE(app.exitStatus(), QProcess::NormalExit);
            QCOMPARE(app.exitCode(), 0);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(isGone(sandbox), "the sandbox outlived the app", 30000);
        // Its data directory is free again (a lock left by a sandbox stopped before it set up
        // its signal handling is stale), so the next start gets its sandbox.
        QProcess next;
        startDesktop(next, profile, {QStringLiteral("--sandbox")});
        const qint64 nextSandbox = sandboxPid(profile, next);
        stopDesktop(next);
        QVERIFY2(nextSandbox > 0 && nextSandbox != sandbox, next.readAll().constData());
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    TestSingleInstance test;
    const int result = QTest::qExec(&test, argc, argv);
    privateBus.reset();
    return result;
}

#include "tst_single_instance.moc"
