// Header clicks sort on the server: the model's query takes order-by/order-desc, the rows come
// in the server's order, and columns the API cannot order by change nothing and show no
// indicator. Against a real sandbox, offscreen.
#include "api/apicalls.h"
#include "api/connection.h"
#include "dialectwidgetstest.h"
#include "entitytableview.h"
#include "models/artifactlistmodel.h"
#include "models/orderlistmodel.h"
#include "orderspage.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ivcap;

class TestServerSort : public QObject
{
    Q_OBJECT
public:
    explicit TestServerSort(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("120")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    static void clickHeader(QTableView *table, int column)
    {
        QHeaderView *header = table->horizontalHeader();
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    }

    static bool loaded(EntityListModel *model)
    {
        return QTest::qWaitFor([&] { return model->pagesLoaded() > 0 && !model->isLoading(); },
                               20000);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void headerClickSortsOnTheServer()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(20);
        ui::EntityTableView view(QStringLiteral("Artifacts"));
        view.setModel(&model);
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        model.setConnection(&c);
        QVERIFY(loaded(&model));
        QTableView *table = view.table();
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(!header->isSortIndicatorShown());

        clickHeader(table, ArtifactListModel::NameColumn);
        QCOMPARE(model.orderBy(), QStringLiteral("name"));
        QVERIFY(loaded(&model));
        QVERIFY(header->isSortIndicatorShown());
        QCOMPARE(header->sortIndicatorSection(), int(ArtifactListModel::NameColumn));
        const Qt::SortOrder first = header->sortIndicatorOrder();
        QCOMPARE(model.orderDesc(), first == Qt::DescendingOrder);

        // The rows are the server's first page in that order, not loaded rows shuffled.
        clickHeader(table, ArtifactListModel::NameColumn);
        QCOMPARE(model.orderDesc(), first != Qt::DescendingOrder);
        QVERIFY(loaded(&model));
        ListQuery query = model.query();
        auto *read = Api::listArtifacts(&c, query, QString(), this);
        QSignalSpy got(read, &ApiRequest::finished);
        read->start();
        QVERIFY(got.wait(10000));
        const QJsonArray items = got.first()
                                     .first()
                                     .toJsonDocument()
                                     .object()
                                     .value(c.dialect().itemsKey(EntityKind::Artifacts))
                                     .toArray();
        QCOMPARE(items.size(), 20);
        for (int row = 0; row < 20; ++row)
            QCOMPARE(table->model()->index(row, 0).data(EntityListModel::IdRole).toString(),
                     items.at(row).toObject().value(QLatin1String("id")).toString());

        // Size cannot be ordered by: nothing happens, and the indicator stays on Name.
        QSignalSpy queries(&model, &EntityListModel::queryChanged);
        clickHeader(table, ArtifactListModel::SizeColumn);
        QCOMPARE(queries.size(), 0);
        QCOMPARE(header->sortIndicatorSection(), int(ArtifactListModel::NameColumn));
        QVERIFY(!model.headerData(ArtifactListModel::SizeColumn, Qt::Horizontal, Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
    }

    // Through the orders page's status proxy too.
    void ordersSortByOrderedAt()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        OrderListModel model;
        ui::OrdersPage page(&c, &model);
        page.resize(1000, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        model.setConnection(&c);
        QVERIFY(loaded(&model));
        clickHeader(page.table(), OrderListModel::OrderedAtColumn);
        QCOMPARE(model.orderBy(), QStringLiteral("ordered-at"));
        QSignalSpy queries(&model, &EntityListModel::queryChanged);
        clickHeader(page.table(), OrderListModel::StartedAtColumn);
        QCOMPARE(queries.size(), 0);
        QCOMPARE(page.table()->horizontalHeader()->sortIndicatorSection(),
                 int(OrderListModel::OrderedAtColumn));
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestServerSort)
#include "tst_serversort.moc"
