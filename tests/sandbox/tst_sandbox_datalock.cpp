// One ivcap-sandbox per data directory: a second one on a directory in use refuses with a clear
// message and a non-zero status, and a directory whose sandbox was killed can be used again.
#include "sandboxprocess.h"

#include <QProcess>
#include <QTest>

class TestSandboxDataLock : public QObject
{
    Q_OBJECT
private:
    static int runSecond(const QString &dataDir, QByteArray *errors, bool *listening)
    {
        QProcess second;
        second.start(SandboxProcess::binaryPath(),
                     {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"),
                      QStringLiteral("t"), QStringLiteral("--data"), dataDir,
                      // the dialect SandboxProcess gives the first one
                      QStringLiteral("--api"), QStringLiteral("0.28")});
        // It either refuses at once or comes up; a sandbox that comes up is stopped again.
        QByteArray output;
        while (second.waitForReadyRead(30000) || second.state() == QProcess::Running) {
            output += second.readAllStandardOutput();
            if (output.contains("listening on")) {
                *listening = true;
                second.terminate();
                second.waitForFinished(10000);
                return 0;
            }
            if (second.state() != QProcess::Running)
                break;
        }
        second.waitForFinished(10000);
        *errors = second.readAllStandardError();
        return second.exitCode();
    }

private Q_SLOTS:
    void aSecondSandboxOnTheSameDataRefusesClearly()
    {
        SandboxProcess first;
        QVERIFY2(first.start(), qPrintable(first.errorString()));
        QByteArray errors;
        bool listening = false;
        const int code = runSecond(first.dataDir(), &errors, &listening);
        QVERIFY2(!listening, "two sandboxes served one data directory");
        QCOMPARE(code, 1);
        QVERIFY2(errors.contains("in use by another ivcap-sandbox"), errors.constData());
        QVERIFY2(errors.contains(first.dataDir().toUtf8()), errors.constData());
    }

    void aDirectoryIsFreeAgainAfterACleanStopOrAKill()
    {
        SandboxProcess first;
        QVERIFY2(first.start(), qPrintable(first.errorString()));
        first.stop();
        QByteArray errors;
        bool listening = false;
        runSecond(first.dataDir(), &errors, &listening);
        QVERIFY2(listening, errors.constData());

        QVERIFY2(first.start(), qPrintable(first.errorString()));
        first.kill(); // leaves its lock file behind, held by a process that no longer exists
        listening = false;
        runSecond(first.dataDir(), &errors, &listening);
        QVERIFY2(listening, errors.constData());
    }
};

QTEST_GUILESS_MAIN(TestSandboxDataLock)
#include "tst_sandbox_datalock.moc"
