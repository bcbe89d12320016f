// The Jobs page and "Request Job…" driven through a whole in-process session against a real
// v0.48 sandbox: a job requested through the form generated from the service's request schema,
// followed live to its end with a notification, its result, request and products opened, and
// "Request again" prefilled; against v0.28 there is no Jobs page and no "Request Job…".
#include "api/connection.h"
#include "api/dialect.h"
#include "artifactpreview.h"
#include "artifactspage.h"
#include "desktopsession.h"
#include "jobdetailspane.h"
#include "jobrequestdialog.h"
#include "jobsfeature.h"
#include "jobspage.h"
#include "jsontreeview.h"
#include "mainwindow.h"
#include "models/jobdetails.h"
#include "models/myjobsmodel.h"
#include "notifier.h"
#include "sandboxprocess.h"
#include "schemafieldwidget.h"
#include "schemaformeditor.h"
#include "schemaformview.h"
#include "servicedetailspane.h"
#include "servicespage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace ivcap;

namespace {
// "Gradient Text Image" of the v0.48 demo catalogue: a quick job with a JSON result and an
// SVG product.
const QString kGradient = QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");
} // namespace

class TestJobs : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox{{}, QStringLiteral("0.48")};

    static std::unique_ptr<app::DesktopSession> session(const SandboxProcess &sandbox)
    {
        app::DesktopSession::Options options;
        options.url = sandbox.url();
        options.token = sandbox.token();
        auto s = std::make_unique<app::DesktopSession>(options);
        if (!s->start())
            return nullptr;
        return s;
    }

    static ui::ServicesPage *servicesPage(ui::MainWindow *window)
    {
        return static_cast<ui::ServicesPage *>(window->page(QStringLiteral("services")));
    }

    static ui::JobRequestDialog *openDialog(app::DesktopSession *s, int existing = 0)
    {
        ui::ServicesPage *services = servicesPage(s->window());
        services->selectService(kGradient);
        QPushButton *request = services->detailsPane()->requestJobButton();
        if (!QTest::qWaitFor(
                [&] {
                    return services->currentServiceId() == kGradient && request->isVisible() &&
                           request->isEnabled();
                },
                20000))
            return nullptr;
        request->click();
        QList<ui::JobRequestDialog *> dialogs;
        (void)QTest::qWaitFor(
            [&] {
                dialogs = s->window()->findChildren<ui::JobRequestDialog *>();
                return dialogs.size() > existing;
            },
            5000);
        return dialogs.size() > existing ? dialogs.last() : nullptr;
    }

    static QString summary(ui::SchemaFormEditor *editor)
    {
        QStringList problems;
        for (int i = 0; i < editor->errorSummary()->count(); ++i)
            problems.append(editor->errorSummary()->item(i)->text());
        return problems.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void requestsAJobThroughItsFormAndWatchesItFinish()
    {
        auto s = session(m_sandbox);
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        app::JobsFeature *jobs = s->jobs();
        QVERIFY(jobs);
        QTRY_VERIFY_WITH_TIMEOUT(jobs->isAvailable(), 20000);
        QVERIFY(window->isPageVisible(QStringLiteral("jobs")));
        // The detected API version in the status bar.
        QCOMPARE(jobs->apiLabel()->text(), QStringLiteral("API 0.48"));
        QAbstractItemModelTester tester(jobs->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        ui::JobRequestDialog *dialog = openDialog(s.get());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 20000);
        ui::SchemaFormEditor *editor = dialog->editor();
        // The form comes from the service's request schema; `msg` is required and empty.
        ui::SchemaFieldWidget *msg =
            editor->formView()->field(editor->model()->indexForPointer(QStringLiteral("/msg")));
        QVERIFY(msg);
        // Typed into the field's own text editor.
        QWidget *msgEdit = msg->editor();
        QVERIFY(msgEdit);
        QVERIFY(!editor->submitButton()->isEnabled());
        QTest::keyClicks(msgEdit, QStringLiteral("Hello Jobs"));
        QTRY_VERIFY2(
            editor->submitButton()->isEnabled(),
            qPrintable(QString::fromUtf8(QJsonDocument(editor->document().toObject()).toJson()) +
                       summary(editor)));

        QSignalSpy requested(jobs, &app::JobsFeature::jobRequested);
        QSignalSpy ended(jobs, &app::JobsFeature::jobEnded);
        QSignalSpy notified(s->notifier(), &ui::Notifier::notified);
        editor->submitButton()->click();
        QVERIFY2(requested.wait(20000), qPrintable(dialog ? dialog->errorText() : QString()));
        const QString jobId = requested.first().first().toString();
        QVERIFY(jobId.startsWith(QLatin1String("urn:ivcap:job:")));

        // The new job opens on the Jobs page and is followed live.
        QCOMPARE(window->currentPageKey(), QStringLiteral("jobs"));
        auto *page = static_cast<ui::JobsPage *>(window->page(QStringLiteral("jobs")));
        ui::JobDetailsPane *pane = page->detailsPane();
        QCOMPARE(pane->jobId(), jobId);
        QSignalSpy shown(pane, &ui::JobDetailsPane::resultShown);
        QVERIFY(ended.wait(30000) || !ended.isEmpty());
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("succeeded"));
        QTRY_VERIFY(!notified.isEmpty());
        QCOMPARE(notified.last().first().toString(), QStringLiteral("Job finished"));

        // Live: the pane saw the job's events from its stream, and its status as a word.
        QTRY_VERIFY_WITH_TIMEOUT(pane->details() && pane->details()->isTerminal(), 20000);
        QVERIFY(pane->details()->eventsReceived() > 0);
        QVERIFY(pane->eventsView()->count() > 0);
        QCOMPARE(pane->statusText(), QStringLiteral("Succeeded"));

        // The result, by its content type: a JSON tree that holds the request.
        QTRY_VERIFY_WITH_TIMEOUT(pane->resultKind() == ui::JobDetailsPane::ResultKind::Json, 20000);
        QTreeWidgetItem *echoed = pane->resultTree()->itemAt(QStringLiteral("/request/msg"));
        QVERIFY(echoed);
        QCOMPARE(echoed->text(1), QStringLiteral("Hello Jobs"));
        // The request as sent.
        QTreeWidgetItem *sent = pane->requestView()->itemAt(QStringLiteral("/msg"));
        QVERIFY(sent);
        QCOMPARE(sent->text(1), QStringLiteral("Hello Jobs"));

        // "My jobs" lists it, newest first, status as word and icon.
        QTRY_VERIFY_WITH_TIMEOUT(jobs->model()->rowOfId(jobId) >= 0, 20000);
        const int row = jobs->model()->rowOfId(jobId);
        QTRY_COMPARE_WITH_TIMEOUT(
            jobs->model()->index(row, MyJobsModel::StatusColumn).data().toString(),
            QStringLiteral("succeeded"), 20000);
        QTRY_COMPARE(page->currentJobId(), jobId);
        const QModelIndex statusCell = page->table()->model()->index(
            page->table()->currentIndex().row(), MyJobsModel::StatusColumn);
        QCOMPARE(statusCell.data().toString(), QStringLiteral("succeeded"));
        QVERIFY(!statusCell.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(statusCell.data(Qt::ToolTipRole).toString().startsWith(QLatin1String("Succeeded")));

        // Its products lead to the artifacts: the SVG opens in the preview.
        QTRY_VERIFY_WITH_TIMEOUT(
            pane->productsView()->model() && pane->productsView()->model()->rowCount() >= 1, 20000);
        const QModelIndex product = pane->productsView()->model()->index(0, 0);
        Q_EMIT pane->productsView()->activated(product);
        QCOMPARE(window->currentPageKey(), QStringLiteral("artifacts"));
        auto *artifacts =
            static_cast<ui::ArtifactsPage *>(window->page(QStringLiteral("artifacts")));
        ui::ArtifactPreview *preview = artifacts->findChild<ui::ArtifactPreview *>();
        QVERIFY(preview);
        QTRY_COMPARE_WITH_TIMEOUT(preview->kind(), ui::ArtifactPreview::Kind::Image, 20000);

        // "Request again" opens the form filled in with this job's request.
        window->showPage(QStringLiteral("jobs"));
        const int dialogs = int(window->findChildren<ui::JobRequestDialog *>().size());
        QVERIFY(pane->requestAgainButton()->isEnabled());
        pane->requestAgainButton()->click();
        QTRY_VERIFY(window->findChildren<ui::JobRequestDialog *>().size() > dialogs);
        ui::JobRequestDialog *again = window->findChildren<ui::JobRequestDialog *>().last();
        QTRY_VERIFY_WITH_TIMEOUT(again->isReady(), 20000);
        QCOMPARE(again->editor()->document().toObject().value("msg").toString(),
                 QStringLiteral("Hello Jobs"));
        QVERIFY(again->editor()->submitButton()->isEnabled());
        again->close();
    }

    void aRefusedRequestKeepsTheForm()
    {
        auto s = session(m_sandbox);
        QVERIFY(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->jobs()->isAvailable(), 20000);
        ui::JobRequestDialog *dialog = openDialog(s.get());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 20000);
        // A request the schema rejects is not sent: Submit stays disabled.
        dialog->prefill(QJsonObject{{"msg", ""}, {"width", 7}});
        QVERIFY(!dialog->editor()->isValid());
        QVERIFY(!dialog->editor()->submitButton()->isEnabled());
        dialog->prefill(QJsonObject{{"$schema", "urn:sd:schema:gradient-text-image.request.1"},
                                    {"msg", "fine"}});
        QTRY_VERIFY(dialog->editor()->submitButton()->isEnabled());
        dialog->close();
    }

    void noJobsOnV028()
    {
        SandboxProcess legacy; // v0.28
        QVERIFY2(legacy.start(), qPrintable(legacy.errorString()));
        auto s = session(legacy);
        QVERIFY(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->connection()->isDialectKnown(), 20000);
        QCOMPARE(s->jobs()->apiLabel()->text(), QStringLiteral("API 0.28"));
        QVERIFY(!s->jobs()->isAvailable());
        QVERIFY(!s->window()->isPageVisible(QStringLiteral("jobs")));
        QVERIFY(s->jobs()->model()->connection() == nullptr);
        ui::ServicesPage *services = servicesPage(s->window());
        QTRY_VERIFY_WITH_TIMEOUT(!services->currentServiceId().isEmpty(), 20000);
        QVERIFY(services->detailsPane()->requestJobButton()->isHidden());
    }
};

QTEST_MAIN(TestJobs)
#include "tst_jobs.moc"
