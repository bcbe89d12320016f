// The core against a real ivcap-sandbox in each API dialect: one fixture, run once per
// dialect (v0.28 and v0.48), so every case states what holds on both and where they differ.
#include "api/aspectcalls.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "api/jobsubmission.h"
#include "democatalogue.h"
#include "dialecttest.h"
#include "models/artifactlistmodel.h"
#include "models/jobdetails.h"
#include "models/joblistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/myjobsmodel.h"
#include "models/productlistmodel.h"
#include "models/servicedetails.h"
#include "models/servicelistmodel.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace ivcap;

class TestDialects : public QObject
{
    Q_OBJECT
public:
    explicit TestDialects(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    bool v048() const { return m_api == QLatin1String("0.48"); }

    static bool pageToEnd(EntityListModel &model)
    {
        while (!model.atEnd()) {
            if (model.lastError().isError())
                return false;
            if (model.canFetchMore(QModelIndex()))
                model.fetchMore(QModelIndex());
            if (!QTest::qWaitFor([&] { return !model.isLoading(); }, 20000))
                return false;
        }
        return !model.lastError().isError();
    }

    // A connected, detected connection to the sandbox.
    std::unique_ptr<Connection> connect()
    {
        auto c = std::make_unique<Connection>(m_sandbox.url(), m_sandbox.token());
        QSignalSpy detected(c.get(), &Connection::apiDetectionFinished);
        c->detectApi();
        if (!detected.wait(20000))
            return nullptr;
        return c;
    }

    // Runs a write and returns its answer, or an empty document after an error.
    static QJsonDocument run(ApiRequest *request, QString *error)
    {
        QSignalSpy done(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 20000)) {
            *error = QStringLiteral("no answer");
            return {};
        }
        if (!failed.isEmpty()) {
            *error = failed.first().first().value<ApiError>().toString();
            return {};
        }
        return done.first().first().toJsonDocument();
    }

    // The demo service every v0.48 catalogue has, and a request it accepts.
    static QPair<QString, QJsonObject> demoService()
    {
        return test::demoService048(IVCAP_CATALOGUE_048);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("API dialect %s", qPrintable(m_api));
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void detectsTheDeploymentsApi()
    {
        auto c = connect();
        QVERIFY(c);
        QCOMPARE(c->apiVersion(), m_api);
        QVERIFY(c->isDialectKnown());
        QCOMPARE(c->dialect().isLegacy(), !v048());
        QCOMPARE(c->dialect().hasJobs(), v048());
        QCOMPARE(c->dialect().hasAspects(), v048());
    }

    void pagesServicesWithoutReset()
    {
        auto c = connect();
        QVERIFY(c);
        ServiceListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setPageSize(5);
        model.setConnection(c.get());
        QVERIFY2(pageToEnd(model), qPrintable(model.lastError().toString()));
        QVERIFY2(model.rowCount() > 5, qPrintable(QString::number(model.rowCount())));
        QVERIFY(model.pagesLoaded() >= 2);
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            ids.insert(model.idAt(row));
            QVERIFY(!model.index(row, ServiceListModel::NameColumn).data().toString().isEmpty());
        }
        QCOMPARE(ids.size(), model.rowCount());
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 0);
        // Unknown fields survive: v0.48's tags and controller schema travel in the raw JSON.
        if (v048()) {
            const QJsonObject raw =
                model.index(0, 0).data(EntityListModel::RawJsonRole).toJsonObject();
            QVERIFY(raw.contains("controller-schema"));
        }
    }

    void aFirstListAnswerTellsTheDialectWithoutDetection()
    {
        // /1/metadata has the same path in both dialects, so a provisional v0.28 connection
        // asks the right place either way.
        Connection c(m_sandbox.url(), m_sandbox.token());
        MetadataListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSchemaPrefix(QStringLiteral("%"));
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        QVERIFY2(!model.lastError().isError(), qPrintable(model.lastError().toString()));
        QVERIFY(c.isDialectKnown());
        QCOMPARE(c.dialect().isLegacy(), !v048());
    }

    void searchesServicesWhereTheServerCan()
    {
        auto c = connect();
        QVERIFY(c);
        ServiceListModel all;
        all.setPageSize(50);
        all.setConnection(c.get());
        QVERIFY(pageToEnd(all));
        ServiceListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(50);
        model.setSearch(QStringLiteral("gradient text image"));
        model.setConnection(c.get());
        QVERIFY2(pageToEnd(model), qPrintable(model.lastError().toString()));
        QVERIFY(model.rowCount() > 0);
        if (v048()) {
            // Results in score order: the best match first, with its score.
            QCOMPARE(model.index(0, ServiceListModel::NameColumn).data().toString(),
                     QStringLiteral("Gradient Text Image"));
            const QJsonObject raw =
                model.index(0, 0).data(EntityListModel::RawJsonRole).toJsonObject();
            QVERIFY(raw.contains("score"));
        } else {
            // v0.28 has no search: the term is not sent and the list is the whole list.
            QCOMPARE(model.rowCount(), all.rowCount());
        }
    }

    void readsServiceDetailsAndTheRequestSchema()
    {
        auto c = connect();
        QVERIFY(c);
        ServiceListModel list;
        list.setConnection(c.get());
        QTRY_VERIFY_WITH_TIMEOUT(list.rowCount() > 0, 20000);
        const QString id = v048() ? demoService().first : list.idAt(0);
        QVERIFY(!id.isEmpty());
        ServiceDetails details(c.get(), id);
        QSignalSpy changed(&details, &EntityDetails::changed);
        QSignalSpy schema(&details, &ServiceDetails::requestSchemaLoaded);
        details.load();
        QVERIFY(changed.wait(20000));
        QVERIFY(!details.name().isEmpty());
        if (v048()) {
            QVERIFY(!details.controllerSchema().isEmpty());
            QCOMPARE(details.status(), QStringLiteral("active"));
            QVERIFY(schema.wait(20000));
            QCOMPARE(schema.first().first().toBool(), true);
            QVERIFY(details.requestSchema().contains("properties"));
            QVERIFY(details.requestSchemaAspectId().startsWith("urn:"));
        } else {
            QVERIFY(!schema.wait(300)); // v0.28 has no datafabric to ask
            QVERIFY(details.requestSchema().isEmpty());
        }
    }

    void requestsAJobAndFollowsItToItsEnd()
    {
        auto c = connect();
        QVERIFY(c);
        const auto [serviceId, request] = demoService();
        QVERIFY(!serviceId.isEmpty());
        JobSubmission submission(c.get(), serviceId, request);
        QSignalSpy accepted(&submission, &JobSubmission::accepted);
        QSignalSpy failed(&submission, &JobSubmission::failed);
        submission.start();
        if (!v048()) {
            // Jobs exist in v0.48 only: one clear error, nothing sent.
            QVERIFY(failed.wait(5000));
            QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Local);
            return;
        }
        QVERIFY2(accepted.wait(20000),
                 failed.isEmpty()
                     ? "no answer"
                     : qPrintable(failed.first().first().value<ApiError>().toString()));
        const QString jobId = accepted.first().first().toString();
        QVERIFY(jobId.startsWith("urn:ivcap:job:"));

        JobDetails job(c.get(), serviceId, jobId);
        QAbstractItemModelTester tester(job.productModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy ended(&job, &JobDetails::terminalReached);
        QSignalSpy events(&job, &JobDetails::eventReceived);
        QSignalSpy errors(&job, &EntityDetails::errorOccurred);
        job.follow();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.first().first().toString(), QStringLiteral("succeeded"));
        QVERIFY2(events.size() >= 2, qPrintable(QString::number(events.size())));
        QVERIFY(!job.isPolling());
        const QString errorText =
            errors.isEmpty() ? QString() : errors.first().first().value<ApiError>().toString();
        QVERIFY2(errors.isEmpty(), qPrintable(errorText));
        QVERIFY(!job.isFollowing());
        QCOMPARE(job.requestContent().toObject().value("msg").toString(),
                 request.value("msg").toString());
        QVERIFY(!job.resultContentType().isEmpty());
        QVERIFY(job.productModel()->rowCount() >= 1);
        QVERIFY(job.finishedAt().isValid());

        // The service's own job list and "my jobs" both show it, finished.
        JobListModel jobs;
        QAbstractItemModelTester jobsTester(&jobs,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        jobs.setServiceId(serviceId);
        jobs.setConnection(c.get());
        QVERIFY(pageToEnd(jobs));
        const int row = jobs.rowOfId(jobId);
        QVERIFY(row >= 0);
        QCOMPARE(jobs.index(row, JobListModel::StatusColumn).data().toString(),
                 QStringLiteral("succeeded"));

        MyJobsModel mine;
        QAbstractItemModelTester mineTester(&mine,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        mine.setConnection(c.get());
        QTRY_VERIFY_WITH_TIMEOUT(!mine.isLoading(), 20000);
        QVERIFY2(!mine.lastError().isError(), qPrintable(mine.lastError().toString()));
        QCOMPARE(mine.idAt(0), jobId); // newest first
        QCOMPARE(mine.serviceIdAt(0), serviceId);
        QCOMPARE(mine.index(0, MyJobsModel::StatusColumn).data().toString(),
                 QStringLiteral("succeeded"));
    }

    void aspectsAreTheDialectsRecords()
    {
        auto c = connect();
        QVERIFY(c);
        MetadataListModel model(EntityKind::Aspects, nullptr);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSchemaPrefix(v048() ? QStringLiteral("urn:sd-core:schema.ai-tool.1")
                                     : QStringLiteral("%"));
        model.setConnection(c.get());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        QVERIFY2(!model.lastError().isError(), qPrintable(model.lastError().toString()));
        if (!v048())
            return; // the v0.28 sandbox starts without metadata
        QVERIFY(model.rowCount() > 0);
        QVERIFY(model.idAt(0).startsWith("urn:"));
        const QJsonObject content =
            model.index(0, 0).data(MetadataListModel::AspectRole).toJsonObject();
        QVERIFY(content.contains("fn_schema"));
        const QJsonObject raw = model.index(0, 0).data(EntityListModel::RawJsonRole).toJsonObject();
        QVERIFY(raw.contains("content") && raw.contains("id") && !raw.contains("record-id"));
    }

    void writesAspectsOnEitherDialect()
    {
        auto c = connect();
        QVERIFY(c);
        const QString entity =
            QStringLiteral("urn:ivcap:test:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString schema = QStringLiteral("urn:example:schema:note.1");
        QString error;
        const QJsonDocument added =
            run(Api::addAspect(c.get(), entity, QString(),
                               QJsonObject{{"$schema", schema}, {"text", "one"}}, QString(), this),
                &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString first = Api::writtenRecordId(added);
        QVERIFY(first.startsWith("urn:"));
        const QJsonDocument updated = run(
            Api::updateAspect(c.get(), entity, schema,
                              QJsonObject{{"$schema", schema}, {"text", "two"}}, QString(), this),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString second = Api::writtenRecordId(updated);
        QVERIFY(second.startsWith("urn:") && second != first);

        MetadataListModel model(EntityKind::Aspects, nullptr);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntityId(entity);
        model.setConnection(c.get());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        QVERIFY2(!model.lastError().isError(), qPrintable(model.lastError().toString()));
        QCOMPARE(model.rowCount(), 1); // the update retracted the first
        QCOMPARE(model.idAt(0), second);
        QCOMPARE(model.index(0, 0).data(MetadataListModel::AspectRole).toJsonObject().value("text"),
                 QJsonValue("two"));

        run(Api::retractAspect(c.get(), second, this), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        model.reload();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        QVERIFY2(!model.lastError().isError(), qPrintable(model.lastError().toString()));
        QCOMPARE(model.rowCount(), 0);
    }
};

IVCAP_DIALECT_TEST_MAIN(TestDialects)

#include "tst_dialects.moc"
