// Aspect drafts as a user meets them, against a real sandbox: saving clears the draft (the saved
// content never comes back as "Unsaved draft"), a revoked version claims no draft, and File ▸
// Unsaved aspect drafts lists the open drafts to reopen or discard. Run once per API dialect.
#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/aspectcalls.h"
#include "api/connection.h"
#include "aspect/aspectdrafts.h"
#include "aspecteditor.h"
#include "dialectwidgetstest.h"
#include "draftsmenu.h"
#include "mainwindow.h"
#include "metadatapage.h"
#include "models/metadatalistmodel.h"
#include "sandboxprocess.h"

#include <QApplication>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace ivcap;
using namespace ivcap::ui;

namespace {
const QString InCollection = QStringLiteral("urn:common:schema:in_collection.1");

QJsonObject member(const QString &collection)
{
    return {{QStringLiteral("$schema"), InCollection},
            {QStringLiteral("artifact"), QStringLiteral("urn:ivcap:artifact:1")},
            {QStringLiteral("collection"), collection}};
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QLabel *draftNote(AspectEditor &editor)
{
    for (QLabel *label : editor.findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Draft status"))
            return label;
    }
    return nullptr;
}
} // namespace

class TestDrafts : public QObject
{
    Q_OBJECT
public:
    explicit TestDrafts(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    QString addRecord(Connection *connection, const QString &entity, const QJsonObject &aspect)
    {
        ApiRequest *request =
            Api::addAspect(connection, entity, QString(), aspect, QString(), nullptr);
        QSignalSpy finished(request, &ApiRequest::finished);
        request->start();
        if (!finished.wait(20000))
            return {};
        return Api::writtenRecordId(finished.first().first().toJsonDocument());
    }

    static bool open(AspectEditor &editor, const QString &recordId)
    {
        QSignalSpy loaded(&editor, &AspectEditor::recordLoaded);
        editor.openRecord(recordId);
        return loaded.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void init() { QFile::remove(AspectDrafts().fileName()); }

    void savingClearsTheDraft()
    {
        Connection connection(m_sandbox.url(), m_sandbox.token());
        connection.setApiVersion(m_api);
        const QString entity = QStringLiteral("urn:ivcap:collection:") +
                               QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString first = addRecord(&connection, entity, member(QStringLiteral("urn:a")));
        QVERIFY(!first.isEmpty());

        AspectEditor editor(&connection);
        editor.show();
        QVERIFY(open(editor, first));
        editor.textEdit()->setPlainText(compact(member(QStringLiteral("urn:b"))));
        QTRY_VERIFY(editor.hasDraft()); // written after a pause in typing
        QSignalSpy saved(&editor, &AspectEditor::saved);
        QTRY_VERIFY(editor.canSave());
        editor.save();
        QVERIFY(saved.wait(20000));
        const QString second = saved.first().first().toString();
        QVERIFY(!editor.hasDraft());
        QVERIFY2(AspectDrafts().keys().isEmpty(),
                 qPrintable(AspectDrafts().keys().join(QLatin1Char(','))));
        QVERIFY(!draftNote(editor)->isVisible());

        // Reopened later, the saved content is the record's, not an "Unsaved draft".
        AspectEditor again(&connection);
        again.show();
        QVERIFY(open(again, second));
        QVERIFY(!again.hasDraft());
        QVERIFY(!again.isModified());
        QVERIFY(!draftNote(again)->isVisible());
        // And the version it replaced (now revoked) claims none either.
        QVERIFY(open(again, first));
        QVERIFY(again.isRevoked());
        QVERIFY(!again.hasDraft());
        QVERIFY(!draftNote(again)->isVisible());
    }

    void aRevokedVersionClaimsNoDraft()
    {
        // A draft left from before the record was revoked elsewhere.
        const QString recordId = QStringLiteral("urn:ivcap:record:") +
                                 QUuid::createUuid().toString(QUuid::WithoutBraces);
        AspectDrafts drafts;
        QVERIFY(drafts.store(
            recordId, {QStringLiteral("{}"), recordId, QStringLiteral("urn:x"), InCollection, {}}));
        Connection connection(m_sandbox.url(), m_sandbox.token());
        connection.setApiVersion(m_api);
        AspectEditor editor(&connection);
        editor.show();
        editor.setRecord({{QStringLiteral("record-id"), recordId},
                          {QStringLiteral("entity"), QStringLiteral("urn:x")},
                          {QStringLiteral("schema"), InCollection},
                          {QStringLiteral("aspect"), member(QStringLiteral("urn:a"))},
                          {QStringLiteral("valid-to"), QStringLiteral("2024-01-01T00:00:00Z")}});
        QVERIFY(editor.isRevoked());
        QVERIFY(!editor.hasDraft());
        QVERIFY(!draftNote(editor)->isVisible());
        QVERIFY(!editor.isModified());
    }

    void theDraftsMenuReopensAndDiscards()
    {
        Connection connection(m_sandbox.url(), m_sandbox.token());
        connection.setApiVersion(m_api);
        const QString entity = QStringLiteral("urn:ivcap:collection:") +
                               QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString record = addRecord(&connection, entity, member(QStringLiteral("urn:a")));
        QVERIFY(!record.isEmpty());
        const QString edited = compact(member(QStringLiteral("urn:edited")));
        AspectDrafts drafts;
        QVERIFY(drafts.store(record, {edited, record, entity, InCollection, {}}));
        const QString newKey = AspectDrafts::keyFor(QString(), entity, InCollection);
        QVERIFY(drafts.store(
            newKey,
            {compact(member(QStringLiteral("urn:new"))), QString(), entity, InCollection, {}}));

        MainWindow window;
        auto *metadata = new MetadataListModel(EntityKind::Aspects, nullptr);
        metadata->setConnection(&connection);
        auto *page = new MetadataPage(&connection, metadata);
        metadata->setParent(page);
        window.addPage(QStringLiteral("services"), QStringLiteral("Services"), new QWidget);
        window.addPage(QStringLiteral("metadata"), QStringLiteral("Metadata"), page);
        DraftsMenu menu;
        menu.setEditorPage(&window, QStringLiteral("metadata"), page);
        window.show();

        QCOMPARE(menu.refresh(), 2);
        QCOMPARE(menu.actions().size(), 2);
        // Open the record's draft: the metadata page shows it in the editor, editable.
        QMenu *entry = nullptr;
        for (QAction *action : menu.actions()) {
            if (action->text().contains(record))
                entry = action->menu();
        }
        QVERIFY(entry);
        QSignalSpy loaded(page->editor(), &AspectEditor::recordLoaded);
        entry->actions().at(0)->trigger(); // Open
        QCOMPARE(window.currentPageKey(), QStringLiteral("metadata"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(page->editor()->recordId(), record);
        QCOMPARE(page->editor()->text(), edited);
        QVERIFY(page->editor()->hasDraft());
        QVERIFY(!page->editor()->isReadOnly());

        // Discard the new aspect's draft: gone from the file and the menu.
        QMenu *newEntry = nullptr;
        for (QAction *action : menu.actions()) {
            if (!action->text().contains(record))
                newEntry = action->menu();
        }
        QVERIFY(newEntry);
        newEntry->actions().at(1)->trigger(); // Discard
        QVERIFY(!AspectDrafts().contains(newKey));
        QCOMPARE(menu.actions().size(), 1);
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestDrafts)
#include "tst_drafts.moc"
