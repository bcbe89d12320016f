#include "api/connection.h"
#include "dialecttest.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"
#include "transferfixture.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;
using namespace transferfixture;

// TransferQueueModel: concurrency, roles, and resuming from its state file without a second
// artifact.
class TestTransferQueue : public QObject
{
    Q_OBJECT
public:
    explicit TestTransferQueue(const QString &api) : m_api(api), m_sandbox({}, api) {}

private Q_SLOTS:
    void initTestCase();
    void uploadsRunWithinLimit();
    void restoredQueueResumes();
    void cancelAll();
    void repeated503sThenSuccess();
    void downloadPausesAndResumes();
    void switchingDeploymentKeepsEachQueue();
    void switchDuringCreateKeepsTheArtifact();

private:
    int state(TransferQueueModel &model, int row) const
    {
        return model.data(model.index(row), TransferQueueModel::StateRole).toInt();
    }

    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Connection m_connection;
};

void TestTransferQueue::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    m_connection.setBaseUrl(m_sandbox.url());
    m_connection.setToken(m_sandbox.token());
    m_connection.setApiVersion(m_api);
}

void TestTransferQueue::uploadsRunWithinLimit()
{
    TransferQueueModel model(&m_connection, m_dir.filePath(QStringLiteral("limit.json")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxConcurrent(2);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    int maxActive = 0;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] {
        int active = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const int s = state(model, row);
            active += (s == TransferState::Creating || s == TransferState::Uploading ||
                       s == TransferState::Verifying);
        }
        maxActive = qMax(maxActive, active);
    });
    UploadOptions options;
    options.chunkSize = 64 * 1024;
    QList<QByteArray> shas;
    const int before = artifactCount(&m_connection);
    for (int i = 0; i < 3; ++i) {
        const QString path = m_dir.filePath(QStringLiteral("q%1.bin").arg(i));
        shas << writeRandomFile(path, 700 * 1024, 10 + i);
        model.addUpload(path, options);
    }
    for (int row = 0; row < 3; ++row)
        QTRY_COMPARE_WITH_TIMEOUT(state(model, row), int(TransferState::Done), 60000);
    QVERIFY(maxActive <= 2);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(artifactCount(&m_connection), before + 3);
    for (int row = 0; row < 3; ++row) {
        const QModelIndex idx = model.index(row);
        QCOMPARE(idx.data(TransferQueueModel::ConfirmedBytesRole).toLongLong(), 700 * 1024);
        QCOMPARE(idx.data(TransferQueueModel::EtaRole).toLongLong(), -1);
        const QString id = idx.data(TransferQueueModel::ArtifactIdRole).toString();
        QCOMPARE(downloadSha(&m_connection, id, m_dir.path()), shas.at(row));
    }
}

void TestTransferQueue::restoredQueueResumes()
{
    const QString statePath = m_dir.filePath(QStringLiteral("restore.json"));
    const QString path = m_dir.filePath(QStringLiteral("restore.bin"));
    const QByteArray sha = writeRandomFile(path, 2 * 1024 * 1024, 20);
    const int before = artifactCount(&m_connection);
    QString artifactId;
    {
        TransferQueueModel model(&m_connection, statePath);
        UploadOptions options;
        options.chunkSize = 64 * 1024;
        // Stop right after the first confirmed chunk, as if the app went away.
        connect(&model, &QAbstractItemModel::dataChanged, &model, [&model] {
            if (model.index(0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong() > 0)
                model.pause(0);
        });
        model.addUpload(path, options);
        QTRY_COMPARE(state(model, 0), int(TransferState::Paused));
        artifactId = model.index(0).data(TransferQueueModel::ArtifactIdRole).toString();
        QVERIFY(!artifactId.isEmpty());
    }
    // Pretend it crashed while uploading: the restored queue must pick it up by itself.
    QFile file(statePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QJsonArray list = root.value(QStringLiteral("transfers")).toArray();
    QJsonObject item = list.at(0).toObject();
    item.insert(QStringLiteral("state"), int(TransferState::Uploading));
    list.replace(0, item);
    root.insert(QStringLiteral("transfers"), list);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(root).toJson());
    file.close();

    TransferQueueModel restored(&m_connection, statePath);
    QAbstractItemModelTester tester(&restored,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(restored.restore());
    QCOMPARE(restored.rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(state(restored, 0), int(TransferState::Done), 60000);
    QCOMPARE(restored.index(0).data(TransferQueueModel::ArtifactIdRole).toString(), artifactId);
    QCOMPARE(artifactCount(&m_connection), before + 1);
    QCOMPARE(downloadSha(&m_connection, artifactId, m_dir.path()), sha);
}

void TestTransferQueue::cancelAll()
{
    TransferQueueModel model(&m_connection, m_dir.filePath(QStringLiteral("cancel.json")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxConcurrent(1);
    UploadOptions options;
    options.chunkSize = 64 * 1024;
    for (int i = 0; i < 2; ++i) {
        const QString path = m_dir.filePath(QStringLiteral("c%1.bin").arg(i));
        writeRandomFile(path, 1024 * 1024, 30 + i);
        model.addUpload(path, options);
    }
    model.cancelAll();
    QCOMPARE(state(model, 0), int(TransferState::Cancelled));
    QCOMPARE(state(model, 1), int(TransferState::Cancelled));
}

void TestTransferQueue::repeated503sThenSuccess()
{
    // A private sandbox whose first five answers on data URLs are 503s.
    SandboxProcess sandbox({QStringLiteral("--fault-503"), QStringLiteral("5")}, m_api);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    Connection connection(sandbox.url(), sandbox.token());
    connection.setApiVersion(m_api);
    TransferQueueModel model(&connection, m_dir.filePath(QStringLiteral("busy.json")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QHash<int, QByteArray> roles = model.roleNames();
    for (const char *name :
         {"state", "confirmedBytes", "speed", "eta", "retries", "error", "artifactId"})
        QVERIFY2(roles.values().contains(name), name);

    QList<int> retriesSeen;
    connect(&model, &QAbstractItemModel::dataChanged, this,
            [&](const QModelIndex &, const QModelIndex &, const QList<int> &changed) {
                if (changed.contains(TransferQueueModel::RetriesRole))
                    retriesSeen << model.index(0).data(TransferQueueModel::RetriesRole).toInt();
            });
    const QString path = m_dir.filePath(QStringLiteral("busy.bin"));
    const QByteArray sha = writeRandomFile(path, 300 * 1024, 40);
    UploadOptions options;
    options.chunkSize = 64 * 1024;
    options.retryDelayMs = 50;
    options.maxRetries = 8;
    model.addUpload(path, options);
    QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Done), 60000);
    const QModelIndex idx = model.index(0);
    // Each 503 cost exactly one retry, and the view saw the count go up one by one.
    QCOMPARE(idx.data(TransferQueueModel::RetriesRole).toInt(), 5);
    QCOMPARE(retriesSeen, QList<int>({1, 2, 3, 4, 5}));
    QCOMPARE(idx.data(TransferQueueModel::ErrorRole).toString(), QString());
    QCOMPARE(idx.data(TransferQueueModel::ConfirmedBytesRole).toLongLong(), 300 * 1024);
    const QString id = idx.data(TransferQueueModel::ArtifactIdRole).toString();
    QVERIFY(id.startsWith(QLatin1String("urn:ivcap:artifact:")));
    QCOMPARE(artifactCount(&connection), 1);
    QCOMPARE(downloadSha(&connection, id, m_dir.path()), sha);
}

void TestTransferQueue::downloadPausesAndResumes()
{
    const QString path = m_dir.filePath(QStringLiteral("dl.bin"));
    // Large enough that the first progress cannot be the end.
    const qint64 size = 16 * 1024 * 1024;
    const QByteArray sha = writeRandomFile(path, size, 41);
    QString id;
    {
        TransferQueueModel uploads(&m_connection, QString());
        uploads.addUpload(path);
        QTRY_COMPARE_WITH_TIMEOUT(state(uploads, 0), int(TransferState::Done), 60000);
        id = uploads.index(0).data(TransferQueueModel::ArtifactIdRole).toString();
    }
    TransferQueueModel model(&m_connection, m_dir.filePath(QStringLiteral("dl.json")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto pauser = connect(&model, &QAbstractItemModel::dataChanged, &model, [&model] {
        if (model.index(0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong() > 0)
            model.pause(0);
    });
    const QString target = m_dir.filePath(QStringLiteral("dl.copy"));
    model.addDownload(id, target);
    QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Paused), 30000);
    disconnect(pauser);
    const qint64 pausedAt =
        model.index(0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong();
    QVERIFY2(pausedAt > 0 && pausedAt < size, qPrintable(QString::number(pausedAt)));
    QVERIFY(!QFile::exists(target)); // nothing under the final name until it is complete
    model.resume(0);
    QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Done), 60000);
    QCOMPARE(model.index(0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong(), size);
    QCOMPARE(sha256OfFile(target), sha);
}

namespace {
// The first item of a state file, as the model saved it.
QJsonObject savedItem(const QString &statePath)
{
    QFile file(statePath);
    if (!file.open(QIODevice::ReadOnly))
        return QJsonObject();
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("transfers"))
        .toArray()
        .at(0)
        .toObject();
}
} // namespace

void TestTransferQueue::switchingDeploymentKeepsEachQueue()
{
    SandboxProcess other({}, m_api);
    QVERIFY2(other.start(), qPrintable(other.errorString()));
    Connection otherConnection(other.url(), other.token());
    otherConnection.setApiVersion(m_api);
    Connection connection(m_sandbox.url(), m_sandbox.token());
    connection.setApiVersion(m_api);
    const QString pathA = m_dir.filePath(QStringLiteral("switch-a.json"));
    const QString pathB = m_dir.filePath(QStringLiteral("switch-b.json"));
    const QString file = m_dir.filePath(QStringLiteral("switch.bin"));
    const QByteArray sha = writeRandomFile(file, 2 * 1024 * 1024, 30);
    const int beforeA = artifactCount(&m_connection);
    const int beforeB = artifactCount(&otherConnection);

    TransferQueueModel model(&connection, pathA);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    UploadOptions options;
    options.chunkSize = 64 * 1024;
    model.addUpload(file, options);
    QTRY_VERIFY(model.index(0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong() > 0);

    // What DesktopSession does on a context switch: the connection first, then the queue.
    connection.setBaseUrl(other.url());
    connection.setToken(other.token());
    model.switchStatePath(pathB);
    QCOMPARE(model.statePath(), pathB);
    QCOMPARE(model.rowCount(), 0);
    const QJsonObject kept = savedItem(pathA);
    QCOMPARE(kept.value(QStringLiteral("state")).toInt(), int(TransferState::Paused));
    const QString artifactId = kept.value(QStringLiteral("artifactId")).toString();
    QVERIFY(!artifactId.isEmpty());
    QTest::qWait(300); // nothing of the paused upload may reach the other deployment
    QCOMPARE(artifactCount(&otherConnection), beforeB);

    // The other deployment's own queue works as usual.
    const QString small = m_dir.filePath(QStringLiteral("switch-small.bin"));
    writeRandomFile(small, 100 * 1024, 31);
    model.addUpload(small, UploadOptions());
    QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Done), 30000);
    QCOMPARE(artifactCount(&otherConnection), beforeB + 1);

    // Back again: the first upload is there, paused, and finishes into its one artifact.
    connection.setBaseUrl(m_sandbox.url());
    connection.setToken(m_sandbox.token());
    model.switchStatePath(pathA);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(state(model, 0), int(TransferState::Paused));
    model.resume(0);
    QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), int(TransferState::Done), 60000);
    QCOMPARE(model.index(0).data(TransferQueueModel::ArtifactIdRole).toString(), artifactId);
    QCOMPARE(artifactCount(&m_connection), beforeA + 1);
    QCOMPARE(downloadSha(&m_connection, artifactId, m_dir.path()), sha);
}

void TestTransferQueue::switchDuringCreateKeepsTheArtifact()
{
    SandboxProcess other({}, m_api);
    QVERIFY2(other.start(), qPrintable(other.errorString()));
    Connection otherConnection(other.url(), other.token());
    otherConnection.setApiVersion(m_api);
    Connection connection(m_sandbox.url(), m_sandbox.token());
    connection.setApiVersion(m_api);
    const QString pathA = m_dir.filePath(QStringLiteral("create-a.json"));
    const QString file = m_dir.filePath(QStringLiteral("create.bin"));
    writeRandomFile(file, 256 * 1024, 32);
    const int beforeB = artifactCount(&otherConnection);

    TransferQueueModel model(&connection, pathA);
    model.addUpload(file, UploadOptions());
    QVERIFY(model.uploadJob(0) && model.uploadJob(0)->awaitsCreation()); // the POST is out
    connection.setBaseUrl(other.url());
    connection.setToken(other.token());
    model.switchStatePath(m_dir.filePath(QStringLiteral("create-b.json")));
    // The switch waits for the answer that names the artifact, then keeps it with the item.
    QTRY_COMPARE(model.statePath(), m_dir.filePath(QStringLiteral("create-b.json")));
    const QJsonObject kept = savedItem(pathA);
    QCOMPARE(kept.value(QStringLiteral("state")).toInt(), int(TransferState::Paused));
    QVERIFY(kept.value(QStringLiteral("artifactId"))
                .toString()
                .startsWith(QLatin1String("urn:ivcap:artifact:")));
    QCOMPARE(artifactCount(&otherConnection), beforeB);
}

IVCAP_DIALECT_TEST_MAIN(TestTransferQueue)
#include "tst_transfer_queue.moc"
