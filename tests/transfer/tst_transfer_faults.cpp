// Faults of the kinds public bug reports of upload clients describe, against a real sandbox:
// a base URL with a trailing slash, sources that cannot be read (checked before anything is
// created on the server, and reused when the artifact already exists), and names with
// control characters, non-ASCII text or the look of base64.
#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/listquery.h"
#include "dialecttest.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"
#include "transfer/uploadjob.h"
#include "transferfixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace ivcap;
using namespace transferfixture;

namespace {
// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling thread's effective set
// while it lives, so a mode-000 file is unreadable even when the tests run as root (as on CI).
// Capabilities are per thread; the jobs open files on this (the test's) thread.
class WithoutFileOverride
{
public:
    WithoutFileOverride()
    {
        m_ok = syscall(SYS_capget, &m_header, m_saved) == 0;
        if (!m_ok)
            return;
        __user_cap_data_struct reduced[2] = {m_saved[0], m_saved[1]};
        reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
        m_ok = syscall(SYS_capset, &m_header, reduced) == 0;
    }
    ~WithoutFileOverride()
    {
        if (m_ok)
            syscall(SYS_capset, &m_header, m_saved);
    }
    bool ok() const { return m_ok; }

private:
    __user_cap_header_struct m_header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct m_saved[2]{};
    bool m_ok = false;
};

bool unreadable(const QString &path)
{
    QFile file(path);
    return !file.open(QIODevice::ReadOnly);
}
} // namespace

class TestTransferFaults : public QObject
{
    Q_OBJECT
public:
    explicit TestTransferFaults(const QString &api) : m_api(api), m_sandbox({}, api) {}

private Q_SLOTS:
    void initTestCase();
    void trailingSlashBaseUrl();
    void unreadableSourceCreatesNothing_data();
    void unreadableSourceCreatesNothing();
    void queueRefusesADirectory();
    void unreadableAfterCreateKeepsAndReusesArtifact();
    void namesArriveAsTyped_data();
    void namesArriveAsTyped();

private:
    QJsonArray artifacts(Connection *connection);
    QString writeFile(const QString &name, const QByteArray &content);

    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    Connection m_connection;
};

void TestTransferFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    m_connection.setBaseUrl(m_sandbox.url());
    m_connection.setToken(m_sandbox.token());
    m_connection.setTimeoutMs(10000);
    m_connection.setApiVersion(m_api);
}

QJsonArray TestTransferFaults::artifacts(Connection *connection)
{
    auto *request = Api::listArtifacts(connection, ListQuery{}, QString(), this);
    QSignalSpy finished(request, &ApiRequest::finished);
    QSignalSpy failed(request, &ApiRequest::failed);
    request->start();
    if (!finished.wait(15000)) {
        qWarning() << "listing artifacts failed" << failed.size();
        return {};
    }
    request->deleteLater();
    return finished.first()
        .first()
        .toJsonDocument()
        .object()
        .value(connection->dialect().itemsKey(EntityKind::Artifacts))
        .toArray();
}

QString TestTransferFaults::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(content);
    return path;
}

void TestTransferFaults::trailingSlashBaseUrl()
{
    // The example: --url http://127.0.0.1:PORT/ sent "//1/services" and got 404, and an
    // upload left a pending artifact behind.
    Connection slash;
    slash.setBaseUrl(QUrl(m_sandbox.url().toString() + QStringLiteral("/")));
    slash.setToken(m_sandbox.token());
    slash.setApiVersion(m_api);
    auto *services = Api::listServices(&slash, ListQuery{}, QString(), this);
    QSignalSpy listed(services, &ApiRequest::finished);
    services->start();
    QVERIFY(listed.wait(15000));
    QVERIFY(!listed.first()
                 .first()
                 .toJsonDocument()
                 .object()
                 .value(slash.dialect().itemsKey(EntityKind::Services))
                 .toArray()
                 .isEmpty());

    const int before = int(artifacts(&m_connection).size());
    const QString path = writeFile(QStringLiteral("slash.bin"), QByteArray(200000, 'x'));
    UploadJob job(&slash, path, UploadOptions{});
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    const QJsonArray after = artifacts(&m_connection);
    QCOMPARE(after.size(), before + 1);
    for (const QJsonValue &artifact : after)
        QVERIFY2(artifact.toObject().value("status").toString() != QLatin1String("pending"),
                 qPrintable(artifact.toObject().value("id").toString()));
}

void TestTransferFaults::unreadableSourceCreatesNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("mode 000") << "mode000"
                              << "Permission denied";
    QTest::newRow("directory") << "directory"
                               << "folder";
    QTest::newRow("fifo") << "fifo"
                          << "not a regular file";
    QTest::newRow("removed after queueing") << "removed"
                                            << "no longer exists";
    QTest::newRow("replaced by a directory") << "replaced"
                                             << "folder";
}

void TestTransferFaults::unreadableSourceCreatesNothing()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(QStringLiteral("source-") + kind);
    std::unique_ptr<UploadJob> job;
    std::unique_ptr<WithoutFileOverride> noOverride;
    if (kind == QLatin1String("mode000")) {
        QVERIFY(!writeFile(QFileInfo(path).fileName(), "secret").isEmpty());
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
        noOverride = std::make_unique<WithoutFileOverride>();
        QVERIFY2(noOverride->ok() && unreadable(path), "could not make a file unreadable");
        job = std::make_unique<UploadJob>(&m_connection, path, UploadOptions{});
    } else if (kind == QLatin1String("directory")) {
        QVERIFY(QDir().mkpath(path));
        job = std::make_unique<UploadJob>(&m_connection, path, UploadOptions{});
    } else if (kind == QLatin1String("fifo")) {
        QCOMPARE(mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        job = std::make_unique<UploadJob>(&m_connection, path, UploadOptions{});
    } else {
        // Queued while it was a file, gone (or a folder) when the upload starts.
        QVERIFY(!writeFile(QFileInfo(path).fileName(), "soon gone").isEmpty());
        job = std::make_unique<UploadJob>(&m_connection, path, UploadOptions{});
        QVERIFY(QFile::remove(path));
        if (kind == QLatin1String("replaced"))
            QVERIFY(QDir().mkpath(path));
    }
    const int before = int(artifacts(&m_connection).size());
    QSignalSpy finished(job.get(), &UploadJob::finished);
    job->start();
    QVERIFY(!finished.isEmpty() || finished.wait(15000));
    QCOMPARE(job->state(), TransferState::Failed);
    QVERIFY2(job->errorMessage().contains(message), qPrintable(job->errorMessage()));
    QVERIFY(job->errorMessage().contains(path));
    QVERIFY(job->artifactId().isEmpty());
    noOverride.reset();
    QCOMPARE(int(artifacts(&m_connection).size()), before);
}

void TestTransferFaults::queueRefusesADirectory()
{
    const QString path = m_dir.filePath(QStringLiteral("a-folder"));
    QVERIFY(QDir().mkpath(path));
    const int before = int(artifacts(&m_connection).size());
    TransferQueueModel queue(&m_connection, m_dir.filePath(QStringLiteral("queue.json")));
    QAbstractItemModelTester tester(&queue);
    const int row = queue.addUpload(path);
    QTRY_COMPARE_WITH_TIMEOUT(queue.data(queue.index(row), TransferQueueModel::StateRole).toInt(),
                              int(TransferState::Failed), 15000);
    QVERIFY(queue.data(queue.index(row), TransferQueueModel::ErrorRole).toString().contains(path));
    QCOMPARE(int(artifacts(&m_connection).size()), before);
}

void TestTransferFaults::unreadableAfterCreateKeepsAndReusesArtifact()
{
    // The file turns unreadable between the create request and the first PATCH: the message
    // says which artifact exists, and once the file is readable again the same job goes on
    // into that artifact instead of creating a second one.
    const QByteArray content(300000, 'r');
    const QString path = writeFile(QStringLiteral("turns-unreadable.bin"), content);
    const int before = int(artifacts(&m_connection).size());
    UploadJob job(&m_connection, path, UploadOptions{});
    std::unique_ptr<WithoutFileOverride> noOverride;
    connect(&job, &UploadJob::created, this, [&] {
        QFile::setPermissions(path, QFileDevice::Permissions());
        noOverride = std::make_unique<WithoutFileOverride>();
    });
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(noOverride && noOverride->ok(), "could not make a file unreadable");
    QCOMPARE(job.state(), TransferState::Failed);
    const QString artifactId = job.artifactId();
    QVERIFY(!artifactId.isEmpty());
    QVERIFY2(job.errorMessage().contains(artifactId), qPrintable(job.errorMessage()));
    QVERIFY(job.canRetry());

    noOverride.reset();
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    finished.clear();
    job.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(job.artifactId(), artifactId);
    QCOMPARE(int(artifacts(&m_connection).size()), before + 1);
}

void TestTransferFaults::namesArriveAsTyped_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("tab") << QStringLiteral("a\tb.txt");
    QTest::newRow("newline") << QStringLiteral("first\nsecond.txt");
    QTest::newRow("carriage return") << QStringLiteral("cr\r.txt");
    QTest::newRow("other control") << QStringLiteral("bell\x07.txt");
    QTest::newRow("non-ASCII") << QStringLiteral("Grüße ☃ 日本.csv");
    QTest::newRow("looks like base64") << QStringLiteral("dGVzdA==");
    QTest::newRow("four letters") << QStringLiteral("abcd");
    QTest::newRow("spaces and plus") << QStringLiteral("  a + b  ");
}

void TestTransferFaults::namesArriveAsTyped()
{
    QFETCH(QString, name);
    // Through the upload path: the file on disk carries the name (a name with '/' cannot).
    const QString path = writeFile(name, "named");
    QVERIFY(!path.isEmpty());
    UploadJob job(&m_connection, path, UploadOptions{});
    QCOMPARE(job.options().name, name);
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    auto *read = Api::readArtifact(&m_connection, job.artifactId(), this);
    QSignalSpy got(read, &ApiRequest::finished);
    read->start();
    QVERIFY(got.wait(15000));
    QCOMPARE(got.first().first().toJsonDocument().object().value("name").toString(), name);
}

IVCAP_DIALECT_TEST_MAIN(TestTransferFaults)
#include "tst_transfer_faults.moc"
