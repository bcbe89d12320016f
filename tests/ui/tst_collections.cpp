// Collections in the app, against a real sandbox in each API dialect: the Artifacts page's
// collection selector lists the collections of every client model and browses one; the upload
// options put uploads into an existing or a new collection, and the server then lists them as
// members (checked with the server's records, not only the page).
#include "api/connection.h"
#include "artifactspage.h"
#include "desktopsession.h"
#include "dialectwidgetstest.h"
#include "entitytableview.h"
#include "mainwindow.h"
#include "models/artifactlistmodel.h"
#include "models/collectionartifactsmodel.h"
#include "models/collectionlistmodel.h"
#include "models/collectionmembers.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"
#include "transfer/transferstate.h"
#include "transferdelegate.h"
#include "uploadoptionsdialog.h"
#include "uploadspage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QUuid>

using namespace ivcap;

class TestCollectionsUi : public QObject
{
    Q_OBJECT
public:
    explicit TestCollectionsUi(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("10")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_home;
    QTemporaryDir m_files;

    bool v048() const { return m_api == QLatin1String("0.48"); }
    int seededCollections() const { return v048() ? 4 : 2; }

    std::unique_ptr<app::DesktopSession> session()
    {
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = m_sandbox.token();
        options.view = QStringLiteral("artifacts");
        auto s = std::make_unique<app::DesktopSession>(options);
        return s->start() ? std::move(s) : nullptr;
    }

    static ui::ArtifactsPage *artifactsPage(app::DesktopSession *s)
    {
        return qobject_cast<ui::ArtifactsPage *>(s->window()->page(QStringLiteral("artifacts")));
    }

    // The collection's members as the deployment's records name them, read afresh.
    QStringList membersOnServer(const QString &collection)
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        QSignalSpy detected(&c, &Connection::apiDetectionFinished);
        c.detectApi();
        if (!detected.wait(20000))
            return {QStringLiteral("<no detection>")};
        CollectionMembers members(&c, collection);
        QSignalSpy done(&members, &CollectionMembers::finished);
        members.start();
        if (!done.wait(20000))
            return {QStringLiteral("<no answer>")};
        return done.first().first().toStringList();
    }

    QString makeFile(const QByteArray &content)
    {
        QFile file(m_files.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + ".txt"));
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(content);
        return file.fileName();
    }

    // Offers `path` for upload and returns the options dialog once it is shown.
    static ui::UploadOptionsDialog *offer(app::DesktopSession *s, const QString &path)
    {
        s->offerUploads({path});
        ui::UploadOptionsDialog *dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    dialog = s->window()->findChild<ui::UploadOptionsDialog *>();
                    return dialog && dialog->isVisible();
                },
                10000))
            return nullptr;
        return dialog;
    }

    static QPushButton *uploadButton(ui::UploadOptionsDialog *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    // Waits until the upload of the queue's last row is done and its membership written.
    static QString uploadedArtifact(app::DesktopSession *s)
    {
        auto *queue = s->findChild<TransferQueueModel *>();
        if (!queue || !QTest::qWaitFor([&] { return queue->rowCount() > 0; }, 10000))
            return QString();
        const QModelIndex index = queue->index(queue->rowCount() - 1);
        if (!QTest::qWaitFor(
                [&] {
                    return index.data(TransferQueueModel::MembershipRole).toInt() !=
                               TransferQueueModel::MembershipPending &&
                           index.data(TransferQueueModel::MembershipRole).toInt() !=
                               TransferQueueModel::NoMembership;
                },
                30000))
            return QString();
        if (index.data(TransferQueueModel::StateRole).toInt() != TransferState::Done ||
            index.data(TransferQueueModel::MembershipRole).toInt() !=
                TransferQueueModel::MembershipWritten) {
            qWarning("membership: %s",
                     qPrintable(index.data(TransferQueueModel::MembershipErrorRole).toString()));
            return QString();
        }
        return index.data(TransferQueueModel::ArtifactIdRole).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("API dialect %s", qPrintable(m_api));
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config-") + m_api).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data-") + m_api).toUtf8());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void theSelectorBrowsesACollection()
    {
        auto s = session();
        QVERIFY(s);
        ui::ArtifactsPage *page = artifactsPage(s.get());
        QVERIFY(page);
        QAbstractItemModelTester listTester(page->collections(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester membersTester(
            page->collectionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QComboBox *selector = page->collectionSelector();
        QCOMPARE(selector->accessibleName(), QStringLiteral("Collection"));
        QCOMPARE(selector->itemText(0), QStringLiteral("All artifacts"));
        // "All artifacts" and each collection of every client model.
        QTRY_COMPARE_WITH_TIMEOUT(selector->count(), 1 + seededCollections(), 20000);
        if (v048())
            QVERIFY(selector->findText(QStringLiteral("Coastal imagery (3"), Qt::MatchStartsWith) >
                    0);

        // Reached by keyboard: the next entry is the first collection.
        selector->setFocus();
        QTest::keyClick(selector, Qt::Key_Down);
        QCOMPARE(selector->currentIndex(), 1);
        const QString collection = selector->currentData().toString();
        QVERIFY(collection.startsWith(QStringLiteral("urn:ivcap:collection:")));
        QCOMPARE(page->currentCollection(), collection);
        QTableView *table = page->collectionTable();
        QVERIFY(table->isVisible());
        QVERIFY(!page->table()->isVisible());
        const QStringList members = membersOnServer(collection);
        QVERIFY(!members.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), int(members.size()), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!page->collectionModel()->isLoading(), 20000);
        for (int row = 0; row < members.size(); ++row) {
            const QModelIndex index = table->model()->index(row, 0);
            QCOMPARE(index.data(ArtifactListModel::IdRole).toString(), members.at(row));
            QCOMPARE(table->model()->index(row, ArtifactListModel::StatusColumn).data().toString(),
                     QStringLiteral("ready"));
        }
        // Selecting a member shows it in the detail pane.
        table->setFocus();
        table->selectionModel()->setCurrentIndex(table->model()->index(0, 0),
                                                 QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
        QCOMPARE(page->currentArtifactId(), members.first());

        // A collection no record names is empty, and the page says why.
        page->showCollection(QStringLiteral("urn:ivcap:collection:empty-") +
                             QUuid::createUuid().toString(QUuid::WithoutBraces));
        QLabel *placeholder = page->collectionView()->placeholderLabel();
        QTRY_VERIFY_WITH_TIMEOUT(placeholder->isVisible() &&
                                     placeholder->text().contains(QStringLiteral("no record")),
                                 20000);
        QCOMPARE(table->model()->rowCount(), 0);

        // Back to all artifacts.
        selector->setFocus();
        QTest::keyClick(selector, Qt::Key_Home);
        QCOMPARE(selector->currentIndex(), 0);
        QVERIFY(page->currentCollection().isEmpty());
        QVERIFY(page->table()->isVisible());
    }

    void anUploadJoinsAnExistingCollection()
    {
        auto s = session();
        QVERIFY(s);
        ui::UploadOptionsDialog *dialog = offer(s.get(), makeFile("joins an existing one\n"));
        QVERIFY(dialog);
        QComboBox *chooser = dialog->collectionChooser();
        QCOMPARE(chooser->accessibleName(), QStringLiteral("Collection"));
        // "None", the collections, "New collection…".
        QTRY_COMPARE_WITH_TIMEOUT(chooser->count(), 2 + seededCollections(), 20000);
        chooser->setFocus();
        QTest::keyClick(chooser, Qt::Key_Down);
        const QString collection = chooser->currentData().toString();
        QVERIFY(collection.startsWith(QStringLiteral("urn:ivcap:collection:")));
        QCOMPARE(dialog->collectionField()->text(), collection);
        const QStringList before = membersOnServer(collection);
        QVERIFY(uploadButton(dialog)->isEnabled());
        QTest::mouseClick(uploadButton(dialog), Qt::LeftButton);

        const QString artifact = uploadedArtifact(s.get());
        QVERIFY(artifact.startsWith(QStringLiteral("urn:ivcap:artifact:")));
        QCOMPARE(membersOnServer(collection), QStringList(before) << artifact);
        // The transfer says so.
        auto *queue = s->findChild<TransferQueueModel *>();
        const QString text =
            ui::TransferDelegate::progressText(queue->index(queue->rowCount() - 1));
        QVERIFY2(text.contains(QStringLiteral("in collection ") + collection), qPrintable(text));

        // Browsing the collection shows it.
        ui::ArtifactsPage *page = artifactsPage(s.get());
        s->window()->showPage(QStringLiteral("artifacts"));
        page->showCollection(collection);
        QTRY_VERIFY_WITH_TIMEOUT(page->collectionModel()->rowOfId(artifact) >= 0, 20000);
    }

    void anUploadStartsANewCollection()
    {
        auto s = session();
        QVERIFY(s);
        ui::ArtifactsPage *page = artifactsPage(s.get());
        QTRY_COMPARE_WITH_TIMEOUT(page->collectionSelector()->count() > seededCollections(), true,
                                  20000);
        const int listed = page->collectionSelector()->count();
        ui::UploadOptionsDialog *dialog = offer(s.get(), makeFile("starts a new one\n"));
        QVERIFY(dialog);
        QComboBox *chooser = dialog->collectionChooser();
        QTRY_VERIFY_WITH_TIMEOUT(chooser->count() > 2, 20000);
        // "New collection…" offers a fresh collection URN to keep or type over.
        chooser->setFocus();
        QTest::keyClick(chooser, Qt::Key_End);
        QVERIFY(
            dialog->collectionField()->text().startsWith(QStringLiteral("urn:ivcap:collection:")));
        QVERIFY(dialog->collectionField()->hasSelectedText());
        QCOMPARE(chooser->currentIndex(), chooser->count() - 1);
        dialog->collectionField()->clear();
        QCOMPARE(chooser->currentIndex(), 0); // none
        // Not a URN: refused with a reason.
        QTest::keyClicks(dialog->collectionField(), QStringLiteral("holiday photos"));
        QVERIFY(!uploadButton(dialog)->isEnabled());
        QLabel *problem = dialog->findChild<QLabel *>(QStringLiteral("problem"));
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains(QStringLiteral("URN")));
        const QString collection = QStringLiteral("urn:ivcap:collection:") +
                                   QUuid::createUuid().toString(QUuid::WithoutBraces);
        dialog->collectionField()->clear();
        QTest::keyClicks(dialog->collectionField(), collection);
        QVERIFY(uploadButton(dialog)->isEnabled());
        // The chooser says it is a new collection.
        QCOMPARE(chooser->currentIndex(), chooser->count() - 1);
        QTest::mouseClick(uploadButton(dialog), Qt::LeftButton);

        const QString artifact = uploadedArtifact(s.get());
        QVERIFY(artifact.startsWith(QStringLiteral("urn:ivcap:artifact:")));
        QCOMPARE(membersOnServer(collection), QStringList{artifact});
        // The page's selector grows by the new collection, which browses to its one member.
        QComboBox *selector = page->collectionSelector();
        QTRY_COMPARE_WITH_TIMEOUT(selector->count(), listed + 1, 20000);
        const int entry = selector->findData(collection);
        QVERIFY(entry > 0);
        selector->setCurrentIndex(entry);
        QTRY_COMPARE_WITH_TIMEOUT(page->collectionModel()->rowCount(), 1, 20000);
        QCOMPARE(page->collectionModel()->idAt(0), artifact);
    }

    void aFailedMembershipShowsOnTheTransferAndResumeRetries()
    {
        auto s = session();
        QVERIFY(s);
        auto *queue = s->findChild<TransferQueueModel *>();
        QVERIFY(queue);
        // A collection the deployment cannot take (the dialog never offers one; a state file
        // or another caller might): the upload is done, its membership is not.
        UploadOptions options;
        options.collection = QStringLiteral("not a urn");
        const int row = queue->addUpload(makeFile("kept anyway\n"), options);
        const QModelIndex index = queue->index(row);
        QTRY_COMPARE_WITH_TIMEOUT(index.data(TransferQueueModel::MembershipRole).toInt(),
                                  int(TransferQueueModel::MembershipFailed), 30000);
        QCOMPARE(index.data(TransferQueueModel::StateRole).toInt(), int(TransferState::Done));
        const QString text = ui::TransferDelegate::progressText(index);
        QVERIFY2(text.contains(QStringLiteral("not added to collection not a urn")),
                 qPrintable(text));

        s->window()->showPage(QStringLiteral("uploads"));
        auto *page = s->window()->findChild<ui::UploadsPage *>();
        QVERIFY(page);
        page->list()->setCurrentIndex(page->list()->model()->index(row, 0));
        QPushButton *resume = nullptr;
        for (auto *b : page->findChildren<QPushButton *>()) {
            if (b->accessibleName() == QStringLiteral("Resume or retry the selected transfer"))
                resume = b;
        }
        QVERIFY(resume);
        QVERIFY(resume->isEnabled());
        QTest::mouseClick(resume, Qt::LeftButton);
        QCOMPARE(index.data(TransferQueueModel::MembershipRole).toInt(),
                 int(TransferQueueModel::MembershipPending));
        QTRY_COMPARE_WITH_TIMEOUT(index.data(TransferQueueModel::MembershipRole).toInt(),
                                  int(TransferQueueModel::MembershipFailed), 20000);
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestCollectionsUi)
#include "tst_collections.moc"
