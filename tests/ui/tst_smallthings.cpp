// The smaller things of a desktop application: picking an artifact suggestion keeps it, and a
// Browse button chooses one; "As of" starts from now and reaches the detail panes; empty detail
// tables keep their column names after a saved layout is restored; the artifacts table fits
// its pane; the (v0.28) order form's problem list keeps one size. Real sandbox, offscreen, in
// each dialect.
#include "api/apicalls.h"
#include "api/connection.h"
#include "artifactchooser.h"
#include "artifactpicker.h"
#include "artifactspage.h"
#include "dialectwidgetstest.h"
#include "entitymetadatapanel.h"
#include "entitytableview.h"
#include "models/artifactlistmodel.h"
#include "models/metadatalistmodel.h"
#include "orderdetailspane.h"
#include "orderformdialog.h"
#include "orderformfield.h"
#include "parametereditor.h"
#include "querybar.h"
#include "sandboxprocess.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ivcap;

class TestSmallThings : public QObject
{
    Q_OBJECT
public:
    explicit TestSmallThings(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("30")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

public:
    static QJsonObject run(ApiRequest *request)
    {
        QSignalSpy done(request, &ApiRequest::finished);
        request->start();
        return done.wait(10000) ? done.first().first().toJsonDocument().object() : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void pickingASuggestionKeepsIt()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ui::ArtifactPicker picker(&c);
        picker.setSearchDelay(0);
        picker.show();
        QVERIFY(QTest::qWaitForWindowActive(&picker));
        picker.lineEdit()->setFocus();
        QTest::keyClicks(picker.lineEdit(), QStringLiteral("a"));
        QTRY_VERIFY_WITH_TIMEOUT(picker.artifactModel() && picker.artifactModel()->rowCount() > 0,
                                 20000);
        auto *completer = picker.findChild<QCompleter *>();
        QVERIFY(completer);
        QTRY_VERIFY_WITH_TIMEOUT(completer->popup()->isVisible(), 10000);
        QAbstractItemView *popup = completer->popup();
        popup->setCurrentIndex(popup->model()->index(0, 0));
        QSignalSpy edited(&picker, &ui::ArtifactPicker::textEdited);
        QTest::keyClick(popup, Qt::Key_Return);
        QVERIFY2(picker.text().startsWith(QLatin1String("urn:ivcap:artifact:")),
                 qPrintable(picker.text()));
        QVERIFY(!edited.isEmpty());
        QCOMPARE(edited.last().first().toString(), picker.text());
    }

    void browseChoosesAnArtifact()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ui::ArtifactPicker picker(&c);
        picker.show();
        ui::ArtifactChooser *chooser = picker.browse();
        QVERIFY(chooser);
        QTRY_VERIFY(chooser->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(chooser->model()->rowCount() > 0, 20000);
        QTableView *table = chooser->view()->table();
        table->setCurrentIndex(table->model()->index(0, 0));
        const QString id = chooser->currentArtifactId();
        QVERIFY(!id.isEmpty());
        chooser->accept();
        QCOMPARE(picker.text(), id);
    }

    void asOfStartsFromNow()
    {
        ui::QueryBar bar;
        auto *edit = bar.findChild<QDateTimeEdit *>();
        auto *box = bar.findChild<QCheckBox *>();
        QVERIFY(edit && box);
        // As if the app had been started long ago.
        edit->setDateTime(QDateTime(QDate(2001, 1, 1), QTime(0, 0)));
        QSignalSpy changed(&bar, &ui::QueryBar::atTimeChanged);
        box->setChecked(true);
        QCOMPARE(changed.size(), 1);
        const QDateTime at = changed.first().first().toDateTime();
        QVERIFY(qAbs(at.secsTo(QDateTime::currentDateTime())) < 120);
    }

    void metadataPanelFollowsAsOf()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ui::EntityMetadataPanel panel(&c);
        panel.setEntityId(QStringLiteral("urn:ivcap:artifact:any"));
        const QDateTime past(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC);
        panel.setAtTime(past);
        QCOMPARE(panel.model()->atTime(), past);
        bool said = false;
        for (QLabel *label : panel.findChildren<QLabel *>())
            said |= label->text().contains(QLatin1String("as of"));
        QVERIFY(said);
    }

    void emptyDetailTablesKeepTheirHeaders()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        QByteArray state;
        {
            ui::OrderDetailsPane pane(&c);
            pane.show();
            state = pane.productsView()->horizontalHeader()->saveState();
        }
        ui::OrderDetailsPane restarted(&c); // no order yet, as after a restart
        QHeaderView *header = restarted.productsView()->horizontalHeader();
        header->restoreState(state);
        QVERIFY(restarted.productsView()->model());
        QVERIFY(restarted.productsView()->verticalHeader()->isHidden());
        for (int section = 0; section < header->count(); ++section) {
            bool numeric = false;
            header->model()->headerData(section, Qt::Horizontal).toString().toInt(&numeric);
            QVERIFY(!numeric);
        }
    }

    void artifactsTableFitsItsPane()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactListModel model;
        ui::ArtifactsPage page(&c, &model);
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && !model.isLoading(), 20000);
        QTableView *table = page.table();
        QTRY_VERIFY(table->horizontalHeader()->length() <= table->viewport()->width());
    }
};

// The order form with string parameters is v0.28's only (a v0.48 service takes a JSON request
// through the job request form, which tst_jobs covers): this fixture runs on v0.28 only.
class TestLegacyOrderForm : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox{{}, QStringLiteral("0.28")};

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void orderFormProblemsKeepOneSize()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(QStringLiteral("0.28"));
        ListQuery query;
        query.filter = QStringLiteral("name ~= 'Gradient Text Image'");
        const QString service = TestSmallThings::run(Api::listServices(&c, query, QString(), this))
                                    .value(c.dialect().itemsKey(EntityKind::Services))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("id"))
                                    .toString();
        ui::OrderFormDialog form(&c, service);
        form.show();
        QTRY_VERIFY_WITH_TIMEOUT(form.isReady(), 20000);
        auto *scroll = form.findChild<QScrollArea *>();
        QVERIFY(scroll);
        QListWidget *summary = form.errorSummary();
        const int line = summary->fontMetrics().height();
        QVERIFY(summary->height() >= 3 * line);
        const int top = scroll->geometry().top();
        auto *msg =
            qobject_cast<QLineEdit *>(form.field(QStringLiteral("msg"))->editor()->control());
        QVERIFY(msg);
        msg->setFocus();
        QTest::keyClicks(msg, QStringLiteral("hello"));
        QTRY_VERIFY(summary->isHidden());
        QCOMPARE(scroll->geometry().top(), top);
        msg->clear();
        QTest::keyClicks(msg, QStringLiteral("x"));
        QTest::keyClick(msg, Qt::Key_Backspace);
        QTRY_VERIFY(!summary->isHidden());
        QCOMPARE(scroll->geometry().top(), top);
        QVERIFY(summary->height() >= 3 * line);
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    int status = 0;
    for (const QString &api : sandboxDialects()) {
        TestSmallThings test(api);
        status |= QTest::qExec(&test, argc, argv);
    }
    TestLegacyOrderForm legacy;
    status |= QTest::qExec(&legacy, argc, argv);
    return status;
}
#include "tst_smallthings.moc"
