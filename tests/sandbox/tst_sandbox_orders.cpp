// Orders (§3.2): each demo service with valid string parameters reaches `succeeded` with
// downloadable products that carry a metadata record; a failing input reaches `failed`.

#include "sandboxapi.h"

#include <QTest>

class TestSandboxOrders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void demoServicesSucceed();
    void failingServiceFails();

private:
    QList<QJsonObject> services();
    QString place(const QJsonObject &service, const QJsonArray &parameters);
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxOrders::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxOrders::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

QList<QJsonObject> TestSandboxOrders::services()
{
    QList<QJsonObject> result;
    for (const auto &item : m_api->get(QStringLiteral("/1/services?limit=50"))
                                .json()
                                .value(QLatin1String("services"))
                                .toArray())
        result.append(m_api
                          ->get(QStringLiteral("/1/services/") +
                                item.toObject().value(QLatin1String("id")).toString())
                          .json());
    return result;
}

QString TestSandboxOrders::place(const QJsonObject &service, const QJsonArray &parameters)
{
    const ApiReply reply = m_api->postJson(
        QStringLiteral("/1/orders"),
        QJsonObject{{QStringLiteral("service-id"), service.value(QLatin1String("id"))},
                    {QStringLiteral("name"), QStringLiteral("integration")},
                    {QStringLiteral("parameters"), parameters}});
    if (reply.status != 200)
        qWarning("order for %s rejected: %s",
                 qPrintable(service.value(QLatin1String("name")).toString()),
                 qPrintable(reply.describe()));
    return reply.status == 200 ? reply.json().value(QLatin1String("id")).toString() : QString();
}

void TestSandboxOrders::demoServicesSucceed()
{
    int succeeded = 0;
    for (const QJsonObject &service : services()) {
        QJsonArray parameters;
        if (!validOrderParameters(service, &parameters))
            continue;
        const QString orderId = place(service, parameters);
        QVERIFY2(!orderId.isEmpty(), "a valid order was rejected");
        QJsonObject order;
        const auto terminal = [&] {
            order = m_api->get(QStringLiteral("/1/orders/") + orderId).json();
            const QString status = order.value(QLatin1String("status")).toString();
            return status == QLatin1String("succeeded") || status == QLatin1String("failed") ||
                   status == QLatin1String("error");
        };
        QTRY_VERIFY_WITH_TIMEOUT(terminal(), 20000);
        if (order.value(QLatin1String("status")).toString() != QLatin1String("succeeded"))
            continue;
        ++succeeded;
        QVERIFY(!order.value(QLatin1String("finished-at")).toString().isEmpty());
        const QJsonArray products = order.value(QLatin1String("products")).toArray();
        QVERIFY2(!products.isEmpty(), qPrintable(QJsonDocument(order).toJson()));
        for (const auto &value : products) {
            const QJsonObject product = value.toObject();
            const QString data = product.value(QLatin1String("links"))
                                     .toObject()
                                     .value(QLatin1String("data"))
                                     .toString();
            const ApiReply download = m_api->get(data);
            QVERIFY2(download.status == 200 && !download.body.isEmpty(),
                     qPrintable(download.describe()));
            const ApiReply meta =
                m_api->get(QStringLiteral("/1/metadata?entity-id=") +
                           SandboxApi::enc(product.value(QLatin1String("id")).toString()));
            QCOMPARE(meta.status, 200);
            QVERIFY2(!meta.json().value(QLatin1String("records")).toArray().isEmpty(),
                     qPrintable(meta.describe()));
        }
    }
    QVERIFY2(succeeded >= 3, qPrintable(QStringLiteral("only %1 orders succeeded").arg(succeeded)));
}

void TestSandboxOrders::failingServiceFails()
{
    // The demo runner fails an order whose input is "fail" (sandbox/orderrunner.cpp): give the
    // first string parameter of a working service that value.
    for (const QJsonObject &service : services()) {
        QJsonArray parameters;
        if (!validOrderParameters(service, &parameters))
            continue;
        QString stringParameter;
        for (const auto &def : service.value(QLatin1String("parameters")).toArray()) {
            if (def.toObject().value(QLatin1String("type")).toString() == QLatin1String("string") &&
                !def.toObject().value(QLatin1String("constant")).toBool()) {
                stringParameter = def.toObject().value(QLatin1String("name")).toString();
                break;
            }
        }
        if (stringParameter.isEmpty())
            continue;
        QJsonArray failing;
        for (const auto &p : parameters) {
            QJsonObject parameter = p.toObject();
            if (parameter.value(QLatin1String("name")).toString() == stringParameter)
                parameter.insert(QStringLiteral("value"), QStringLiteral("fail"));
            failing.append(parameter);
        }
        const QString orderId = place(service, failing);
        QVERIFY(!orderId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_api->get(QStringLiteral("/1/orders/") + orderId)
                                      .json()
                                      .value(QLatin1String("status"))
                                      .toString(),
                                  QStringLiteral("failed"), 20000);
        const QJsonObject order = m_api->get(QStringLiteral("/1/orders/") + orderId).json();
        QVERIFY(!order.value(QLatin1String("finished-at")).toString().isEmpty());
        return;
    }
    QFAIL("no service with a string parameter accepts orders");
}

QTEST_GUILESS_MAIN(TestSandboxOrders)
#include "tst_sandbox_orders.moc"
