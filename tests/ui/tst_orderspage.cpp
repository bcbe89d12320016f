// The orders view against a real ivcap-sandbox, offscreen: an order created through the API
// appears, updates by itself until it succeeds, and its details lead to its products.
#include "api/apicalls.h"
#include "api/connection.h"
#include "entitymetadatapanel.h"
#include "models/metadatalistmodel.h"
#include "models/orderdetails.h"
#include "models/orderlistmodel.h"
#include "models/productlistmodel.h"
#include "models/servicelistmodel.h"
#include "orderdetailspane.h"
#include "orderspage.h"
#include "orderstatusproxy.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ivcap;
using namespace ivcap::ui;

namespace {
constexpr int orderTimeoutMs = 60000;
} // namespace

class TestOrdersPage : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox; // v0.28: string-parameter orders and their form are v0.28 only
    QHash<QString, QString> m_serviceIds; // name → id

    QString createOrder(Connection *c, const QString &service, const Api::Parameters &parameters,
                        const QString &name)
    {
        auto *create = Api::createOrder(c, m_serviceIds.value(service), parameters, name, this);
        QSignalSpy created(create, &ApiRequest::finished);
        QSignalSpy failed(create, &ApiRequest::failed);
        create->start();
        if (!QTest::qWaitFor([&] { return !created.isEmpty() || !failed.isEmpty(); }, 20000) ||
            created.isEmpty())
            return QString();
        return created.first()
            .first()
            .toJsonDocument()
            .object()
            .value(QLatin1String("id"))
            .toString();
    }

    static QString statusInModel(const OrderListModel &model, const QString &id)
    {
        const int row = model.rowOfId(id);
        return row < 0 ? QString()
                       : model.index(row, OrderListModel::StatusColumn).data().toString();
    }

    static bool hasRunningOrders(const OrderListModel &model)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (!OrderListModel::isTerminal(
                    model.index(row, 0).data(EntityListModel::StatusRole).toString()))
                return true;
        }
        return false;
    }

    static QString selectedOrder(const OrdersPage &page)
    {
        const QModelIndexList rows = page.table()->selectionModel()->selectedRows();
        if (rows.size() != 1)
            return QString();
        return rows.first().siblingAtColumn(OrderListModel::NameColumn).data().toString();
    }

    struct Fixture
    {
        Connection connection;
        OrderListModel model;
        OrdersPage page;
        QAbstractItemModelTester modelTester;
        QAbstractItemModelTester proxyTester;
        Fixture(const QUrl &url, const QString &token)
            : connection(url, token), page(&connection, &model),
              modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest),
              proxyTester(page.statusProxy(),
                          QAbstractItemModelTester::FailureReportingMode::QtTest)
        {
            page.setRefreshIntervals(100, 400);
            page.detailsPane()->setPollIntervals(100, 400);
            page.resize(1200, 800);
            page.show();
            model.setConnection(&connection);
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        Connection c(m_sandbox.url(), m_sandbox.token());
        ServiceListModel services;
        services.setPageSize(50);
        services.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(!services.isLoading() && services.rowCount() > 0, 20000);
        for (int row = 0; row < services.rowCount(); ++row)
            m_serviceIds.insert(services.index(row, ServiceListModel::NameColumn).data().toString(),
                                services.idAt(row));
        QVERIFY(m_serviceIds.contains(QStringLiteral("Gradient Text Image")));
    }

    void statusProxyShowsIconTextAndTooltipPerStatus()
    {
        const QStringList statuses{"pending", "scheduled", "executing", "succeeded",
                                   "failed",  "error",     "unknown"};
        QSet<qint64> icons;
        for (const QString &status : statuses) {
            const QIcon icon = OrderStatusProxy::icon(status);
            QVERIFY2(!icon.isNull(), qPrintable(status));
            icons.insert(icon.pixmap(16).toImage().cacheKey());
            QVERIFY(!OrderStatusProxy::label(status).isEmpty());
            QVERIFY(
                OrderStatusProxy::description(status).contains(OrderStatusProxy::label(status)) ||
                status == QLatin1String("unknown"));
        }
        // A status the contract does not know keeps its own text.
        QCOMPARE(OrderStatusProxy::label(QStringLiteral("paused")), QStringLiteral("paused"));
        QVERIFY(OrderStatusProxy::description(QStringLiteral("paused")).contains("paused"));
        QCOMPARE(OrderDetailsPane::formatDuration(2400), QLocale().toString(2.4, 'f', 1) + " s");
        QCOMPARE(OrderDetailsPane::formatDuration(125000), QStringLiteral("2 min 5 s"));
    }

    // Create → appears → succeeds by itself → products → double-click → Order again.
    void createdOrderAppearsAndSucceedsByItself()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        QTRY_VERIFY_WITH_TIMEOUT(!f.model.isLoading() && f.model.pagesLoaded() > 0, 20000);

        const QString name = QStringLiteral("orders page hello");
        const QString orderId =
            createOrder(&f.connection, QStringLiteral("Gradient Text Image"),
                        {{QStringLiteral("msg"), QStringLiteral("hello")}}, name);
        QVERIFY(!orderId.isEmpty());
        // Attach a record to the order, for the details' metadata panel.
        auto *add =
            Api::addMetadata(&f.connection, orderId, QStringLiteral("urn:test:schema:note.1"),
                             {{"note", "for the orders page"}}, QString(), this);
        QSignalSpy added(add, &ApiRequest::finished);
        add->start();
        QVERIFY(added.wait(10000));

        f.page.showOrder(orderId);
        QCOMPARE(f.page.currentOrderId(), orderId);
        QCOMPARE(f.page.detailsPane()->orderId(), orderId);
        // It appears in the list (a refresh appends new ids) and is selected when it does.
        QTRY_VERIFY_WITH_TIMEOUT(f.model.rowOfId(orderId) >= 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(selectedOrder(f.page), name, 5000);

        // Nobody refreshes by hand: the page follows the running order to its end.
        QTRY_COMPARE_WITH_TIMEOUT(statusInModel(f.model, orderId), QStringLiteral("succeeded"),
                                  orderTimeoutMs);
        QCOMPARE(selectedOrder(f.page), name);
        const int row = f.model.rowOfId(orderId);
        const QModelIndex statusIndex =
            f.page.statusProxy()->index(row, OrderListModel::StatusColumn);
        QVERIFY(!statusIndex.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(statusIndex.data(Qt::DisplayRole).toString(), QStringLiteral("succeeded"));
        QVERIFY(
            statusIndex.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Succeeded")));
        QVERIFY(statusIndex.data(Qt::ForegroundRole).value<QColor>().isValid());
        // No running order left: the list stops refreshing.
        QTRY_VERIFY_WITH_TIMEOUT(!f.page.isAutoRefreshing() || hasRunningOrders(f.model), 10000);

        OrderDetailsPane *pane = f.page.detailsPane();
        QTRY_VERIFY_WITH_TIMEOUT(pane->details() && pane->details()->isTerminal(), orderTimeoutMs);
        QAbstractItemModelTester productsTester(
            pane->details()->productModel(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView *products = pane->productsView();
        QTRY_VERIFY_WITH_TIMEOUT(products->model() && products->model()->rowCount() > 0, 10000);
        QCOMPARE(products->model()->index(0, ProductListModel::NameColumn).data().toString(),
                 QStringLiteral("image.svg"));
        QCOMPARE(pane->parametersView()->model()->index(0, 0).data().toString(),
                 QStringLiteral("msg"));
        QCOMPARE(pane->parametersView()->model()->index(0, 1).data().toString(),
                 QStringLiteral("hello"));

        // The order's metadata.
        MetadataListModel *records = pane->metadataPanel()->model();
        QAbstractItemModelTester summaryTester(
            pane->metadataPanel()->table()->model(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester parametersTester(
            pane->parametersView()->model(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester recordsTester(
            records, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!records->isLoading() && records->rowCount() == 1, 20000);
        QCOMPARE(records->index(0, MetadataListModel::EntityColumn)
                     .data(EntityListModel::RawValueRole)
                     .toString(),
                 orderId);
        QVERIFY(pane->metadataPanel()
                    ->table()
                    ->model()
                    ->index(0, MetadataListModel::AspectColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("note: for the orders page")));

        // Double-clicking a product asks to open its artifact.
        QSignalSpy activated(&f.page, &OrdersPage::artifactActivated);
        const QModelIndex product = products->model()->index(0, ProductListModel::NameColumn);
        products->scrollTo(product);
        const QPoint centre = products->visualRect(product).center();
        QTest::mouseClick(products->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(products->viewport(), Qt::LeftButton, {}, centre);
        QTRY_COMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(),
                 product.data(ProductListModel::IdRole).toString());
        QVERIFY(
            activated.first().first().toString().startsWith(QLatin1String("urn:ivcap:artifact:")));

        // Order again hands back the service and the parameters as the server echoed them.
        QSignalSpy again(&f.page, &OrdersPage::orderAgainRequested);
        QPushButton *button = pane->orderAgainButton();
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().at(0).toString(), m_serviceIds.value("Gradient Text Image"));
        const QJsonArray parameters = again.first().at(1).toJsonArray();
        bool sawMsg = false;
        for (const QJsonValue &p : parameters) {
            if (p.toObject().value("name").toString() == QLatin1String("msg")) {
                QCOMPARE(p.toObject().value("value").toString(), QStringLiteral("hello"));
                sawMsg = true;
            }
        }
        QVERIFY(sawMsg);
    }

    void failingOrderShowsFailedWithoutProducts()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        QTRY_VERIFY_WITH_TIMEOUT(!f.model.isLoading() && f.model.pagesLoaded() > 0, 20000);
        const QString orderId = createOrder(&f.connection, QStringLiteral("Parameter Report"),
                                            {{QStringLiteral("title"), QStringLiteral("fail")}},
                                            QStringLiteral("orders page fail"));
        QVERIFY(!orderId.isEmpty());
        f.page.showOrder(orderId);
        QTRY_VERIFY_WITH_TIMEOUT(f.model.rowOfId(orderId) >= 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(statusInModel(f.model, orderId), QStringLiteral("failed"),
                                  orderTimeoutMs);
        OrderDetailsPane *pane = f.page.detailsPane();
        QTRY_VERIFY_WITH_TIMEOUT(pane->details() && pane->details()->isTerminal(), orderTimeoutMs);
        QCOMPARE(pane->details()->status(), QStringLiteral("failed"));
        QCOMPARE(pane->productsView()->model()->rowCount(), 0);
        const QModelIndex statusIndex =
            f.page.statusProxy()->index(f.model.rowOfId(orderId), OrderListModel::StatusColumn);
        // Failed and succeeded differ in their icon, not only in colour.
        QVERIFY(statusIndex.data(Qt::DecorationRole).value<QIcon>().pixmap(16).toImage() !=
                OrderStatusProxy::icon(QStringLiteral("succeeded")).pixmap(16).toImage());
    }

    void unknownOrderShowsAnErrorInTheDetails()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        const QString missing =
            QStringLiteral("urn:ivcap:order:00000000-0000-0000-0000-000000000000");
        f.page.showOrder(missing);
        OrderDetailsPane *pane = f.page.detailsPane();
        QTRY_VERIFY_WITH_TIMEOUT(pane->details() && pane->details()->lastError().isError(), 20000);
        QCOMPARE(pane->details()->lastError().kind, ApiError::Kind::NotFound);
        QVERIFY(!pane->orderAgainButton()->isEnabled());
    }

    // The view puts its cursor on the first row when it gets the focus, without selecting it:
    // that must not replace the order the page was asked to show. A click on that row, which
    // selects it without moving the cursor, does show it.
    void cursorWithoutSelectionKeepsTheOrderShown()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token());
        const QString orderId = createOrder(&f.connection, QStringLiteral("Parameter Report"),
                                            {{QStringLiteral("title"), QStringLiteral("cursor")}},
                                            QStringLiteral("orders page cursor"));
        QVERIFY(!orderId.isEmpty());
        const QString missing =
            QStringLiteral("urn:ivcap:order:00000000-0000-0000-0000-000000000001");
        f.page.showOrder(missing);
        QTRY_VERIFY_WITH_TIMEOUT(f.model.rowOfId(orderId) >= 0, 20000);
        OrderDetailsPane *pane = f.page.detailsPane();
        QVERIFY(pane->details());
        QCOMPARE(pane->details()->id(), missing);

        QItemSelectionModel *selection = f.page.table()->selectionModel();
        const QModelIndex first = f.page.table()->model()->index(0, 0);
        auto *viewProxy = qobject_cast<QAbstractProxyModel *>(f.page.table()->model());
        QVERIFY(viewProxy);
        const QModelIndex source = f.page.statusProxy()->mapToSource(viewProxy->mapToSource(first));
        const QString firstId = f.model.idAt(source.row());
        QVERIFY(!firstId.isEmpty());
        selection->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        QCOMPARE(pane->details()->id(), missing);

        selection->select(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(selection->currentIndex(), first);
        QCOMPARE(pane->details()->id(), firstId);
    }
};

QTEST_MAIN(TestOrdersPage)
#include "tst_orderspage.moc"
