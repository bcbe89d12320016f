// The aspect editor's Form view: shown when the aspect's schema is known, kept in sync with
// the JSON text and the tree, one undo stack for all three.
#include "aspecteditor.h"
#include "decimalspinbox.h"
#include "forms/schemaformmodel.h"
#include "schemafieldwidget.h"
#include "schemaformview.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace ivcap;
using namespace ivcap::ui;

class TestAspectForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formViewFollowsTheSchema()
    {
        SchemaRegistry registry;
        registry.addSchema(QStringLiteral("urn:test:schema.place.1"),
                           QJsonDocument::fromJson(R"({"type":"object","properties":{
                "name":{"type":"string","title":"Name"},
                "elevation":{"type":"number","title":"Elevation","minimum":0}},
                "required":["name"]})")
                               .object());
        AspectEditor editor(nullptr);
        editor.setSchemaRegistry(&registry);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.newAspect(QStringLiteral("urn:ivcap:entity:1"),
                         QJsonObject{{"$schema", "urn:test:schema.place.1"}, {"name", "Hobart"}});
        QVERIFY(editor.viewTabs()->isTabEnabled(1));
        SchemaFormModel *form = editor.formModel();
        QCOMPARE(form->document().toObject().value("name"), QJsonValue("Hobart"));
        QVERIFY(form->document().toObject().contains("$schema")); // kept, though undescribed

        editor.viewTabs()->setCurrentIndex(1);
        SchemaFieldWidget *elevation =
            editor.formView()->field(form->indexForPointer(QStringLiteral("/elevation")));
        QVERIFY(elevation);
        auto *spin = qobject_cast<DecimalSpinBox *>(elevation->editor());
        QVERIFY(spin);
        QTest::keyClicks(spin, "1234.5");
        const QJsonObject text =
            QJsonDocument::fromJson(editor.textEdit()->toPlainText().toUtf8()).object();
        QCOMPARE(text.value("elevation").toDouble(), 1234.5);
        QVERIFY(editor.isModified());

        // the text is edited elsewhere: the same form field follows, in place
        QJsonObject changed = text;
        changed.insert("name", "Launceston");
        editor.textEdit()->setPlainText(QString::fromUtf8(QJsonDocument(changed).toJson()));
        QCOMPARE(form->document().toObject().value("name"), QJsonValue("Launceston"));
        QCOMPARE(editor.formView()->field(form->indexForPointer(QStringLiteral("/elevation"))),
                 elevation);

        editor.undoStack()->undo(); // the text edit
        QCOMPARE(form->document().toObject().value("name"), QJsonValue("Hobart"));
        while (editor.undoStack()->canUndo())
            editor.undoStack()->undo();
        QVERIFY(!form->document().toObject().contains("elevation"));
        QVERIFY(!editor.isModified());
    }

    void noFormWithoutASchema()
    {
        AspectEditor editor(nullptr);
        editor.newAspect(QStringLiteral("urn:ivcap:entity:1"),
                         QJsonObject{{"$schema", "urn:test:schema.unknown.1"}, {"a", 1}});
        QVERIFY(!editor.viewTabs()->isTabEnabled(1));
    }
};

QTEST_MAIN(TestAspectForm)
#include "tst_aspectform.moc"
