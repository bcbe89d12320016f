// Forms generated from JSON Schema, driven through their widgets offscreen: filling fields,
// the error summary, the Form/JSON toggle with undo across both, list and alternative
// editors, focus kept while typing, and `ivcap-desktop --form … --screenshot`.
#include "decimalspinbox.h"
#include "forms/schemaformmodel.h"
#include "schemafieldwidget.h"
#include "schemaformeditor.h"
#include "schemaformview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace ivcap;
using namespace ivcap::ui;

namespace {
const QByteArray kSchema = R"({
  "title": "Survey request",
  "type": "object",
  "properties": {
    "name": {"type": "string", "title": "Name", "description": "Who asks", "minLength": 2},
    "count": {"type": "integer", "title": "Count", "minimum": 1, "default": 1},
    "ratio": {"type": "number", "title": "Ratio", "multipleOf": 0.01},
    "enabled": {"type": "boolean", "title": "Enabled", "default": false},
    "colour": {"enum": ["red", "green", "blue"], "title": "Colour", "default": "red"},
    "tags": {"type": "array", "title": "Tags", "items": {"type": "string"}},
    "shape": {"title": "Shape", "oneOf": [
      {"title": "Circle", "type": "object", "properties": {"kind": {"const": "circle"},
       "r": {"type": "number"}}, "required": ["kind"]},
      {"title": "Square", "type": "object", "properties": {"kind": {"const": "square"},
       "side": {"type": "number"}}, "required": ["kind"]}]}
  },
  "required": ["name", "count", "tags", "shape"]
})";
} // namespace

class TestSchemaForm : public QObject
{
    Q_OBJECT

    std::unique_ptr<SchemaFormEditor> m_editor;

    SchemaFormEditor *open()
    {
        m_editor = std::make_unique<SchemaFormEditor>();
        m_editor->setSchema(SchemaFormModel::parseSchema(kSchema));
        m_editor->resize(700, 900);
        m_editor->show();
        m_editor->activateWindow();
        if (!QTest::qWaitForWindowExposed(m_editor.get()))
            qWarning("window not exposed");
        return m_editor.get();
    }
    SchemaFieldWidget *field(const QString &pointer)
    {
        return m_editor->formView()->field(m_editor->model()->indexForPointer(pointer));
    }
    template <typename T> T *editorOf(const QString &pointer)
    {
        SchemaFieldWidget *f = field(pointer);
        return f ? qobject_cast<T *>(f->editor()) : nullptr;
    }
    QJsonObject doc() { return m_editor->document().toObject(); }

private Q_SLOTS:
    void fillFormThroughWidgets()
    {
        open();
        auto *name = editorOf<QLineEdit>("/name");
        QVERIFY(name);
        name->setFocus();
        QTest::keyClicks(name, "Ada");
        QCOMPARE(doc().value("name"), QJsonValue("Ada"));
        QCOMPARE(QApplication::focusWidget(), name); // edited in place, focus kept
        QCOMPARE(editorOf<QLineEdit>("/name"), name);

        auto *count = editorOf<DecimalSpinBox>("/count");
        QVERIFY(count);
        count->selectAll();
        QTest::keyClicks(count, "12");
        QCOMPARE(doc().value("count"), QJsonValue(12));
        QTest::keyClick(count, Qt::Key_Up);
        QCOMPARE(doc().value("count"), QJsonValue(13));

        auto *ratio = editorOf<DecimalSpinBox>("/ratio");
        QTest::keyClicks(ratio, "19.99");
        QCOMPARE(doc().value("ratio").toDouble(), 19.99);
        QVERIFY(field("/ratio")->findChildren<QLabel *>().size() > 0);
        QVERIFY(m_editor->model()
                    ->indexForPointer("/ratio")
                    .data(SchemaFormModel::ErrorsRole)
                    .toStringList()
                    .isEmpty());

        auto *enabled = editorOf<QCheckBox>("/enabled");
        enabled->setFocus();
        QTest::keyClick(enabled, Qt::Key_Space);
        QCOMPARE(doc().value("enabled"), QJsonValue(true));

        auto *colour = editorOf<QComboBox>("/colour");
        colour->setFocus();
        QTest::keyClick(colour, Qt::Key_Down);
        QCOMPARE(doc().value("colour"), QJsonValue("green"));

        QToolButton *add = nullptr;
        for (auto *b : field("/tags")->findChildren<QToolButton *>()) {
            if (b->text() == tr("Add item"))
                add = b;
        }
        QVERIFY(add);
        QTest::mouseClick(add, Qt::LeftButton);
        QTest::mouseClick(add, Qt::LeftButton);
        QTest::keyClicks(editorOf<QLineEdit>("/tags/0"), "a");
        QTest::keyClicks(editorOf<QLineEdit>("/tags/1"), "b");
        QCOMPARE(doc().value("tags"), QJsonValue(QJsonArray({"a", "b"})));
        QToolButton *up = nullptr;
        for (auto *b : field("/tags/1")->findChildren<QToolButton *>()) {
            if (b->accessibleName() == tr("Move up"))
                up = b;
        }
        QVERIFY(up);
        QTest::mouseClick(up, Qt::LeftButton);
        QCOMPARE(doc().value("tags"), QJsonValue(QJsonArray({"b", "a"})));
        QCOMPARE(editorOf<QLineEdit>("/tags/0")->text(), QStringLiteral("b"));

        QVERIFY(m_editor->isValid());
        QVERIFY(m_editor->submitButton()->isEnabled());
        QSignalSpy submitted(m_editor.get(), &SchemaFormEditor::submitted);
        QTest::mouseClick(m_editor->submitButton(), Qt::LeftButton);
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.at(0).at(0).toJsonValue().toObject().value("name"), QJsonValue("Ada"));
    }

    void errorSummaryJumpsToTheField()
    {
        open();
        QVERIFY(!m_editor->submitButton()->isEnabled());
        QListWidget *summary = m_editor->errorSummary();
        QTRY_VERIFY(summary->count() >= 1);
        QVERIFY(summary->item(0)->text().contains("Name"));
        QVERIFY(field("/name")->findChildren<QLabel *>().size() > 0);
        auto *count = editorOf<DecimalSpinBox>("/count");
        count->setFocus();
        Q_EMIT summary->itemActivated(summary->item(0));
        QTRY_COMPARE(QApplication::focusWidget(), editorOf<QLineEdit>("/name"));
        QTest::keyClicks(editorOf<QLineEdit>("/name"), "X");
        // still too short: the message changes, the field keeps focus
        QCOMPARE(summary->count(), 1);
        QVERIFY(!summary->item(0)->text().contains("Required"));
        QTest::keyClicks(editorOf<QLineEdit>("/name"), "Y");
        QCOMPARE(summary->count(), 0);
        QVERIFY(m_editor->submitButton()->isEnabled());
    }

    void toggleKeepsFormAndJsonInSyncWithOneUndo()
    {
        open();
        QTest::keyClicks(editorOf<QLineEdit>("/name"), "Ada");
        QTest::mouseClick(m_editor->jsonButton(), Qt::LeftButton);
        QVERIFY(m_editor->isJsonShown());
        QPlainTextEdit *json = m_editor->jsonEdit();
        QJsonObject shown = QJsonDocument::fromJson(json->toPlainText().toUtf8()).object();
        QCOMPARE(shown.value("name"), QJsonValue("Ada"));
        shown.insert("name", "Grace");
        shown.insert("extra", "kept");
        json->setPlainText(QString::fromUtf8(QJsonDocument(shown).toJson()));
        QCOMPARE(doc().value("name"), QJsonValue("Grace"));
        QCOMPARE(doc().value("extra"), QJsonValue("kept"));
        QTest::mouseClick(m_editor->formButton(), Qt::LeftButton);
        QCOMPARE(editorOf<QLineEdit>("/name")->text(), QStringLiteral("Grace"));
        QVERIFY(field("/extra")); // a value the schema does not describe has a field too
        // text that does not parse yet leaves the form alone
        json->setPlainText("{ \"name\": ");
        QCOMPARE(doc().value("name"), QJsonValue("Grace"));

        QUndoStack *undo = m_editor->undoStack();
        undo->undo(); // the JSON edit
        QCOMPARE(doc().value("name"), QJsonValue("Ada"));
        QVERIFY(!doc().contains("extra"));
        QCOMPARE(editorOf<QLineEdit>("/name")->text(), QStringLiteral("Ada"));
        QCOMPARE(QJsonDocument::fromJson(json->toPlainText().toUtf8()).object().value("name"),
                 QJsonValue("Ada"));
        undo->undo(); // the typing, one step
        QVERIFY(!doc().contains("name"));
        undo->redo();
        undo->redo();
        QCOMPARE(doc().value("name"), QJsonValue("Grace"));
    }

    void alternativeSwitcher()
    {
        open();
        SchemaFieldWidget *shape = field("/shape");
        auto *combo = shape->findChild<QComboBox *>();
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("Circle"));
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(doc().value("shape").toObject().value("kind"), QJsonValue("square"));
        QVERIFY(field("/shape/side"));
        QCOMPARE(field("/shape/r"), field("/shape")); // no field of its own any more
    }

    void screenshotOfAStandaloneForm()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath("form.png");
        QProcess app;
        app.start(QStringLiteral(IVCAP_DESKTOP_BIN),
                  {"--form",
                   QStringLiteral(IVCAP_TEST_DATA_DIR) + "/forms/flood-extent-request.json",
                   "--screenshot", png});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 300);

        QProcess bad;
        bad.start(QStringLiteral(IVCAP_DESKTOP_BIN), {"--form", dir.filePath("missing.json")});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("missing.json"));
    }
};

QTEST_MAIN(TestSchemaForm)
#include "tst_schemaform.moc"
