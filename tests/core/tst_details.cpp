// The detail objects (service, order with products, artifact, metadata record) against a real
// ivcap-sandbox over loopback.
#include "api/apicalls.h"
#include "api/connection.h"
#include "dialecttest.h"
#include "models/artifactdetails.h"
#include "models/metadatalistmodel.h"
#include "models/metadatarecord.h"
#include "models/orderdetails.h"
#include "models/parametermodel.h"
#include "models/productlistmodel.h"
#include "models/servicedetails.h"
#include "models/servicelistmodel.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ivcap;

class TestDetails : public QObject
{
    Q_OBJECT
public:
    explicit TestDetails(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    bool v048() const { return m_api == QLatin1String("0.48"); }
    QString m_serviceId;

    static bool waitIdle(EntityDetails &details)
    {
        return QTest::qWaitFor([&] { return !details.isLoading(); }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ServiceListModel services;
        services.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(services.rowCount() > 0 && !services.isLoading(), 20000);
        for (int row = 0; row < services.rowCount(); ++row) {
            if (services.index(row, ServiceListModel::NameColumn).data().toString() ==
                QLatin1String("Gradient Text Image"))
                m_serviceId = services.idAt(row);
        }
        QVERIFY(!m_serviceId.isEmpty());
    }

    // A detail object destroyed mid-read says nothing: its receivers may be a parent widget
    // that is itself being destroyed (a detail pane closing with the window), whose slots
    // would then run on a half-destroyed object. Both ways of being mid-read are covered:
    // waiting for the deployment's API version, and a request on the wire.
    void destroyedWhileReadingEmitsNothing()
    {
        for (const bool detectFirst : {true, false}) {
            Connection c(m_sandbox.url(), m_sandbox.token());
            if (!detectFirst)
                c.setApiVersion(m_api);
            auto *service = new ServiceDetails(&c, m_serviceId);
            int signals = 0;
            QObject::connect(service, &EntityDetails::loadingChanged, [&] { ++signals; });
            QObject::connect(service, &EntityDetails::changed, [&] { ++signals; });
            QObject::connect(service, &EntityDetails::errorOccurred, [&] { ++signals; });
            service->load();
            QVERIFY(service->isLoading());
            signals = 0;
            delete service;
            QCOMPARE(signals, 0);
        }
    }

    void serviceWithParameters()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ServiceDetails service(&c, m_serviceId);
        QAbstractItemModelTester tester(service.parameterModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&service, &EntityDetails::changed);
        QSignalSpy errors(&service, &EntityDetails::errorOccurred);
        service.load();
        QVERIFY(service.isLoading());
        QVERIFY(waitIdle(service));
        QCOMPARE(errors.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(service.name(), QStringLiteral("Gradient Text Image"));
        QVERIFY(!service.description().isEmpty());
        const ParameterModel *params = service.parameterModel();
        if (v048()) {
            // v0.48 services have no provider and describe their input with a JSON Schema,
            // whose members the parameter model shows once it is read.
            QVERIFY(service.parameterDefinitions().isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(!service.requestSchema().isEmpty(), 10000);
            QCOMPARE(params->rowCount(),
                     ServiceDetails::parametersOfSchema(service.requestSchema()).size());
            QVERIFY(params->rowCount() > 0);
            QVERIFY(service.providerId().isEmpty());
            QVERIFY(service.accountId().startsWith(QLatin1String("urn:ivcap:account:")));
            QVERIFY(!service.controllerSchema().isEmpty());
        } else {
            QCOMPARE(params->rowCount(), service.parameterDefinitions().size());
            QVERIFY(service.providerId().startsWith(QLatin1String("urn:ivcap:provider:")));
            QCOMPARE(params->parameters().first().name, QStringLiteral("msg"));
            QVERIFY(params->parameters().first().mandatory());
        }

        // The same record again: nothing changed, and the parameter model is not reset.
        QSignalSpy resets(service.parameterModel(), &QAbstractItemModel::modelReset);
        service.load();
        QVERIFY(waitIdle(service));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(resets.size(), 0);
    }

    void unknownArtifactIsOneNotFound()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactDetails artifact(&c,
                                 QStringLiteral("urn:ivcap:artifact:00000000-0000-0000-0000-0000"
                                                "00000000"));
        QSignalSpy errors(&artifact, &EntityDetails::errorOccurred);
        QSignalSpy loading(&artifact, &EntityDetails::loadingChanged);
        artifact.load();
        QVERIFY(waitIdle(artifact));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(artifact.lastError().kind, ApiError::Kind::NotFound);
        QVERIFY(!artifact.isLoaded());
        QCOMPARE(loading.last().first().toBool(), false);
        QCOMPARE(artifact.size(), qint64(-1));
    }

    void badTokenIsUnauthorized()
    {
        Connection c(m_sandbox.url(), QStringLiteral("not-the-token"));
        c.setApiVersion(m_api);
        ServiceDetails service(&c, m_serviceId);
        QSignalSpy errors(&service, &EntityDetails::errorOccurred);
        service.load();
        QVERIFY(waitIdle(service));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(service.lastError().kind, ApiError::Kind::Unauthorized);
        QCOMPARE(service.parameterModel()->rowCount(), 0);
    }

    // Order → poll to succeeded with products → the product's artifact and its metadata record.
    void orderProductsArtifactAndMetadata()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        auto *create = Api::createOrder(&c, m_serviceId, {{QStringLiteral("msg"), "details"}},
                                        QStringLiteral("details test"), this);
        QSignalSpy created(create, &ApiRequest::finished);
        create->start();
        QVERIFY(created.wait(10000));
        const QString orderId =
            created.first().first().toJsonDocument().object().value(QLatin1String("id")).toString();

        OrderDetails order(&c, orderId);
        QAbstractItemModelTester tester(order.productModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy productResets(order.productModel(), &QAbstractItemModel::modelReset);
        QSignalSpy terminal(&order, &OrderDetails::terminalReached);
        QSignalSpy errors(&order, &EntityDetails::errorOccurred);
        order.setPollIntervals(50, 400);
        order.start();
        QTRY_VERIFY_WITH_TIMEOUT(terminal.size() == 1 || errors.size() > 0, 60000);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(order.status(), QStringLiteral("succeeded"));
        QCOMPARE(order.parameters().first().first, QStringLiteral("msg"));
        QVERIFY(order.orderedAt().isValid());
        QVERIFY(order.finishedAt() >= order.orderedAt());
        QCOMPARE(productResets.size(), 0);
        ProductListModel *products = order.productModel();
        QVERIFY(products->rowCount() > 0);
        QCOMPARE(products->rowCount(), order.products().size());
        const QString productId = products->idAt(0);
        QVERIFY(productId.startsWith(QLatin1String("urn:ivcap:artifact:")));

        ArtifactDetails artifact(&c, productId);
        artifact.load();
        QVERIFY(waitIdle(artifact));
        QVERIFY(artifact.isReady());
        QVERIFY(artifact.size() > 0);
        QCOMPARE(artifact.size(), products->index(0, ProductListModel::SizeColumn)
                                      .data(ProductListModel::RawValueRole)
                                      .toLongLong());
        QVERIFY(c.isSameOrigin(artifact.dataUrl()));
        QVERIFY(artifact.createdAt().isValid());

        MetadataListModel records;
        records.setEntityId(productId);
        records.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(!records.isLoading() && records.rowCount() > 0, 20000);
        MetadataRecord record(&c, records.idAt(0));
        record.load();
        QVERIFY(waitIdle(record));
        QCOMPARE(record.entityId(), productId);
        QVERIFY(!record.schema().isEmpty());
        QCOMPARE(record.aspect().value(QLatin1String("$schema")).toString(), record.schema());
        QVERIFY(record.validFrom().isValid());
        QVERIFY(!record.isRevoked());
    }
};

IVCAP_DIALECT_TEST_MAIN(TestDetails)
#include "tst_details.moc"
