#include "api/connection.h"
#include "sandboxprocess.h"
#include "transfer/downloadjob.h"
#include "transfer/uploadjob.h"
#include "transferfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;
using namespace transferfixture;

// UploadJob and DownloadJob against a real sandbox: chunking, pause, crashes, offset recovery.
class TestTransferJobs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void multiChunkUpload();
    void pauseAndResume();
    void sandboxCrashMidUpload();
    void offsetMismatchRecovers();
    void cancel();
    void changedSourceFails();
    void downloadRetried();

private:
    UploadOptions smallChunks() const;
    bool waitDone(UploadJob &job, int ms = 120000);

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Connection m_connection;
};

void TestTransferJobs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!m_sandbox.start())
        QSKIP(qPrintable(QStringLiteral("sandbox not available: ") + m_sandbox.errorString()));
    m_connection.setBaseUrl(m_sandbox.url());
    m_connection.setToken(m_sandbox.token());
    m_connection.setTimeoutMs(5000);
}

UploadOptions TestTransferJobs::smallChunks() const
{
    UploadOptions options;
    options.chunkSize = 64 * 1024;
    options.retryDelayMs = 100;
    options.maxRetries = 8;
    options.maxRetryDelayMs = 2000;
    return options;
}

bool TestTransferJobs::waitDone(UploadJob &job, int ms)
{
    if (TransferState::isFinal(job.state()))
        return job.state() == TransferState::Done;
    QSignalSpy finished(&job, &UploadJob::finished);
    finished.wait(ms);
    if (job.state() != TransferState::Done)
        qWarning() << "upload ended as" << job.state() << job.errorMessage();
    return job.state() == TransferState::Done;
}

void TestTransferJobs::multiChunkUpload()
{
    const QString path = m_dir.filePath(QStringLiteral("multi.bin"));
    const QByteArray sha = writeRandomFile(path, 3 * 1024 * 1024 + 123, 1);
    const int before = artifactCount(&m_connection);
    UploadJob job(&m_connection, path, smallChunks());
    QSignalSpy progress(&job, &UploadJob::progress);
    job.start();
    QVERIFY(waitDone(job));
    QVERIFY(progress.count() >= 48);
    // Progress never goes backwards and ends at the size.
    qint64 last = 0;
    for (const auto &args : std::as_const(progress)) {
        QVERIFY(args.at(0).toLongLong() >= last);
        last = args.at(0).toLongLong();
    }
    QCOMPARE(last, job.totalBytes());
    QCOMPARE(artifactCount(&m_connection), before + 1);
    QCOMPARE(downloadSha(&m_connection, job.artifactId(), m_dir.path()), sha);
}

void TestTransferJobs::pauseAndResume()
{
    const QString path = m_dir.filePath(QStringLiteral("pause.bin"));
    const QByteArray sha = writeRandomFile(path, 2 * 1024 * 1024, 2);
    const int before = artifactCount(&m_connection);
    UploadJob job(&m_connection, path, smallChunks());
    connect(
        &job, &UploadJob::progress, &job,
        [&job](qint64 done) {
            if (done > 0 && done < job.totalBytes())
                job.pause();
        },
        Qt::SingleShotConnection);
    QSignalSpy states(&job, &UploadJob::stateChanged);
    job.start();
    QTRY_COMPARE(job.state(), TransferState::Paused);
    const qint64 pausedAt = job.confirmedBytes();
    QVERIFY(pausedAt > 0 && pausedAt < job.totalBytes());
    job.resume();
    QVERIFY(waitDone(job));
    QCOMPARE(artifactCount(&m_connection), before + 1);
    QCOMPARE(downloadSha(&m_connection, job.artifactId(), m_dir.path()), sha);
}

void TestTransferJobs::sandboxCrashMidUpload()
{
    const QString path = m_dir.filePath(QStringLiteral("crash.bin"));
    const QByteArray sha = writeRandomFile(path, 3 * 1024 * 1024, 3);
    const int before = artifactCount(&m_connection);
    UploadJob job(&m_connection, path, smallChunks());
    // Kill -9 right after the first confirmed chunk, so the next PATCH meets a dead server.
    connect(
        &job, &UploadJob::progress, &job, [this](qint64) { m_sandbox.kill(); },
        Qt::SingleShotConnection);
    QSignalSpy retrying(&job, &UploadJob::retrying);
    job.start();
    QVERIFY(retrying.wait(30000));
    QVERIFY(m_sandbox.start()); // same port, same data
    QVERIFY(waitDone(job));
    QVERIFY(job.retriesUsed() >= 1);
    QCOMPARE(artifactCount(&m_connection), before + 1);
    QCOMPARE(downloadSha(&m_connection, job.artifactId(), m_dir.path()), sha);
}

void TestTransferJobs::offsetMismatchRecovers()
{
    const QString path = m_dir.filePath(QStringLiteral("offset.bin"));
    const QByteArray sha = writeRandomFile(path, 1024 * 1024, 4);
    UploadJob job(&m_connection, path, smallChunks());
    // After the first chunk, act as if its answer had been lost: the next PATCH carries a
    // stale offset, the server answers 409, and HEAD must bring us back in step.
    connect(
        &job, &UploadJob::progress, &job, [&job](qint64) { job.setOffsetForTesting(0); },
        Qt::SingleShotConnection);
    job.start();
    QVERIFY(waitDone(job));
    QVERIFY(job.retriesUsed() >= 1);
    QCOMPARE(downloadSha(&m_connection, job.artifactId(), m_dir.path()), sha);
}

void TestTransferJobs::cancel()
{
    const QString path = m_dir.filePath(QStringLiteral("cancel.bin"));
    writeRandomFile(path, 2 * 1024 * 1024, 5);
    UploadJob job(&m_connection, path, smallChunks());
    connect(
        &job, &UploadJob::progress, &job, [&job](qint64) { job.cancel(); },
        Qt::SingleShotConnection);
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(job.state(), TransferState::Cancelled);
    QVERIFY(job.confirmedBytes() < job.totalBytes());
}

void TestTransferJobs::changedSourceFails()
{
    const QString path = m_dir.filePath(QStringLiteral("changed.bin"));
    writeRandomFile(path, 512 * 1024, 6);
    UploadJob job(&m_connection, path, smallChunks());
    connect(
        &job, &UploadJob::progress, &job,
        [path](qint64) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            file.write("more bytes than were queued");
        },
        Qt::SingleShotConnection);
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(job.state(), TransferState::Failed);
    QVERIFY2(job.errorMessage().contains(QStringLiteral("changed")),
             qPrintable(job.errorMessage()));
}

void TestTransferJobs::downloadRetried()
{
    const QString path = m_dir.filePath(QStringLiteral("down.bin"));
    const QByteArray sha = writeRandomFile(path, 1024 * 1024, 7);
    UploadJob upload(&m_connection, path, UploadOptions());
    upload.start();
    QVERIFY(waitDone(upload));

    // The server is down when the download starts; the job must retry until it is back.
    m_sandbox.kill();
    const QString target = m_dir.filePath(QStringLiteral("down.copy"));
    DownloadJob job(&m_connection, upload.artifactId(), target);
    job.setRetryDelayMs(200);
    job.setMaxRetries(8);
    QSignalSpy retrying(&job, &DownloadJob::retrying);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(retrying.wait(30000));
    QVERIFY(m_sandbox.start());
    QVERIFY(finished.wait(60000));
    QCOMPARE(job.state(), TransferState::Done);
    QVERIFY(job.retriesUsed() >= 1);
    QCOMPARE(sha256OfFile(target), sha);
}

QTEST_GUILESS_MAIN(TestTransferJobs)
#include "tst_transfer_jobs.moc"
