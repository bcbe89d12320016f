// Each service's own job list in the Services page's detail pane, through a whole in-process
// session: against a v0.48 sandbox it lists the selected service's jobs newest first, page by
// page, leaves other services' jobs out, and opens an activated job on the Jobs page; against
// v0.28, which has no jobs, the list is not there and never asks.
#include "api/apierror.h"
#include "api/connection.h"
#include "api/jobsubmission.h"
#include "desktopsession.h"
#include "errorbanner.h"
#include "jobsfeature.h"
#include "jobspage.h"
#include "mainwindow.h"
#include "models/joblistmodel.h"
#include "models/servicedetails.h"
#include "sandboxprocess.h"
#include "servicedetailspane.h"
#include "servicejobslist.h"
#include "servicespage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace ivcap;

namespace {
const QString kGradient = QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");
const QString kSentiment = QStringLiteral("urn:ivcap:service:58ba2d51-733e-436a-8718-d968b96edbf9");

// The demo catalogue's example request of a service.
QJsonObject exampleRequest(const QString &serviceId)
{
    QFile f(QStringLiteral(IVCAP_CATALOGUE_048));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray services =
        QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("services")).toArray();
    for (const QJsonValue &s : services) {
        const QJsonObject o = s.toObject();
        if (o.value(QLatin1String("id")).toString() == serviceId)
            return o.value(QLatin1String("sandbox"))
                .toObject()
                .value(QLatin1String("example-request"))
                .toObject();
    }
    return {};
}
} // namespace

class TestServiceJobs : public QObject
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

    // Requests a job of `serviceId` with its example request; the job's id, or empty.
    static QString requestJob(Connection *connection, const QString &serviceId)
    {
        JobSubmission submission(connection, serviceId, exampleRequest(serviceId));
        QSignalSpy accepted(&submission, &JobSubmission::accepted);
        QSignalSpy completed(&submission, &JobSubmission::completed);
        QSignalSpy failed(&submission, &JobSubmission::failed);
        submission.start();
        if (!QTest::qWaitFor([&] { return accepted.size() + completed.size() + failed.size() > 0; },
                             20000))
            return QString();
        if (!failed.isEmpty())
            qWarning("job request failed: %s",
                     qPrintable(failed.first().first().value<ApiError>().toString()));
        return !accepted.isEmpty()    ? accepted.first().first().toString()
               : !completed.isEmpty() ? completed.first().first().toString()
                                      : QString();
    }

    static QStringList ids(const JobListModel *model)
    {
        QStringList out;
        for (int row = 0; row < model->rowCount(); ++row)
            out.append(model->idAt(row));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void listsTheServicesJobsNewestFirstPagedAndOpensOne()
    {
        auto s = session(m_sandbox);
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        QTRY_VERIFY_WITH_TIMEOUT(s->jobs()->isAvailable(), 20000);
        ui::ServicesPage *services = servicesPage(window);
        ui::ServiceJobsList *list = services->detailsPane()->jobsList();
        QVERIFY(list);
        JobListModel *model = list->model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Three jobs of this service, one after the other, and one of another service.
        QStringList requested;
        for (int i = 0; i < 3; ++i) {
            const QString id = requestJob(s->connection(), kGradient);
            QVERIFY(id.startsWith(QLatin1String("urn:ivcap:job:")));
            requested.prepend(id); // newest first
        }
        const QString other = requestJob(s->connection(), kSentiment);
        QVERIFY(!other.isEmpty());

        services->selectService(kGradient);
        QTRY_COMPARE_WITH_TIMEOUT(services->currentServiceId(), kGradient, 20000);
        QVERIFY(list->isVisible());
        QCOMPARE(model->serviceId(), kGradient);
        // Two rows a page, so that the third comes with the next page.
        model->setPageSize(2);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() >= 2, 20000);
        while (model->canFetchMore(QModelIndex())) {
            const int before = model->rowCount();
            model->fetchMore(QModelIndex());
            QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 20000);
            QVERIFY(model->rowCount() > before || model->atEnd());
        }
        QCOMPARE(ids(model).join(QLatin1Char('\n')), requested.join(QLatin1Char('\n')));
        QVERIFY(!ids(model).contains(other));
        QVERIFY2(list->statusText().isEmpty(), qPrintable(list->statusText()));
        // The status is shown as a word (and an icon), not a raw value alone.
        QVERIFY(!list->table()
                     ->model()
                     ->index(0, JobListModel::StatusColumn)
                     .data(Qt::DisplayRole)
                     .toString()
                     .isEmpty());

        // A job requested from the app while the list is shown comes in on top, in place.
        const QString newest = requestJob(s->connection(), kGradient);
        QVERIFY(!newest.isEmpty());
        requested.prepend(newest);
        QTRY_COMPARE_WITH_TIMEOUT(ids(model).join(QLatin1Char('\n')),
                                  requested.join(QLatin1Char('\n')), 20000);

        // Enter on a job opens it on the Jobs page.
        QTableView *table = list->table();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(1, JobListModel::NameColumn));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(window->currentPageKey(), QStringLiteral("jobs"));
        QCOMPARE(s->jobs()->page()->currentJobId(), requested.at(1));
        QVERIFY(!window->errorBanner()->isVisible());

        // Another service: its own list, here just the one job.
        services->selectService(kSentiment);
        QTRY_COMPARE_WITH_TIMEOUT(model->serviceId(), kSentiment, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(ids(model), QStringList{other}, 20000);
    }

    void aServiceWithoutJobsSaysSo()
    {
        auto s = session(m_sandbox);
        QVERIFY(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->jobs()->isAvailable(), 20000);
        ui::ServicesPage *services = servicesPage(s->window());
        ui::ServiceJobsList *list = services->detailsPane()->jobsList();
        QAbstractItemModelTester tester(list->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Flood Extent Mapping: nobody asked it for a job here.
        services->selectService(
            QStringLiteral("urn:ivcap:service:4fae103c-2a57-4c0c-810c-56b4dcc2eb7e"));
        QTRY_VERIFY_WITH_TIMEOUT(list->model()->atEnd() && !list->model()->isLoading(), 20000);
        QCOMPARE(list->model()->rowCount(), 0);
        QCOMPARE(list->statusText(), QStringLiteral("No jobs of this service yet."));
    }

    void noJobListOnV028()
    {
        SandboxProcess legacy; // v0.28
        QVERIFY2(legacy.start(), qPrintable(legacy.errorString()));
        auto s = session(legacy);
        QVERIFY(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->connection()->isDialectKnown(), 20000);
        ui::ServicesPage *services = servicesPage(s->window());
        ui::ServiceJobsList *list = services->detailsPane()->jobsList();
        QAbstractItemModelTester tester(list->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!services->currentServiceId().isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!services->detailsPane()->details()->isLoading(), 20000);
        // Absent rather than failing: hidden, never asking, nothing in the banner.
        QVERIFY(list->isHidden());
        QVERIFY(!list->isAvailable());
        QVERIFY(list->model()->connection() == nullptr);
        QVERIFY(!list->model()->isLoading());
        QVERIFY(!list->model()->lastError().isError());
        QVERIFY(!s->window()->errorBanner()->isVisible());
    }
};

QTEST_MAIN(TestServiceJobs)
#include "tst_servicejobs.moc"
