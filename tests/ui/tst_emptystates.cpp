// Empty and error states of a list page: "No orders yet." only for a list that is really empty;
// a 401, a failure, a filter or an "As of" that hides everything say so instead; a load error
// shows on the page's own banner and goes when the list loads again. Real sandbox, offscreen.
#include "api/connection.h"
#include "dialectwidgetstest.h"
#include "entitytableview.h"
#include "errorbanner.h"
#include "models/orderlistmodel.h"
#include "orderspage.h"
#include "sandboxprocess.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace ivcap;

class TestEmptyStates : public QObject
{
    Q_OBJECT
public:
    explicit TestEmptyStates(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox; // a fresh deployment: it has no orders

    static ui::EntityTableView *view(ui::OrdersPage &page)
    {
        return page.findChild<ui::EntityTableView *>();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void reallyEmpty()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        OrderListModel model;
        ui::OrdersPage page(&c, &model);
        page.show();
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(model.pagesLoaded() > 0 && !model.isLoading(), 20000);
        QCOMPARE(model.rowCount(), 0);
        QTRY_VERIFY(view(page)->placeholderLabel()->isVisible());
        QCOMPARE(view(page)->placeholderLabel()->text(), QStringLiteral("No orders yet."));
        QVERIFY(view(page)->errorBanner()->isHidden());
        QVERIFY(view(page)->asOfLabel()->isHidden());
    }

    void unauthorizedIsNotEmpty()
    {
        Connection c(m_sandbox.url(), QStringLiteral("not-the-token"));
        c.setApiVersion(m_api);
        OrderListModel model;
        ui::OrdersPage page(&c, &model);
        page.show();
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        model.setConnection(&c);
        QVERIFY(errors.wait(20000));
        const QString text = view(page)->placeholderLabel()->text();
        QVERIFY2(text != QLatin1String("No orders yet.") &&
                     text.contains(QLatin1String("credentials")),
                 qPrintable(text));
        QVERIFY(view(page)->placeholderLabel()->isVisible());
    }

    void asOfThatHidesEverythingSaysSo()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        OrderListModel model;
        ui::OrdersPage page(&c, &model);
        page.show();
        model.setAtTime(QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC));
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(model.pagesLoaded() > 0 && !model.isLoading(), 20000);
        QVERIFY(view(page)->placeholderLabel()->text().contains(QLatin1String("as of")));
        QVERIFY(!view(page)->asOfLabel()->isHidden());
        QVERIFY(view(page)->asOfLabel()->text().contains(QLatin1String("2001")));
    }

    void failureShowsOnThePageAndClearsWhenFixed()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        OrderListModel model;
        ui::OrdersPage page(&c, &model);
        page.show();
        model.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(model.pagesLoaded() > 0 && !model.isLoading(), 20000);
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        model.setFilter(QStringLiteral("name ~= "));
        QVERIFY(errors.wait(20000));
        QVERIFY(!view(page)->errorBanner()->isHidden());
        QVERIFY(view(page)->placeholderLabel()->text().contains(QLatin1String("could not")));
        model.setFilter(QStringLiteral("name ~= 'nothing-like-this%'"));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && !model.lastError().isError(), 20000);
        QVERIFY(view(page)->errorBanner()->isHidden());
        QVERIFY(view(page)->placeholderLabel()->text().contains(QLatin1String("filter")));
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestEmptyStates)
#include "tst_emptystates.moc"
