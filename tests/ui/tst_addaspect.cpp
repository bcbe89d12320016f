// "Add aspect…" asks for the entity in a proper dialog: wide, prefilled from the selection,
// offering the entities in view, and accepting only a URN, with the reason shown otherwise.
#include "addaspectdialog.h"
#include "api/connection.h"
#include "aspecteditor.h"
#include "metadatapage.h"
#include "models/metadatalistmodel.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace ivcap;
using namespace ivcap::ui;

class TestAddAspect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void onlyAUrnIsAccepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("a name") << QStringLiteral("my artifact") << false;
        QTest::newRow("no namespace") << QStringLiteral("urn::x") << false;
        QTest::newRow("no specific part") << QStringLiteral("urn:ivcap:") << false;
        QTest::newRow("spaces inside") << QStringLiteral("urn:ivcap:artifact:a b") << false;
        QTest::newRow("artifact") << QStringLiteral("urn:ivcap:artifact:0b6c-41") << true;
        QTest::newRow("padded") << QStringLiteral("  urn:ivcap:order:1  ") << true;
        QTest::newRow("other namespace") << QStringLiteral("URN:example:thing") << true;
    }

    void onlyAUrnIsAccepted()
    {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        AddAspectDialog dialog(QString(), {});
        dialog.show();
        dialog.entityField()->setEditText(text);
        QCOMPARE(dialog.addButton()->isEnabled(), accepted);
        QCOMPARE(dialog.entityId().isEmpty(), !accepted);
        QCOMPARE(dialog.problem().isEmpty(), accepted);
        auto *problem = dialog.findChild<QLabel *>(QStringLiteral("entityProblem"));
        QCOMPARE(problem->isVisible(), !accepted && !text.trimmed().isEmpty());
    }

    void theFieldIsWideAndOffersTheEntitiesInView()
    {
        const QString long_ = QStringLiteral("urn:ivcap:artifact:0b6c41a2-59c6-4c8f-9a3b-"
                                             "1f2e3d4c5b6a");
        AddAspectDialog dialog(long_, {QStringLiteral("urn:ivcap:order:1"), long_, QString(),
                                       QStringLiteral("urn:ivcap:order:1")});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QLineEdit *edit = dialog.entityField()->lineEdit();
        QVERIFY2(edit->width() >= edit->fontMetrics().horizontalAdvance(long_),
                 "a whole URN does not fit the field");
        QCOMPARE(dialog.entityField()->count(), 2); // no blanks, no repeats
        QCOMPARE(dialog.entityId(), long_);
        QVERIFY(!dialog.entityField()->accessibleName().isEmpty());
    }

    void theMetadataPageAsksWithItPrefilledFromTheSelection()
    {
        Connection connection(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("t"));
        auto *model = new MetadataListModel;
        MetadataPage page(&connection, model);
        model->setParent(&page);
        page.show();
        const QString entity = QStringLiteral("urn:ivcap:artifact:selected");
        page.editor()->setRecord(
            {{QStringLiteral("record-id"), QStringLiteral("urn:ivcap:record:1")},
             {QStringLiteral("entity"), entity},
             {QStringLiteral("schema"), QStringLiteral("urn:x:schema:1")},
             {QStringLiteral("aspect"), QJsonObject()}});
        QPushButton *add = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Add an aspect to an entity"))
                add = b;
        }
        QVERIFY(add);
        add->setEnabled(true);
        QTest::mouseClick(add, Qt::LeftButton);
        auto *dialog = page.findChild<AddAspectDialog *>();
        QVERIFY2(dialog, "no Add aspect dialog");
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->entityId(), entity);
        dialog->entityField()->setEditText(QStringLiteral("urn:ivcap:artifact:other"));
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QCOMPARE(page.editor()->entityId(), QStringLiteral("urn:ivcap:artifact:other"));
        QVERIFY(page.editor()->recordId().isEmpty()); // a new aspect
        QVERIFY(!page.editor()->isReadOnly());
    }
};

QTEST_MAIN(TestAddAspect)
#include "tst_addaspect.moc"
