#include "exchange.h"
#include "api/connection.h"
#include "dialecttest.h"
#include "sandboxprocess.h"
#include "transfer/downloadjob.h"
#include "transfer/uploadjob.h"
#include "transferfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ivcap;
using namespace transferfixture;

// UploadJob and DownloadJob against a real sandbox: chunking, pause, crashes, offset recovery.
class TestTransferJobs : public QObject
{
    Q_OBJECT
public:
    explicit TestTransferJobs(const QString &api) : m_api(api), m_sandbox({}, api) {}

private Q_SLOTS:
    void initTestCase();
    void multiChunkUpload();
    void pauseAndResume();
    void sandboxCrashMidUpload();
    void offsetMismatchRecovers();
    void cancel();
    void changedSourceFails();
    void downloadRetried();
    void pauseWhileCreatingMakesOneArtifact();
    void sandboxServesRanges();
    void interruptedDownloadResumes();
    void failedDownloadLeavesNoFile();
    void streamedUploadDefersLength_data();
    void streamedUploadDefersLength();
    void tokenExpiringMidUploadIsRenewed();
    void refusedRenewalEndsTheUpload();
    void tokenExpiringBeforeDownloadIsRenewed();

private:
    UploadOptions smallChunks() const;
    bool waitDone(UploadJob &job, int ms = 120000);

    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Connection m_connection;
};

void TestTransferJobs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
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

// A private sandbox with fault switches, so their counts are not used up by other tests.
struct FaultySandbox
{
    FaultySandbox(const QStringList &faults, const QString &api) : process(faults, api) {}
    bool start()
    {
        if (!process.start())
            return false;
        connection.setBaseUrl(process.url());
        connection.setToken(process.token());
        connection.setTimeoutMs(10000);
        return true;
    }
    // Uploads `size` random bytes; returns the artifact id, empty on failure.
    QString upload(const QString &path, qint64 size, quint32 seed, QByteArray *sha = nullptr)
    {
        const QByteArray hash = writeRandomFile(path, size, seed);
        if (sha)
            *sha = hash;
        UploadJob job(&connection, path, UploadOptions());
        QSignalSpy finished(&job, &UploadJob::finished);
        job.start();
        finished.wait(60000);
        return job.state() == TransferState::Done ? job.artifactId() : QString();
    }
    int blobCount() const
    {
        return int(
            QDir(process.dataDir() + QStringLiteral("/blobs")).entryList(QDir::Files).size());
    }
    SandboxProcess process;
    Connection connection;
};

void TestTransferJobs::pauseWhileCreatingMakesOneArtifact()
{
    // Every answer comes late, so the artifact exists on the server while its POST's answer
    // is still on the way: the moment a pause must not lose it.
    FaultySandbox sandbox({QStringLiteral("--fault-delay"), QStringLiteral("1500")}, m_api);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.process.errorString()));
    const QString path = m_dir.filePath(QStringLiteral("creating.bin"));
    const QByteArray sha = writeRandomFile(path, 100 * 1024, 8);
    QCOMPARE(sandbox.blobCount(), 0);
    UploadJob job(&sandbox.connection, path, smallChunks());
    QSignalSpy created(&job, &UploadJob::created);
    job.start();
    QCOMPARE(job.state(), TransferState::Creating);
    QTRY_COMPARE_WITH_TIMEOUT(sandbox.blobCount(), 1, 10000); // the server made it
    QCOMPARE(job.state(), TransferState::Creating);           // we have not heard yet
    job.pause();
    QCOMPARE(job.state(), TransferState::Paused);
    job.resume();
    QVERIFY(waitDone(job));
    QCOMPARE(created.count(), 1);
    QCOMPARE(sandbox.blobCount(), 1);
    QCOMPARE(artifactCount(&sandbox.connection), 1);
    QCOMPARE(downloadSha(&sandbox.connection, job.artifactId(), m_dir.path()), sha);
}

void TestTransferJobs::sandboxServesRanges()
{
    const QString path = m_dir.filePath(QStringLiteral("range.bin"));
    writeRandomFile(path, 200000, 9);
    UploadJob upload(&m_connection, path, UploadOptions());
    upload.start();
    QVERIFY(waitDone(upload));
    QFile source(path);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();

    const auto get = [this, &upload](const QByteArray &range) {
        return test::exchange(&m_connection, "GET", upload.dataUrl(), {{"Range", range}});
    };
    const test::Exchange tail = get("bytes=150000-");
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.header("Content-Range"), QByteArray("bytes 150000-199999/200000"));
    QCOMPARE(tail.body, bytes.mid(150000));
    const test::Exchange middle = get("bytes=10-19");
    QCOMPARE(middle.status, 206);
    QCOMPARE(middle.body, bytes.mid(10, 10));
    const test::Exchange beyond = get("bytes=200000-");
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), QByteArray("bytes */200000"));
}

void TestTransferJobs::interruptedDownloadResumes()
{
    // The first two downloads are cut off after 300,000 body bytes each.
    FaultySandbox sandbox({QStringLiteral("--fault-drop-after"), QStringLiteral("300000"),
                           QStringLiteral("--fault-drop-times"), QStringLiteral("2")},
                          m_api);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.process.errorString()));
    const qint64 size = 1024 * 1024 + 17;
    QByteArray sha;
    const QString id = sandbox.upload(m_dir.filePath(QStringLiteral("resume.bin")), size, 10, &sha);
    QVERIFY(!id.isEmpty());

    const QString target = m_dir.filePath(QStringLiteral("resume.copy"));
    DownloadJob job(&sandbox.connection, id, target);
    job.setRetryDelayMs(100);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(60000));
    QCOMPARE(job.state(), TransferState::Done);
    // At least one cut reached the job: a slow client (under ASan on a loaded machine) has been
    // seen to meet only one of the two. Whatever the count, each retry resumed.
    QVERIFY2(job.retriesUsed() >= 1 && job.retriesUsed() <= 2,
             qPrintable(QString::number(job.retriesUsed())));
    // Each retry asked only for the rest: no byte came over the wire twice.
    QCOMPARE(job.fetchedBytes(), size);
    QCOMPARE(QFileInfo(target).size(), size);
    QCOMPARE(sha256OfFile(target), sha);
}

void TestTransferJobs::failedDownloadLeavesNoFile()
{
    FaultySandbox sandbox({QStringLiteral("--fault-drop-after"), QStringLiteral("50000")}, m_api);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.process.errorString()));
    const QString id = sandbox.upload(m_dir.filePath(QStringLiteral("nofile.bin")), 200000, 11);
    QVERIFY(!id.isEmpty());

    const QString target = m_dir.filePath(QStringLiteral("nofile.copy"));
    DownloadJob job(&sandbox.connection, id, target);
    job.setMaxRetries(0);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(job.state(), TransferState::Failed);
    QVERIFY(job.receivedBytes() < 200000);
    QVERIFY(!QFile::exists(target));
    QVERIFY(!job.errorMessage().isEmpty());
}

void TestTransferJobs::streamedUploadDefersLength_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QStringList>("faults");
    QTest::newRow("odd size") << qint64(300 * 1024 + 5) << QStringList();
    // The end is only known after the last full chunk went up: an empty PATCH says the length.
    QTest::newRow("chunk boundary") << qint64(4 * 64 * 1024) << QStringList();
    QTest::newRow("503s resend the buffered chunk")
        << qint64(200 * 1024) << QStringList{QStringLiteral("--fault-503"), QStringLiteral("3")};
}

void TestTransferJobs::streamedUploadDefersLength()
{
    QFETCH(qint64, size);
    QFETCH(QStringList, faults);
    FaultySandbox sandbox(faults, m_api);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.process.errorString()));
    const QString path = m_dir.filePath(QStringLiteral("stream.bin"));
    const QByteArray sha = writeRandomFile(path, size, 12);

    // A pipe: `cat` writes the bytes to us, and nobody knows how many until it ends.
    QProcess cat;
    cat.start(QStringLiteral("cat"), {path});
    QVERIFY(cat.waitForStarted());
    UploadOptions options = smallChunks();
    options.name = QStringLiteral("stream.bin");
    UploadJob job(&sandbox.connection, &cat, options);
    QVERIFY(job.isStreamed());
    QCOMPARE(job.totalBytes(), qint64(-1));
    job.start();
    QVERIFY(waitDone(job));
    QCOMPARE(job.totalBytes(), size);
    QCOMPARE(job.confirmedBytes(), size);
    QCOMPARE(job.retriesUsed(), faults.isEmpty() ? 0 : 3);
    QCOMPARE(artifactCount(&sandbox.connection), 1);
    QCOMPARE(downloadSha(&sandbox.connection, job.artifactId(), m_dir.path()), sha);
    cat.waitForFinished();
}

namespace {
// A connection to the shared sandbox whose token "expires" on demand and whose refresh hook
// puts the good token back (or refuses to), counting how often it was asked.
struct ExpiringConnection
{
    ExpiringConnection(const QUrl &url, const QString &token, bool renews) : connection(url, token)
    {
        connection.setTimeoutMs(5000);
        connection.setRefreshHandler([this, token, renews](Connection::RefreshDone done) {
            ++refreshes;
            if (renews)
                connection.setToken(token);
            QTimer::singleShot(0, &connection, [done, renews] { done(renews); });
        });
    }
    void expire() { connection.setToken(QStringLiteral("expired-token")); }

    Connection connection;
    int refreshes = 0;
};
} // namespace

void TestTransferJobs::tokenExpiringMidUploadIsRenewed()
{
    const QString path = m_dir.filePath(QStringLiteral("renew.bin"));
    const QByteArray sha = writeRandomFile(path, 1024 * 1024 + 17, 11);
    ExpiringConnection c(m_sandbox.url(), m_sandbox.token(), true);
    const int before = artifactCount(&m_connection);
    UploadJob job(&c.connection, path, smallChunks());
    connect(
        &job, &UploadJob::progress, &job,
        [&c](qint64 done) {
            if (done > 0)
                c.expire(); // the next PATCH meets a 401
        },
        Qt::SingleShotConnection);
    job.start();
    QVERIFY(waitDone(job));
    QCOMPARE(c.refreshes, 1);
    QCOMPARE(artifactCount(&m_connection), before + 1);
    QCOMPARE(downloadSha(&m_connection, job.artifactId(), m_dir.path()), sha);
}

void TestTransferJobs::refusedRenewalEndsTheUpload()
{
    const QString path = m_dir.filePath(QStringLiteral("norenew.bin"));
    writeRandomFile(path, 512 * 1024, 12);
    ExpiringConnection c(m_sandbox.url(), m_sandbox.token(), false);
    UploadJob job(&c.connection, path, smallChunks());
    connect(
        &job, &UploadJob::progress, &job,
        [&c](qint64 done) {
            if (done > 0)
                c.expire();
        },
        Qt::SingleShotConnection);
    job.start();
    QVERIFY(!waitDone(job, 30000));
    QCOMPARE(job.state(), TransferState::Failed);
    QCOMPARE(c.refreshes, 1); // asked once, not in a loop
    QVERIFY2(job.errorMessage().contains(QLatin1String("Not signed in")),
             qPrintable(job.errorMessage()));
    QVERIFY(job.confirmedBytes() > 0 && job.confirmedBytes() < job.totalBytes());
}

void TestTransferJobs::tokenExpiringBeforeDownloadIsRenewed()
{
    const QString path = m_dir.filePath(QStringLiteral("renew-down.bin"));
    const QByteArray sha = writeRandomFile(path, 300 * 1024, 13);
    UploadJob upload(&m_connection, path, UploadOptions());
    upload.start();
    QVERIFY(waitDone(upload));
    ExpiringConnection c(m_sandbox.url(), m_sandbox.token(), true);
    c.expire();
    const QString target = m_dir.filePath(QStringLiteral("renew-down.copy"));
    DownloadJob job(&c.connection, upload.artifactId(), target);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(job.state(), TransferState::Done);
    QCOMPARE(c.refreshes, 1);
    QCOMPARE(sha256OfFile(target), sha);
}

IVCAP_DIALECT_TEST_MAIN(TestTransferJobs)
#include "tst_transfer_jobs.moc"
