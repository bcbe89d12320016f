// An update the datafabric cannot place (424 `not-unique`: the entity has several live aspects
// of the schema) through the Aspects page, in each API dialect: v0.48 explains it and offers a
// choice; v0.28 replaces the very record it names (PUT /1/metadata/{id}) and never asks.
#include "aspect/aspectdrafts.h"
#include "aspectconflictbanner.h"
#include "aspectpagefixture.h"
#include "dialectwidgetstest.h"
#include "sandboxprocess.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>

using namespace aspecttest;

class TestAspectConflict : public QObject, private Calls
{
    Q_OBJECT
public:
    explicit TestAspectConflict(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    using Fixture = PageFixture;
    QString m_api;
    SandboxProcess m_sandbox;

    bool v048() const { return m_api == QLatin1String("0.48"); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(AspectDrafts().fileName());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    // Two live aspects of one schema: v0.48's update (PUT /1/aspects?entity&schema) answers
    // 424, explained with a choice; v0.28 replaces the very record (PUT /1/metadata/{id}).
    void updateThatIsNotUniqueOffersAChoice()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        const QString entity = newEntity();
        const QString first =
            addAspect(&f.connection, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:u1")));
        const QString second =
            addAspect(&f.connection, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:u2")));
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QVERIFY(f.searchEntity(entity, 2));
        AspectEditor *editor = f.page.editor();
        QSignalSpy loaded(editor, &AspectEditor::recordLoaded);
        f.page.showRecord(first);
        QVERIFY(loaded.wait(20000));
        f.page.editCurrent();
        const QString edited = QString::fromUtf8(
            QJsonDocument(memberAspect(QStringLiteral("urn:ivcap:artifact:edited"))).toJson());
        editor->textEdit()->setPlainText(edited);
        QVERIFY2(editor->canSave(), qPrintable(editor->invalidReason()));
        QSignalSpy saved(editor, &AspectEditor::saved);
        QSignalSpy failed(editor, &AspectEditor::saveFailed);
        AspectConflictBanner *banner = editor->conflictBanner();
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        if (!v048()) {
            QVERIFY(saved.wait(20000));
            QCOMPARE(saved.first().at(1).toString(), first);
            QVERIFY(!banner->isVisible());
            const QJsonArray active = activeRecords(&f.connection, entity);
            QCOMPARE(active.size(), 2);
            return;
        }
        QVERIFY(failed.wait(20000));
        QVERIFY(banner->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(banner->retractOthersButton()->isEnabled(), 20000);
        const QString text = banner->messageLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("2 aspects with this schema are attached to this "
                                              "entity; IVCAP cannot tell which one to replace")),
                 qPrintable(text));
        // Nothing lost: the edit is in the editor and in its draft.
        QCOMPARE(editor->text(), edited);
        QVERIFY(editor->hasDraft());

        // Cancel: the banner goes, the edit stays.
        QTest::mouseClick(banner->cancelButton(), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        QCOMPARE(editor->text(), edited);
        QCOMPARE(activeRecords(&f.connection, entity).size(), 2);

        // Retract the others and save: one live aspect left, with the edit.
        failed.clear();
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(failed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(banner->retractOthersButton()->isEnabled(), 20000);
        QTest::mouseClick(banner->retractOthersButton(), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        QVERIFY(!banner->isVisible());
        const QJsonArray active = activeRecords(&f.connection, entity);
        QCOMPARE(active.size(), 1);
        QCOMPARE(contentOf(&f.connection, active.first()),
                 memberAspect(QStringLiteral("urn:ivcap:artifact:edited")));
        QVERIFY(!editor->hasDraft());
        QVERIFY(readRecord(&f.connection, second).contains(QStringLiteral("valid-to")));
    }

    void addingAsNewKeepsTheOthers()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        const QString entity = newEntity();
        const QString first =
            addAspect(&f.connection, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:n1")));
        QVERIFY(
            !addAspect(&f.connection, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:n2")))
                 .isEmpty());
        QVERIFY(f.searchEntity(entity, 2));
        AspectEditor *editor = f.page.editor();
        QSignalSpy loaded(editor, &AspectEditor::recordLoaded);
        f.page.showRecord(first);
        QVERIFY(loaded.wait(20000));
        f.page.editCurrent();
        editor->textEdit()->setPlainText(QString::fromUtf8(
            QJsonDocument(memberAspect(QStringLiteral("urn:ivcap:artifact:n3"))).toJson()));
        QSignalSpy saved(editor, &AspectEditor::saved);
        if (v048()) {
            QSignalSpy failed(editor, &AspectEditor::saveFailed);
            QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
            QVERIFY(failed.wait(20000));
            QTRY_VERIFY_WITH_TIMEOUT(editor->conflictBanner()->addNewButton()->isEnabled(), 20000);
            QTest::mouseClick(editor->conflictBanner()->addNewButton(), Qt::LeftButton);
        } else {
            editor->saveAsNewAspect(); // what the banner's button does; v0.28 never asks
        }
        QVERIFY(saved.wait(20000));
        QVERIFY(saved.first().at(1).toString().isEmpty()); // replaced nothing
        QCOMPARE(activeRecords(&f.connection, entity).size(), 3);
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestAspectConflict)
#include "tst_aspectconflict.moc"
