// Drag-and-drop uploads through a whole in-process session against a real sandbox: drops of
// several files, the options dialog, the Uploads view's pause and resume, quitting with
// transfers running and resuming on the next start, and files passed on the command line.
#include "api/connection.h"
#include "api/contentrequest.h"
#include "desktopsession.h"
#include "dialectwidgetstest.h"
#include "errorbanner.h"
#include "mainwindow.h"
#include "models/artifactdetails.h"
#include "models/artifactlistmodel.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"
#include "transfer/transferstate.h"
#include "transfersummary.h"
#include "uploadoptionsdialog.h"
#include "uploadspage.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ivcap;

class TestUploads : public QObject
{
    Q_OBJECT
public:
    explicit TestUploads(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--fault-delay"), QStringLiteral("150")}, api)
    {}

private:
    QString m_api;
    // Slow answers make every transfer last long enough to pause it mid-way.
    SandboxProcess m_sandbox;
    QTemporaryDir m_home;
    QTemporaryDir m_files;

    std::unique_ptr<app::DesktopSession> session(const QStringList &files = {})
    {
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = m_sandbox.token();
        options.view = QStringLiteral("uploads");
        options.files = files;
        auto s = std::make_unique<app::DesktopSession>(options);
        return s->start() ? std::move(s) : nullptr;
    }

    QString makeFile(const QString &name, qint64 size)
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        QByteArray block(64 * 1024, Qt::Uninitialized);
        for (qint64 written = 0; written < size; written += block.size()) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                                  block.size() / 4);
            file.write(block.constData(), qMin<qint64>(block.size(), size - written));
        }
        return file.fileName();
    }

    static QByteArray sha256(const QByteArray &data)
    {
        return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    }

    static QByteArray fileSha256(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? sha256(file.readAll()) : QByteArray();
    }

    // The artifact's content as the sandbox serves it.
    QByteArray artifactSha256(const QString &artifactId)
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactDetails details(&c, artifactId);
        details.load();
        if (!QTest::qWaitFor([&] { return !details.isLoading(); }, 20000) || !details.isReady())
            return QByteArray();
        auto *request = new ContentRequest(&c, details.dataUrl(), 256 * 1024 * 1024);
        QSignalSpy done(request, &ContentRequest::finished);
        request->start();
        if (!done.wait(30000))
            return QByteArray();
        return sha256(done.first().first().toByteArray());
    }

    static TransferQueueModel *queueOf(app::DesktopSession *s)
    {
        return s->findChild<TransferQueueModel *>();
    }

    static int state(TransferQueueModel *queue, int row)
    {
        return queue->index(row, 0).data(TransferQueueModel::StateRole).toInt();
    }

    static bool allDone(TransferQueueModel *queue)
    {
        for (int row = 0; row < queue->rowCount(); ++row) {
            if (state(queue, row) != TransferState::Done)
                return false;
        }
        return queue->rowCount() > 0;
    }

    static void acceptOptionsDialog(ui::MainWindow *window, const QString &collection = {})
    {
        ui::UploadOptionsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<ui::UploadOptionsDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        if (!collection.isEmpty())
            QTest::keyClicks(dialog->collectionField(), collection);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

    static void drop(QWidget *target, const QStringList &paths)
    {
        QMimeData data;
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls.append(QUrl::fromLocalFile(path));
        data.setUrls(urls);
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEvent(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &dropEvent);
        QVERIFY(dropEvent.isAccepted());
    }

    static QPushButton *button(QWidget *parent, const QString &accessibleName)
    {
        for (QPushButton *b : parent->findChildren<QPushButton *>()) {
            if (b->accessibleName() == accessibleName)
                return b;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Settings and the queue's state file live in a private home for the whole test.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void droppedFilesUploadWithIdenticalBytes()
    {
        auto s = session();
        QVERIFY(s);
        const QStringList files{makeFile(QStringLiteral("a.bin"), 300 * 1024),
                                makeFile(QStringLiteral("b.csv"), 1),
                                makeFile(QStringLiteral("c.dat"), 2 * 1024 * 1024 + 7)};
        // The folder holds the same three files: each is uploaded once.
        drop(s->window(), files + QStringList{m_files.path()});
        acceptOptionsDialog(s->window(), QStringLiteral("urn:ivcap:collection:test"));
        TransferQueueModel *queue = queueOf(s.get());
        QCOMPARE(queue->rowCount(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(allDone(queue), 60000);
        for (int row = 0; row < files.size(); ++row) {
            const QModelIndex index = queue->index(row, 0);
            QCOMPARE(index.data(TransferQueueModel::CollectionRole).toString(),
                     QStringLiteral("urn:ivcap:collection:test"));
            const QString id = index.data(TransferQueueModel::ArtifactIdRole).toString();
            QCOMPARE(artifactSha256(id), fileSha256(files.at(row)));
        }
        QVERIFY(s->window()->errorBanner()->isHidden()); // nothing was refused
        // Drop events reach the window from any page.
        QCOMPARE(s->window()->currentPageKey(), QStringLiteral("uploads"));
    }

    void pauseAndResumeThroughTheView()
    {
        auto s = session();
        QVERIFY(s);
        TransferQueueModel *queue = queueOf(s.get());
        const int before = queue->rowCount();
        const QString file = makeFile(QStringLiteral("big.bin"), 25 * 1000 * 1000);
        drop(s->window(), {file});
        acceptOptionsDialog(s->window());
        QTRY_COMPARE(queue->rowCount(), before + 1);
        const int row = before;
        auto *page = static_cast<ui::UploadsPage *>(s->window()->page(QStringLiteral("uploads")));
        page->list()->setCurrentIndex(queue->index(row, 0));
        QTRY_VERIFY_WITH_TIMEOUT(state(queue, row) == TransferState::Uploading, 20000);
        QPushButton *pause = button(page, QStringLiteral("Pause the selected transfer"));
        QTRY_VERIFY(pause->isEnabled());
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE(state(queue, row), int(TransferState::Paused));
        const qint64 confirmed =
            queue->index(row, 0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong();
        QVERIFY(confirmed < 25 * 1000 * 1000);
        QPushButton *resume = button(page, QStringLiteral("Resume or retry the selected transfer"));
        QTRY_VERIFY(resume->isEnabled());
        QTest::mouseClick(resume, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(state(queue, row) == TransferState::Done, 60000);
        const QString id = queue->index(row, 0).data(TransferQueueModel::ArtifactIdRole).toString();
        QCOMPARE(artifactSha256(id), fileSha256(file));
    }

    void quitPausesAndTheNextStartResumes()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        auto countArtifacts = [&c] {
            ArtifactListModel all;
            all.setPageSize(100);
            all.setConnection(&c);
            while (!all.atEnd()) {
                if (!QTest::qWaitFor([&] { return !all.isLoading(); }, 20000))
                    return -1;
                if (all.canFetchMore({}))
                    all.fetchMore({});
            }
            return all.rowCount();
        };
        // Large enough to be still running while the question is answered twice.
        const QString file = makeFile(QStringLiteral("restart.bin"), 150 * 1000 * 1000);
        QString artifactId;
        {
            auto s = session();
            QVERIFY(s);
            TransferQueueModel *queue = queueOf(s.get());
            const int row = queue->rowCount();
            drop(s->window(), {file});
            acceptOptionsDialog(s->window());
            QTRY_VERIFY_WITH_TIMEOUT(
                queue->index(row, 0).data(TransferQueueModel::ConfirmedBytesRole).toLongLong() > 0,
                30000);
            artifactId = queue->index(row, 0).data(TransferQueueModel::ArtifactIdRole).toString();
            QVERIFY(!artifactId.isEmpty());
            // Closing asks what to do with the transfer, without a nested event loop: the close
            // is refused while the question is open, and the answer closes the window.
            const auto answer = [&](QMessageBox::ButtonRole role) {
                QMessageBox *box = nullptr;
                const auto visibleBox = [&] {
                    const auto boxes = s->window()->findChildren<QMessageBox *>();
                    for (QMessageBox *b : boxes) {
                        if (b->isVisible())
                            box = b;
                    }
                    return box != nullptr;
                };
                QTRY_VERIFY(visibleBox());
                QCOMPARE(box->windowModality(), Qt::WindowModal);
                for (QAbstractButton *b : box->buttons()) {
                    if (box->buttonRole(b) == role)
                        b->click();
                }
            };
            QVERIFY(!s->window()->close());
            answer(QMessageBox::RejectRole); // "Keep running"
            QVERIFY(s->window()->isVisible());
            // The transfer goes on (unless it finished meanwhile).
            QVERIFY(state(queue, row) != int(TransferState::Paused) &&
                    state(queue, row) != int(TransferState::Cancelled));
            QVERIFY(!s->window()->close());
            answer(QMessageBox::AcceptRole); // "Pause and quit"
            QTRY_VERIFY(!s->window()->isVisible());
            QCOMPARE(state(queue, row), int(TransferState::Paused));
        }
        const int artifactsBefore = countArtifacts();
        auto s = session();
        QVERIFY(s);
        TransferQueueModel *queue = queueOf(s.get());
        int row = -1;
        for (int r = 0; r < queue->rowCount(); ++r) {
            if (queue->index(r, 0).data(TransferQueueModel::ArtifactIdRole).toString() ==
                artifactId)
                row = r;
        }
        QVERIFY(row >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(state(queue, row) == TransferState::Done, 60000);
        QCOMPARE(artifactSha256(artifactId), fileSha256(file));
        QCOMPARE(countArtifacts(), artifactsBefore); // resumed, not uploaded again
    }

    void commandLineFilesAreOffered()
    {
        const QString file = makeFile(QStringLiteral("from-cli.txt"), 4321);
        auto s = session({file});
        QVERIFY(s);
        acceptOptionsDialog(s->window());
        TransferQueueModel *queue = queueOf(s.get());
        int row = -1;
        QTRY_VERIFY((row = int(queue->rowCount()) - 1) >= 0 &&
                    queue->index(row, 0).data(TransferQueueModel::SourceRole).toString() == file);
        QTRY_VERIFY_WITH_TIMEOUT(state(queue, row) == TransferState::Done, 30000);
        const QString id = queue->index(row, 0).data(TransferQueueModel::ArtifactIdRole).toString();
        QCOMPARE(artifactSha256(id), fileSha256(file));
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestUploads)
#include "tst_uploads.moc"
