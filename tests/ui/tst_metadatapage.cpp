// The metadata view against a real ivcap-sandbox, offscreen: searching by entity and schema,
// adding, editing and revoking an aspect through the page, and listing earlier versions.
#include "api/apicalls.h"
#include "api/connection.h"
#include "aspect/aspectdrafts.h"
#include "aspect/aspecttreemodel.h"
#include "aspecteditor.h"
#include "metadatahistory.h"
#include "metadatapage.h"
#include "models/metadatalistmodel.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUuid>

using namespace ivcap;
using namespace ivcap::ui;

namespace {
const QString InCollection = QStringLiteral("urn:common:schema:in_collection.1");

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

class TestMetadataPage : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox;

    QJsonDocument call(ApiRequest *request)
    {
        QSignalSpy finished(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000) ||
            !failed.isEmpty())
            return {};
        const QJsonDocument doc = finished.first().first().value<QJsonDocument>();
        return doc.isNull() ? QJsonDocument(QJsonObject()) : doc;
    }

    QJsonArray activeRecords(Connection *c, const QString &entity)
    {
        ListQuery query;
        query.entityId = entity;
        return call(Api::listMetadata(c, query, QString(), nullptr))
            .object()
            .value(QStringLiteral("records"))
            .toArray();
    }

    QString recordIdOf(const QJsonDocument &reply)
    {
        return reply.object().value(QStringLiteral("record-id")).toString();
    }

    QString addMember(Connection *c, const QString &entity)
    {
        return recordIdOf(call(Api::addMetadata(
            c, entity, QString(), memberAspect(QStringLiteral("urn:a:1")), QString(), nullptr)));
    }

    struct Fixture
    {
        Connection connection;
        MetadataListModel model;
        MetadataPage page;
        QAbstractItemModelTester modelTester;
        QAbstractItemModelTester historyTester;
        QAbstractItemModelTester treeTester;
        Fixture(const QUrl &url, const QString &token)
            : connection(url, token), page(&connection, &model),
              modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest),
              historyTester(page.history()->model(),
                            QAbstractItemModelTester::FailureReportingMode::QtTest),
              treeTester(page.editor()->model(),
                         QAbstractItemModelTester::FailureReportingMode::QtTest)
        {
            page.schemaRegistry()->addDirectory(QStringLiteral(IVCAP_SCHEMA_DIR));
            page.editor()->setSchemaRegistry(page.schemaRegistry());
            model.setConnection(&connection);
            page.resize(1400, 900);
            page.show();
        }
        bool searchEntity(const QString &entity, int rows)
        {
            page.entityField()->setText(entity);
            QTest::keyClick(page.entityField(), Qt::Key_Return);
            return QTest::qWaitFor([&] { return !model.isLoading() && model.rowCount() == rows; },
                                   20000);
        }
        bool select(int row)
        {
            QSignalSpy loaded(page.editor(), &AspectEditor::recordLoaded);
            page.table()->setCurrentIndex(page.table()->model()->index(row, 0));
            return loaded.wait(20000);
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(AspectDrafts().fileName());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void searchesByEntityAndSchema()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        const QString entity = newEntity();
        QVERIFY(!addMember(&f.connection, entity).isEmpty());
        QVERIFY(!recordIdOf(call(Api::addMetadata(
                                &f.connection, entity, QStringLiteral("urn:other:schema.1"),
                                QJsonObject{{QStringLiteral("x"), 1}}, QString(), nullptr)))
                     .isEmpty());
        QVERIFY(f.searchEntity(entity, 2));
        f.page.schemaField()->setText(QStringLiteral("urn:common:%"));
        f.page.search();
        QVERIFY(QTest::qWaitFor([&] { return !f.model.isLoading() && f.model.rowCount() == 1; },
                                20000));
        QCOMPARE(f.model.index(0, MetadataListModel::SchemaColumn).data().toString(), InCollection);
    }

    void addsEditsAndRevokesThroughThePage()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        const QString entity = newEntity();
        QVERIFY(f.searchEntity(entity, 0));
        AspectEditor *editor = f.page.editor();

        // Add.
        f.page.schemaField()->setText(InCollection);
        f.page.addAspectTo(entity);
        QVERIFY(!editor->isReadOnly());
        QCOMPARE(editor->entityId(), entity);
        QVERIFY(!editor->canSave()); // the template misses required members
        editor->textEdit()->setPlainText(QString::fromUtf8(
            QJsonDocument(memberAspect(QStringLiteral("urn:ivcap:artifact:1"))).toJson()));
        QVERIFY2(editor->canSave(), qPrintable(editor->invalidReason()));
        QSignalSpy saved(editor, &AspectEditor::saved);
        QSignalSpy changed(&f.page, &MetadataPage::metadataChanged);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        QCOMPARE(changed.count(), 1);
        const QString added = saved.first().first().toString();
        QVERIFY(QTest::qWaitFor([&] { return f.model.rowOfId(added) == 0; }, 20000));
        QCOMPARE(f.page.currentRecordId(), added);
        QJsonArray active = activeRecords(&f.connection, entity);
        QCOMPARE(active.size(), 1);
        QCOMPARE(active.first().toObject().value(QStringLiteral("aspect")).toObject(),
                 memberAspect(QStringLiteral("urn:ivcap:artifact:1")));

        // Edit the saved record, which stays selected and shown.
        QCOMPARE(editor->recordId(), added);
        QTest::mouseClick(f.page.editButton(), Qt::LeftButton);
        QVERIFY(!editor->isReadOnly());
        const QModelIndex value =
            editor->model()->indexForPath(QStringLiteral("/artifact")).siblingAtColumn(1);
        QVERIFY(editor->model()->setData(value, QStringLiteral("urn:ivcap:artifact:2")));
        saved.clear();
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        const QString edited = saved.first().first().toString();
        QCOMPARE(saved.first().at(1).toString(), added);
        active = activeRecords(&f.connection, entity);
        QCOMPARE(active.size(), 1);
        QCOMPARE(active.first().toObject().value(QStringLiteral("record-id")).toString(), edited);
        QVERIFY(QTest::qWaitFor([&] { return f.page.currentRecordId() == edited; }, 20000));

        // Revoke, confirming the question.
        QTest::mouseClick(f.page.revokeButton(), Qt::LeftButton);
        QMessageBox *question = f.page.revokeQuestion();
        QVERIFY(question);
        // The question names what is revoked, not the record's URN (that is in the details).
        QVERIFY(!question->text().contains(edited));
        QVERIFY(question->detailedText().contains(edited));
        question->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 20000);
        QVERIFY(
            QTest::qWaitFor([&] { return activeRecords(&f.connection, entity).isEmpty(); }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return !f.model.isLoading() && f.model.rowCount() == 0; },
                                20000));
        QVERIFY(QTest::qWaitFor([&] { return editor->isRevoked(); }, 20000));
        QVERIFY(!editor->canSave());
        const QJsonObject record = call(Api::readMetadata(&f.connection, edited, nullptr)).object();
        QVERIFY(record.contains(QStringLiteral("valid-to")));
    }

    void cancellingTheQuestionKeepsTheRecord()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        const QString entity = newEntity();
        QVERIFY(!addMember(&f.connection, entity).isEmpty());
        QVERIFY(f.searchEntity(entity, 1));
        QVERIFY(f.select(0));
        // A selected record is shown read-only until the user asks to edit it.
        QVERIFY(f.page.editor()->isReadOnly());
        QVERIFY(f.page.editor()->textEdit()->isReadOnly());
        QTest::mouseClick(f.page.revokeButton(), Qt::LeftButton);
        QVERIFY(f.page.revokeQuestion());
        f.page.revokeQuestion()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!f.page.revokeQuestion());
        QCOMPARE(activeRecords(&f.connection, entity).size(), 1);
    }

    void historyListsEarlierVersions()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        const QString entity = newEntity();
        QStringList ids{recordIdOf(
            call(Api::addMetadata(&f.connection, entity, QString(),
                                  memberAspect(QStringLiteral("urn:v:1")), QString(), nullptr)))};
        for (const char *artifact : {"urn:v:2", "urn:v:3"}) {
            // at-time has millisecond resolution: a version must start after its
            // predecessor's start for the predecessor to be visible at all.
            const QDateTime from =
                QDateTime::fromString(call(Api::readMetadata(&f.connection, ids.last(), nullptr))
                                          .object()
                                          .value(QStringLiteral("valid-from"))
                                          .toString(),
                                      Qt::ISODateWithMs);
            QVERIFY(QTest::qWaitFor(
                [&] { return QDateTime::currentDateTimeUtc() > from.addMSecs(1); }, 5000));
            ids << recordIdOf(call(Api::updateMetadataRecord(
                &f.connection, ids.last(), memberAspect(QString::fromLatin1(artifact)), QString(),
                QString(), QString(), nullptr)));
        }
        QVERIFY(!ids.contains(QString()));
        QVERIFY(f.searchEntity(entity, 1));
        QSignalSpy loaded(f.page.editor(), &AspectEditor::recordLoaded);
        f.page.showRecord(ids.last());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(f.page.currentRecordId(), ids.last());

        QSignalSpy finished(f.page.history(), &MetadataHistory::finished);
        QTest::mouseClick(f.page.historyButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QStandardItemModel *history = f.page.history()->model();
        QCOMPARE(history->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(history->index(row, MetadataHistory::RecordColumn).data().toString(),
                     ids.at(2 - row));

        // Opening an earlier version shows it, revoked and read-only.
        loaded.clear();
        Q_EMIT f.page.historyView()->activated(history->index(2, 0));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(f.page.editor()->recordId(), ids.first());
        QVERIFY(f.page.editor()->isRevoked());
        QCOMPARE(f.page.editor()->model()->toJson().toObject(),
                 memberAspect(QStringLiteral("urn:v:1")));
    }
};

QTEST_MAIN(TestMetadataPage)
#include "tst_metadatapage.moc"
