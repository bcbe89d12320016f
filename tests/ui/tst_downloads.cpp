// Downloads from the artifacts page join the app's transfer queue (several at once, pause and
// resume, kept across a restart) instead of running inside the page. Real sandbox, offscreen.
#include "api/connection.h"
#include "artifactdownloadbar.h"
#include "artifactpreview.h"
#include "artifactspage.h"
#include "dialectwidgetstest.h"
#include "models/artifactdetails.h"
#include "models/artifactlistmodel.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

class TestDownloads : public QObject
{
    Q_OBJECT
public:
    explicit TestDownloads(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("3")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void downloadJoinsTheQueue()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactListModel model;
        ui::ArtifactsPage page(&c, &model);
        TransferQueueModel queue(&c, m_dir.filePath(QStringLiteral("queue.json")));
        page.setTransferQueue(&queue);
        page.show();
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, 20000);
        page.showArtifact(model.idAt(0));
        QTRY_VERIFY_WITH_TIMEOUT(page.preview()->details() && page.preview()->details()->isLoaded(),
                                 10000);
        QSignalSpy queued(page.downloadBar(), &ui::ArtifactDownloadBar::downloadQueued);
        const QString target = m_dir.filePath(QStringLiteral("first.bin"));
        page.downloadBar()->downloadTo(target);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queue.rowCount(), 1);
        QCOMPARE(queue.index(0).data(TransferQueueModel::DirectionRole).toInt(),
                 int(TransferQueueModel::Download));
        QVERIFY(!page.downloadBar()->isDownloading()); // the page is free for the next one
        QTRY_COMPARE_WITH_TIMEOUT(queue.index(0).data(TransferQueueModel::StateRole).toInt(),
                                  int(TransferState::Done), 20000);
        QVERIFY(QFile::exists(target));
        QVERIFY(page.downloadBar()->statusText().contains(QLatin1String("Transfers")));
        // Kept in the queue's state file, as uploads are.
        TransferQueueModel again(&c, m_dir.filePath(QStringLiteral("queue.json")));
        QVERIFY(again.restore());
        QCOMPARE(again.rowCount(), 1);
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestDownloads)
#include "tst_downloads.moc"
