// The aspect editor against a real ivcap-sandbox, offscreen: adding and replacing records,
// schema checks that block saving and lead to the node, JSON syntax errors with their
// position, the tree and text kept in sync under one undo stack, and drafts that outlive the
// editor. Run once per API dialect (v0.28's /1/metadata, v0.48's /1/aspects).
#include "api/apicalls.h"
#include "api/aspectcalls.h"
#include "api/connection.h"
#include "aspect/aspectdrafts.h"
#include "aspect/aspecttreemodel.h"
#include "aspecteditor.h"
#include "dialectwidgetstest.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <QUuid>

using namespace ivcap;
using namespace ivcap::ui;

namespace {
const QString InCollection = QStringLiteral("urn:common:schema:in_collection.1");
const QString DemoProduct = QStringLiteral("urn:ivcap:schema:demo.product.1");

QString newEntity()
{
    return QStringLiteral("urn:ivcap:collection:") +
           QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject memberAspect(const QString &artifact)
{
    return {{QStringLiteral("$schema"), InCollection},
            {QStringLiteral("artifact"), artifact},
            {QStringLiteral("collection"), QStringLiteral("urn:ivcap:collection:demo")}};
}
} // namespace

class TestAspectEditor : public QObject
{
    Q_OBJECT
public:
    explicit TestAspectEditor(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    SchemaRegistry m_registry;

    // Runs one call to its end; an invalid document means it failed.
    QJsonDocument call(ApiRequest *request, QString *error = nullptr)
    {
        QSignalSpy finished(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000))
            return {};
        if (!failed.isEmpty()) {
            if (error)
                *error = failed.first().first().value<ApiError>().message;
            return {};
        }
        const QJsonDocument doc = finished.first().first().value<QJsonDocument>();
        return doc.isNull() ? QJsonDocument(QJsonObject()) : doc;
    }

    QJsonObject readRecord(Connection *c, const QString &id)
    {
        return call(Api::readEntity(c, EntityKind::Aspects, id, nullptr)).object();
    }

    QJsonArray activeRecords(Connection *c, const QString &entity)
    {
        ListQuery query;
        query.entityId = entity;
        return c->dialect().pageItems(
            EntityKind::Aspects,
            call(Api::listEntities(c, EntityKind::Aspects, query, QString(), nullptr)).object(),
            QUrl(), nullptr);
    }
    static QString idOf(Connection *c, const QJsonValue &item)
    {
        return item.toObject()
            .value(c->dialect().key(EntityKind::Aspects, Field::RecordId))
            .toString();
    }
    static QJsonObject contentOf(Connection *c, const QJsonValue &item)
    {
        return item.toObject()
            .value(c->dialect().key(EntityKind::Aspects, Field::AspectContent))
            .toObject();
    }

    QString addRecord(Connection *c, const QString &entity, const QJsonObject &aspect)
    {
        return Api::writtenRecordId(
            call(Api::addAspect(c, entity, QString(), aspect, QString(), nullptr)));
    }

    struct Fixture
    {
        Connection connection;
        AspectEditor editor;
        QAbstractItemModelTester tester;
        Fixture(const QUrl &url, const QString &token, const QString &api, SchemaRegistry *registry)
            : connection(url, token), editor((connection.setApiVersion(api), &connection)),
              tester(editor.model(), QAbstractItemModelTester::FailureReportingMode::QtTest)
        {
            editor.setSchemaRegistry(registry);
            editor.resize(1000, 700);
            editor.show();
        }
        bool open(const QString &recordId)
        {
            QSignalSpy loaded(&editor, &AspectEditor::recordLoaded);
            editor.openRecord(recordId);
            return loaded.wait(20000);
        }
        // Types the whole text as the user would replace it.
        void setText(const QString &text) { editor.textEdit()->setPlainText(text); }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(AspectDrafts().fileName());
        QVERIFY(m_registry.addDirectory(QStringLiteral(IVCAP_SCHEMA_DIR)) >= 2);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void addsANewAspect()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        const QString entity = newEntity();
        f.editor.newAspect(entity, memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        QVERIFY2(f.editor.canSave(), qPrintable(f.editor.invalidReason()));
        QVERIFY(f.editor.saveButton()->isEnabled());
        QSignalSpy saved(&f.editor, &AspectEditor::saved);
        QTest::mouseClick(f.editor.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        const QString id = saved.first().first().toString();
        // v0.28 names metadata records, the datafabric aspects (PROTOCOL-0.48 §2.4).
        QVERIFY2(id.startsWith(m_api == QLatin1String("0.28") ? QLatin1String("urn:ivcap:record:")
                                                              : QLatin1String("urn:ivcap:aspect:")),
                 qPrintable(id));
        QCOMPARE(f.editor.recordId(), id);
        QVERIFY(!f.editor.isModified());

        const QJsonObject record = readRecord(&f.connection, id);
        QCOMPARE(record.value(QStringLiteral("entity")).toString(), entity);
        QCOMPARE(record.value(QStringLiteral("schema")).toString(), InCollection);
        QCOMPARE(contentOf(&f.connection, record),
                 memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
    }

    void editsARecordThroughTheTree()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        const QString entity = newEntity();
        const QString oldId =
            addRecord(&f.connection, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        QVERIFY(!oldId.isEmpty());
        QVERIFY(f.open(oldId));
        QVERIFY(!f.editor.canSave()); // nothing changed yet

        const QModelIndex value =
            f.editor.model()->indexForPath(QStringLiteral("/artifact")).siblingAtColumn(1);
        QVERIFY(value.isValid());
        QVERIFY(f.editor.model()->setData(value, QStringLiteral("urn:ivcap:artifact:2")));
        QVERIFY(f.editor.isModified());
        QVERIFY2(f.editor.canSave(), qPrintable(f.editor.invalidReason()));

        QSignalSpy saved(&f.editor, &AspectEditor::saved);
        f.editor.save();
        QVERIFY(saved.wait(20000));
        const QString newId = saved.first().first().toString();
        QCOMPARE(saved.first().at(1).toString(), oldId);
        QVERIFY(newId != oldId);

        const QJsonArray active = activeRecords(&f.connection, entity);
        QCOMPARE(active.size(), 1);
        QCOMPARE(idOf(&f.connection, active.first()), newId);
        QCOMPARE(
            contentOf(&f.connection, active.first()).value(QStringLiteral("artifact")).toString(),
            QStringLiteral("urn:ivcap:artifact:2"));
        QVERIFY(!readRecord(&f.connection, oldId).value(QStringLiteral("valid-to")).isUndefined());
    }

    void schemaViolationBlocksSavingAndSelectsTheNode()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        QJsonObject aspect{{QStringLiteral("$schema"), DemoProduct},
                           {QStringLiteral("order"), QStringLiteral("urn:ivcap:order:1")},
                           {QStringLiteral("service"), QStringLiteral("urn:ivcap:service:1")},
                           {QStringLiteral("name"), QStringLiteral("x")},
                           {QStringLiteral("mime-type"), QStringLiteral("text/plain")},
                           {QStringLiteral("size"), -5}};
        f.editor.newAspect(newEntity(), aspect);
        QVERIFY(!f.editor.canSave());
        QVERIFY(!f.editor.saveButton()->isEnabled());
        QVERIFY(!f.editor.invalidReason().isEmpty());
        QVERIFY(!f.editor.statusLabel()->text().isEmpty());

        QListWidget *list = f.editor.violationList();
        QListWidgetItem *sizeItem = nullptr;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->text().startsWith(QLatin1String("/size")))
                sizeItem = list->item(i);
        }
        QVERIFY2(sizeItem, "no violation at /size");
        QVERIFY(QTest::qWaitForWindowExposed(&f.editor));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(sizeItem).center());
        const QModelIndex size = f.editor.model()->indexForPath(QStringLiteral("/size"));
        QCOMPARE(f.editor.treeView()->currentIndex().siblingAtColumn(0), size);

        // Fixing the value makes it savable.
        QVERIFY(f.editor.model()->setData(size.siblingAtColumn(1), 5));
        QVERIFY2(f.editor.canSave(), qPrintable(f.editor.invalidReason()));
        QCOMPARE(list->count(), 0);
    }

    void userChosenSchemaFileIsUsed()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        f.editor.newAspect(newEntity(), {{QStringLiteral("$schema"), QStringLiteral("urn:x:y")},
                                         {QStringLiteral("artifact"), 3}});
        QVERIFY(f.editor.canSave()); // unknown schema: not checked
        QVERIFY(f.editor.useSchemaFile(QStringLiteral(IVCAP_SCHEMA_DIR) +
                                       QStringLiteral("/in_collection.1.json")));
        QVERIFY(!f.editor.canSave());
        QVERIFY(!f.editor.violations().isEmpty());
        QVERIFY(!f.editor.useSchemaFile(QStringLiteral("/nonexistent/schema.json")));
    }

    void syntaxErrorShowsLineAndColumn()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        f.editor.newAspect(newEntity(), memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        f.setText(QStringLiteral("{\n  \"a\": 1,\n  \"b\": ]\n}\n"));
        QVERIFY(!f.editor.canSave());
        const QString error = f.editor.syntaxError();
        QVERIFY2(error.contains(QLatin1String("line 3, column 8")), qPrintable(error));
        QCOMPARE(f.editor.invalidReason(), error);
        QCOMPARE(f.editor.statusLabel()->text(), error);
        // The tree keeps the last valid document and cannot be edited meanwhile.
        QVERIFY(f.editor.model()->indexForPath(QStringLiteral("/artifact")).isValid());
        QCOMPARE(f.editor.treeView()->editTriggers(), QAbstractItemView::NoEditTriggers);
    }

    void treeAndTextStayInSync()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        f.editor.newAspect(newEntity(), memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        AspectTreeModel *model = f.editor.model();

        // Tree → text.
        const QModelIndex root = model->rootIndex();
        QVERIFY(model->insertChild(root, 0, QStringLiteral("tags"), QJsonArray{1, 2, 3}));
        QCOMPARE(QJsonDocument::fromJson(f.editor.textEdit()->toPlainText().toUtf8())
                     .object()
                     .value(QStringLiteral("tags"))
                     .toArray(),
                 (QJsonArray{1, 2, 3}));

        // Reordering array items.
        f.editor.treeView()->setCurrentIndex(model->indexForPath(QStringLiteral("/tags/0")));
        f.editor.moveNodeDown();
        QCOMPARE(model->toJson().toObject().value(QStringLiteral("tags")).toArray(),
                 (QJsonArray{2, 1, 3}));
        QVERIFY(f.editor.textEdit()->toPlainText().contains(QLatin1String("2,\n        1")));

        // Text → tree.
        QJsonObject edited = memberAspect(QStringLiteral("urn:ivcap:artifact:7"));
        edited.insert(QStringLiteral("note"), QStringLiteral("hello"));
        f.setText(QString::fromUtf8(QJsonDocument(edited).toJson()));
        QCOMPARE(model->toJson().toObject(), edited);
        QVERIFY(model->indexForPath(QStringLiteral("/note")).isValid());
    }

    void undoAndRedoSpanBothEditors()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        f.editor.newAspect(newEntity(), memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        AspectTreeModel *model = f.editor.model();
        const QJsonObject start = model->toJson().toObject();
        QCOMPARE(f.editor.undoStack()->count(), 0);

        QVERIFY(model->insertChild(model->rootIndex(), 0, QStringLiteral("fromTree"), true));
        const QJsonObject afterTree = model->toJson().toObject();
        QJsonObject afterText = afterTree;
        afterText.insert(QStringLiteral("fromText"), 1);
        f.setText(QString::fromUtf8(QJsonDocument(afterText).toJson()));
        QCOMPARE(f.editor.undoStack()->count(), 2);

        f.editor.undoStack()->undo();
        QCOMPARE(model->toJson().toObject(), afterTree);
        QCOMPARE(QJsonDocument::fromJson(f.editor.textEdit()->toPlainText().toUtf8()).object(),
                 afterTree);
        f.editor.undoStack()->undo();
        QCOMPARE(model->toJson().toObject(), start);
        QVERIFY(!f.editor.isModified());
        f.editor.undoStack()->redo();
        f.editor.undoStack()->redo();
        QCOMPARE(model->toJson().toObject(), afterText);

        // Ctrl+Z in the text edit goes to the shared stack, not the text edit's own history.
        f.editor.textEdit()->setFocus();
        QTest::keyClick(f.editor.textEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->toJson().toObject(), afterTree);
    }

    void draftSurvivesRecreatingTheEditor()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        const QString entity = newEntity();
        const QString id =
            addRecord(&c, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        QVERIFY(!id.isEmpty());
        QJsonObject edited = memberAspect(QStringLiteral("urn:ivcap:artifact:draft"));
        const QString draftText = QString::fromUtf8(QJsonDocument(edited).toJson());
        {
            Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
            QVERIFY(f.open(id));
            QVERIFY(!f.editor.hasDraft());
            f.setText(draftText);
            QVERIFY(f.editor.isModified());
        } // the editor goes away before its draft timer fires

        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        QVERIFY(f.open(id));
        QVERIFY(f.editor.hasDraft());
        QCOMPARE(f.editor.text(), draftText);
        QCOMPARE(f.editor.model()->toJson().toObject(), edited);
        QVERIFY(f.editor.isModified());
        QVERIFY(f.editor.discardDraftButton()->isEnabled());

        QTest::mouseClick(f.editor.discardDraftButton(), Qt::LeftButton);
        QVERIFY(!f.editor.hasDraft());
        QVERIFY(!f.editor.isModified());
        QCOMPARE(f.editor.model()->toJson().toObject(),
                 memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        QVERIFY(!AspectDrafts().contains(id));
    }

    void failedSaveKeepsTheEditAndShowsTheMessage()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        const QString id = addRecord(&f.connection, newEntity(),
                                     memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        QVERIFY(f.open(id));
        const QString text = QString::fromUtf8(
            QJsonDocument(memberAspect(QStringLiteral("urn:ivcap:artifact:9"))).toJson());
        f.setText(text);
        // The deployment goes away meanwhile.
        m_sandbox.stop();
        QSignalSpy failed(&f.editor, &AspectEditor::saveFailed);
        f.editor.save();
        const bool reported = failed.wait(20000);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        QVERIFY(reported);
        QVERIFY(f.editor.saveErrorLabel()->isVisible());
        QVERIFY(f.editor.saveErrorLabel()->text().contains(failed.first().first().toString()));
        QCOMPARE(f.editor.text(), text);
        QCOMPARE(f.editor.recordId(), id);
        QVERIFY(f.editor.isModified());
        QVERIFY(f.editor.hasDraft());
        QVERIFY(f.editor.canSave()); // the user may try again
        f.editor.discardDraft();
    }

    // Someone else retracts the record being edited. v0.28 replaces that very record and
    // refuses with the server's message; v0.48's update replaces the entity's live aspect of
    // the schema, and with none live it adds one.
    void savingARecordRetractedElsewhere()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api, &m_registry);
        const QString entity = newEntity();
        const QString id =
            addRecord(&f.connection, entity, memberAspect(QStringLiteral("urn:ivcap:artifact:1")));
        QVERIFY(f.open(id));
        const QString text = QString::fromUtf8(
            QJsonDocument(memberAspect(QStringLiteral("urn:ivcap:artifact:9"))).toJson());
        f.setText(text);
        QVERIFY(!call(Api::retractAspect(&f.connection, id, nullptr)).isNull());
        QSignalSpy failed(&f.editor, &AspectEditor::saveFailed);
        QSignalSpy saved(&f.editor, &AspectEditor::saved);
        f.editor.save();
        if (m_api == QLatin1String("0.28")) {
            QVERIFY(failed.wait(20000));
            QVERIFY(f.editor.saveErrorLabel()->isVisible());
            QVERIFY(f.editor.saveErrorLabel()->text().contains(failed.first().first().toString()));
            QCOMPARE(f.editor.text(), text);
            QVERIFY(f.editor.hasDraft());
            f.editor.discardDraft();
        } else {
            QVERIFY(saved.wait(20000));
            const QJsonArray active = activeRecords(&f.connection, entity);
            QCOMPARE(active.size(), 1);
            QCOMPARE(contentOf(&f.connection, active.first()),
                     memberAspect(QStringLiteral("urn:ivcap:artifact:9")));
            QVERIFY(!f.editor.hasDraft());
        }
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestAspectEditor)
#include "tst_aspecteditor.moc"
