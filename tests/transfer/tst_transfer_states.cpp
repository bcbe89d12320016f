// What the transfer queue tells the user: a dropped folder becomes its files (and a list of
// what was skipped), "Clear finished", "retrying" instead of a stale speed and ETA after a lost
// connection, and a cancelled upload that says its partly uploaded artifact stays.
#include "api/connection.h"
#include "dialecttest.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"
#include "transfer/uploadselection.h"
#include "transferfixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ivcap;
using namespace transferfixture;

class TestTransferStates : public QObject
{
    Q_OBJECT
public:
    explicit TestTransferStates(const QString &api)
        : m_api(api), m_sandbox({}, api),
          m_faulty({QStringLiteral("--fault-503"), QStringLiteral("3")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    SandboxProcess m_faulty;
    QTemporaryDir m_dir;

    static int state(const TransferQueueModel &model, int row)
    {
        return model.index(row).data(TransferQueueModel::StateRole).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        QVERIFY2(m_faulty.start(), qPrintable(m_faulty.errorString()));
    }

    void folderBecomesItsFiles()
    {
        QTemporaryDir root;
        QDir dir(root.path());
        QVERIFY(dir.mkpath(QStringLiteral("photos/2024")));
        QVERIFY(dir.mkpath(QStringLiteral(".git")));
        writeRandomFile(dir.filePath(QStringLiteral("photos/b.jpg")), 10, 1);
        writeRandomFile(dir.filePath(QStringLiteral("photos/a.jpg")), 10, 2);
        writeRandomFile(dir.filePath(QStringLiteral("photos/2024/c.jpg")), 10, 3);
        writeRandomFile(dir.filePath(QStringLiteral("photos/.DS_Store")), 10, 4);
        writeRandomFile(dir.filePath(QStringLiteral(".git/config")), 10, 5);
        QVERIFY(::mkfifo(qPrintable(dir.filePath(QStringLiteral("photos/pipe"))), 0600) == 0);

        const UploadSelection selection = UploadSelection::expand(
            {dir.filePath(QStringLiteral("photos")),
             dir.filePath(QStringLiteral("photos/a.jpg")), // twice: once is enough
             dir.filePath(QStringLiteral("missing.txt"))});
        QCOMPARE(selection.folders, 1);
        QCOMPARE(selection.files, QStringList({dir.filePath(QStringLiteral("photos/2024/c.jpg")),
                                               dir.filePath(QStringLiteral("photos/a.jpg")),
                                               dir.filePath(QStringLiteral("photos/b.jpg"))}));
        QCOMPARE(selection.skipped.size(), 3); // .DS_Store, the pipe, the missing file
        QVERIFY(selection.skipped.join(QLatin1Char('\n')).contains(QLatin1String("hidden")));
        QVERIFY(selection.skipped.join(QLatin1Char('\n')).contains(QLatin1String("regular")));
        QCOMPARE(selection.summary(),
                 QStringLiteral("3 file(s) from 1 folder(s) queued; 3 skipped."));
    }

    void clearFinishedRemovesEndedRows()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        TransferQueueModel model(&c, m_dir.filePath(QStringLiteral("clear.json")));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const QString small = m_dir.filePath(QStringLiteral("small.bin"));
        writeRandomFile(small, 1000, 7);
        model.addUpload(small);
        model.addUpload(small);
        QTRY_VERIFY_WITH_TIMEOUT(state(model, 0) == TransferState::Done &&
                                     state(model, 1) == TransferState::Done,
                                 20000);
        const QString big = m_dir.filePath(QStringLiteral("waiting.bin"));
        writeRandomFile(big, 1000, 8);
        model.addUpload(big);
        model.pause(2);
        QCOMPARE(model.clearFinished(), 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(state(model, 0), int(TransferState::Paused));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.activeCount(), 0);
        model.resume(0);
        QCOMPARE(model.activeCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Done), 20000);
    }

    void lostConnectionShowsRetryingNotStaleSpeed()
    {
        Connection c(m_faulty.url(), m_faulty.token());
        c.setApiVersion(m_api);
        TransferQueueModel model(&c, m_dir.filePath(QStringLiteral("retry.json")));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool sawRetrying = false;
        bool staleWhileRetrying = false;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&] {
            const QModelIndex index = model.index(0);
            if (!index.data(TransferQueueModel::RetryingRole).toBool())
                return;
            sawRetrying = true;
            staleWhileRetrying |= index.data(TransferQueueModel::SpeedRole).toDouble() != 0 ||
                                  index.data(TransferQueueModel::EtaRole).toLongLong() != -1;
        });
        const QString path = m_dir.filePath(QStringLiteral("retry.bin"));
        writeRandomFile(path, 300 * 1024, 9);
        UploadOptions options;
        options.chunkSize = 64 * 1024;
        options.retryDelayMs = 20;
        model.addUpload(path, options);
        QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Done), 30000);
        QVERIFY(sawRetrying);
        QVERIFY(!staleWhileRetrying);
        QVERIFY(!model.index(0).data(TransferQueueModel::RetryingRole).toBool());
    }

    void cancelledUploadSaysItsArtifactStays()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        TransferQueueModel model(&c, m_dir.filePath(QStringLiteral("cancel.json")));
        const QString path = m_dir.filePath(QStringLiteral("cancel.bin"));
        writeRandomFile(path, 30 * 1000 * 1000, 11);
        UploadOptions options;
        options.chunkSize = 64 * 1024;
        model.addUpload(path, options);
        QTRY_VERIFY_WITH_TIMEOUT(
            !model.index(0).data(TransferQueueModel::ArtifactIdRole).toString().isEmpty() &&
                model.index(0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong() > 0,
            20000);
        model.cancel(0);
        QTRY_COMPARE(state(model, 0), int(TransferState::Cancelled));
        const QString id = model.index(0).data(TransferQueueModel::ArtifactIdRole).toString();
        const QString note = model.index(0).data(TransferQueueModel::ErrorRole).toString();
        QVERIFY2(note.contains(id) && note.contains(QLatin1String("no way to delete")),
                 qPrintable(note));
    }
};

IVCAP_DIALECT_TEST_MAIN(TestTransferStates)
#include "tst_transfer_states.moc"
