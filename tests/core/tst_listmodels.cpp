// The list models against a real ivcap-sandbox over loopback.
#include "api/apicalls.h"
#include "api/connection.h"
#include "dialecttest.h"
#include "models/artifactlistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/orderdetails.h"
#include "models/orderlistmodel.h"
#include "models/servicelistmodel.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace ivcap;

class TestListModels : public QObject
{
    Q_OBJECT
public:
    explicit TestListModels(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("1000")}, api)
    {}

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

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void pagesThousandArtifactsWithoutReset()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(50);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setConnection(&c);
        QVERIFY(pageToEnd(model));
        QVERIFY2(model.rowCount() >= 1000, qPrintable(QString::number(model.rowCount())));
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.index(row, 0).data(EntityListModel::IdRole).toString());
        QCOMPARE(ids.size(), model.rowCount());
        QVERIFY(!ids.contains(QString()));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 0);
        QVERIFY(model.pagesLoaded() >= 20);
        const QVariant size =
            model.index(0, ArtifactListModel::SizeColumn).data(EntityListModel::RawValueRole);
        QCOMPARE(size.typeId(), QMetaType::LongLong);

        // A refresh updates in place: no inserts, removals or resets.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy refreshed(&model, &EntityListModel::refreshed);
        const int rows = model.rowCount();
        model.refresh();
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(resets.size(), 0);
        QVERIFY(!model.isLoading());
    }

    void queryChangeDropsStalePage()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(50);
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QCOMPARE(model.rowCount(), 50);
        model.fetchMore(QModelIndex());
        QVERIFY(model.isLoading()); // second page in flight
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setFilter(QStringLiteral("name ~= 'no-such-artifact-%'"));
        QCOMPARE(model.rowCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QVERIFY(!model.lastError().isError());
        QVERIFY(model.atEnd());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(inserted.size(), 0); // the stale second page never landed
    }

    // Once a view pages, the next page is read ahead; it lands only when asked for, in order,
    // and a query change drops it.
    void readAheadLandsOnlyWhenAsked()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(40);
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        model.fetchMore(QModelIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QCOMPARE(model.rowCount(), 80);
        // The third page is being read ahead now; give it time to arrive, unasked.
        QTest::qWait(300);
        QCOMPARE(model.rowCount(), 80);
        QVERIFY(!model.isLoading());

        ArtifactListModel reference; // the same query in other pages (the server allows 50)
        reference.setPageSize(30);
        reference.setConnection(&c);
        for (int page = 1; page < 4; ++page) {
            QTRY_VERIFY_WITH_TIMEOUT(!reference.isLoading(), 10000);
            reference.fetchMore(QModelIndex());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!reference.isLoading() && reference.rowCount() == 120, 10000);

        QSignalSpy pages(&model, &EntityListModel::pageLoaded);
        model.fetchMore(QModelIndex());
        QTRY_COMPARE_WITH_TIMEOUT(pages.size(), 1, 10000);
        QCOMPARE(model.rowCount(), 120);
        for (int row = 0; row < 120; ++row)
            QCOMPARE(model.idAt(row), reference.idAt(row));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setFilter(QStringLiteral("name ~= 'no-such-artifact-%'"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.atEnd(), 10000);
        QTest::qWait(300);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(inserted.size(), 0);
    }

    void invalidFilterGives422Once()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ServiceListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        model.setFilter(QStringLiteral("this is not a filter"));
        model.setConnection(&c);
        QVERIFY(errors.wait(10000));
        QCOMPARE(model.lastError().kind, ApiError::Kind::InvalidParameter);
        QVERIFY(!model.isLoading());
        QVERIFY(!model.canFetchMore(QModelIndex()));
        QTest::qWait(200); // let any stray second signal arrive before counting
        QCOMPARE(errors.size(), 1);
    }

    void badTokenGives401Once()
    {
        Connection c(m_sandbox.url(), QStringLiteral("wrong-token"));
        c.setApiVersion(m_api);
        OrderListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        QSignalSpy auth(&c, &Connection::authenticationRequired);
        model.setConnection(&c);
        QVERIFY(errors.wait(10000));
        QCOMPARE(model.lastError().kind, ApiError::Kind::Unauthorized);
        QVERIFY(!model.isLoading());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(auth.size(), 1);
    }

    void unknownIdGives404()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        auto *r = Api::readArtifact(
            &c, QStringLiteral("urn:ivcap:artifact:00000000-0000-0000-0000-000000000000"), this);
        QSignalSpy failed(r, &ApiRequest::failed);
        r->start();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::NotFound);
    }

    void listPathNotFoundClearsLoading()
    {
        Connection c(m_sandbox.url().resolved(QUrl(QStringLiteral("/no-such-prefix"))),
                     m_sandbox.token());
        c.setApiVersion(m_api);
        MetadataListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        model.setSchemaPrefix(QStringLiteral("urn:%"));
        model.setConnection(&c);
        QVERIFY(errors.wait(10000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(model.lastError().kind, ApiError::Kind::NotFound);
        QVERIFY(!model.isLoading());
    }

    void servicesAndOrdersList()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ServiceListModel services;
        QAbstractItemModelTester t1(&services,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        services.setPageSize(10);
        services.setConnection(&c);
        QVERIFY(pageToEnd(services));
        QVERIFY(services.rowCount() >= 10);
        QVERIFY(services.index(0, 0)
                    .data(EntityListModel::IdRole)
                    .toString()
                    .startsWith(QStringLiteral("urn:ivcap:service:")));

        OrderListModel orders;
        QAbstractItemModelTester t2(&orders,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        orders.setConnection(&c);
        QVERIFY(pageToEnd(orders));
    }
    void orderPollingReachesTerminalState()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ServiceListModel services;
        services.setConnection(&c);
        QVERIFY(pageToEnd(services));
        QString orderId;
        // Pick the first service whose mandatory parameters we can fill without artifacts.
        for (int row = 0; row < services.rowCount() && orderId.isEmpty(); ++row) {
            auto *read = Api::readService(&c, services.idAt(row), this);
            QSignalSpy got(read, &ApiRequest::finished);
            read->start();
            QVERIFY(got.wait(10000));
            Api::Parameters params;
            bool usable = true;
            for (const QJsonValue &v : got.first()
                                           .first()
                                           .toJsonDocument()
                                           .object()
                                           .value(QStringLiteral("parameters"))
                                           .toArray()) {
                const QJsonObject p = v.toObject();
                const QString type = p.value(QStringLiteral("type")).toString();
                const bool mandatory = !p.value(QStringLiteral("optional")).toBool() &&
                                       p.value(QStringLiteral("default")).toString().isEmpty() &&
                                       !p.value(QStringLiteral("constant")).toBool();
                if (!mandatory)
                    continue;
                const QString name = p.value(QStringLiteral("name")).toString();
                if (type == QLatin1String("int") || type == QLatin1String("float"))
                    params.append({name, QStringLiteral("1")});
                else if (type == QLatin1String("bool"))
                    params.append({name, QStringLiteral("true")});
                else if (type == QLatin1String("option"))
                    params.append({name, p.value(QStringLiteral("options"))
                                             .toArray()
                                             .at(0)
                                             .toObject()
                                             .value(QStringLiteral("value"))
                                             .toString()});
                else if (type == QLatin1String("string"))
                    params.append({name, QStringLiteral("hello")});
                else
                    usable = false;
            }
            // Services of v0.48 describe their input with a JSON Schema, not a parameter
            // list; the legacy /1/orders takes its required properties as parameters.
            if (v048() && params.isEmpty() &&
                services.index(row, ServiceListModel::NameColumn).data().toString() ==
                    QLatin1String("Gradient Text Image"))
                params.append({QStringLiteral("msg"), QStringLiteral("hello")});
            else if (v048())
                continue;
            if (!usable)
                continue;
            auto *create =
                Api::createOrder(&c, services.idAt(row), params, QStringLiteral("t"), this);
            QSignalSpy created(create, &ApiRequest::finished);
            QSignalSpy failed(create, &ApiRequest::failed);
            create->start();
            QTRY_VERIFY_WITH_TIMEOUT(created.size() + failed.size() == 1, 10000);
            if (!created.isEmpty())
                orderId = created.first()
                              .first()
                              .toJsonDocument()
                              .object()
                              .value(QStringLiteral("id"))
                              .toString();
        }
        QVERIFY(!orderId.isEmpty());
        OrderDetails order(&c, orderId);
        order.setPollIntervals(50, 400);
        QSignalSpy terminal(&order, &OrderDetails::terminalReached);
        QSignalSpy errors(&order, &OrderDetails::errorOccurred);
        order.start();
        QTRY_VERIFY_WITH_TIMEOUT(terminal.size() == 1 || errors.size() > 0, 60000);
        QCOMPARE(errors.size(), 0);
        QVERIFY(order.isTerminal());
    }
};

IVCAP_DIALECT_TEST_MAIN(TestListModels)
#include "tst_listmodels.moc"
