// The services page against a real ivcap-sandbox: the list loads, selecting a service shows
// its details and parameter table, and "Order…" (button and Ctrl+O) asks for the form.
#include "api/apirequest.h"
#include "api/connection.h"
#include "entitytableview.h"
#include "models/parametermodel.h"
#include "models/servicedetails.h"
#include "models/servicelistmodel.h"
#include "sandboxprocess.h"
#include "servicedetailspane.h"
#include "servicespage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <algorithm>

using namespace ivcap;
using namespace ivcap::ui;

class TestServicesPage : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox;

    static QString idOfName(const ServiceListModel &services, const QString &name)
    {
        for (int row = 0; row < services.rowCount(); ++row) {
            if (services.index(row, ServiceListModel::NameColumn).data().toString() == name)
                return services.idAt(row);
        }
        return {};
    }

    static bool hasLabel(const QWidget &root, const QString &text)
    {
        const auto labels = root.findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(),
                           [&](const QLabel *l) { return l->text() == text; });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void clickingARowShowsDetailsAndParameters()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        ServiceListModel services;
        QAbstractItemModelTester listTester(&services,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        ServicesPage page(&c, &services);
        services.setConnection(&c);
        page.resize(1000, 600);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(services.rowCount() > 0 && !services.isLoading(), 20000);
        // The page starts on the first service rather than an empty pane.
        QCOMPARE(page.currentServiceId(), services.idAt(0));

        const QString id = idOfName(services, QStringLiteral("Gradient Text Image"));
        QVERIFY(!id.isEmpty());
        QTableView *table = page.table()->table();
        const QModelIndex index = page.table()->proxy()->mapFromSource(
            services.index(services.rowOfId(id), ServiceListModel::NameColumn));
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        QCOMPARE(page.currentServiceId(), id);

        ServiceDetailsPane *pane = page.detailsPane();
        QAbstractItemModelTester paramTester(
            pane->details()->parameterModel(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView *params = pane->parameterTable();
        QTRY_COMPARE_WITH_TIMEOUT(params->model()->rowCount(), 7, 20000);
        QVERIFY(hasLabel(*pane, QStringLiteral("Gradient Text Image")));
        QVERIFY(hasLabel(*pane, QStringLiteral("demo, image")));
        QVERIFY(hasLabel(*pane, pane->details()->providerId()));
        QCOMPARE(params->model()->index(0, ParameterModel::LabelColumn).data().toString(),
                 QStringLiteral("Message to display"));
        QCOMPARE(params->model()->index(4, ParameterModel::UnitColumn).data().toString(),
                 QStringLiteral("m"));
        // Label, type, unit, default, optional and constant are shown; the rest is the form's.
        for (int column : {ParameterModel::LabelColumn, ParameterModel::TypeColumn,
                           ParameterModel::UnitColumn, ParameterModel::DefaultColumn,
                           ParameterModel::OptionalColumn, ParameterModel::ConstantColumn})
            QVERIFY(!params->isColumnHidden(column));
        QVERIFY(params->isColumnHidden(ParameterModel::NameColumn));
        QVERIFY(!params->accessibleName().isEmpty());
        // Options and descriptions are shown too, and flags read as words, not true/false.
        QVERIFY(!params->isColumnHidden(ParameterModel::OptionsColumn));
        QVERIFY(!params->isColumnHidden(ParameterModel::DescriptionColumn));
        for (int row = 0; row < params->model()->rowCount(); ++row) {
            for (int column : {ParameterModel::OptionalColumn, ParameterModel::ConstantColumn}) {
                const QString text = params->model()->index(row, column).data().toString();
                QVERIFY2(text == QLatin1String("Yes") || text == QLatin1String("No"),
                         qPrintable(text));
            }
        }
    }

    void selectServiceSwitchesTheDetails()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        ServiceListModel services;
        ServicesPage page(&c, &services);
        QSignalSpy changed(&page, &ServicesPage::currentServiceChanged);
        services.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(services.rowCount() > 0 && !services.isLoading(), 20000);
        const QString report = idOfName(services, QStringLiteral("Parameter Report"));
        const QString stats = idOfName(services, QStringLiteral("Text Statistics"));
        QVERIFY(!report.isEmpty() && !stats.isEmpty());

        page.selectService(report);
        QCOMPARE(page.currentServiceId(), report);
        QTRY_COMPARE_WITH_TIMEOUT(page.detailsPane()->parameterTable()->model()->rowCount(), 5,
                                  20000);
        page.selectService(stats);
        QCOMPARE(page.currentServiceId(), stats);
        QTRY_COMPARE_WITH_TIMEOUT(page.detailsPane()->parameterTable()->model()->rowCount(), 3,
                                  20000);
        QCOMPARE(changed.size(), 3); // the first row, then the two chosen ones
        QCOMPARE(changed.last().first().toString(), stats);
    }

    void selectServiceBeforeTheListLoaded()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        QString id;
        {
            ServiceListModel probe;
            probe.setConnection(&c);
            QTRY_VERIFY_WITH_TIMEOUT(probe.rowCount() > 0 && !probe.isLoading(), 20000);
            id = idOfName(probe, QStringLiteral("Reef Survey"));
        }
        QVERIFY(!id.isEmpty());
        ServiceListModel services;
        ServicesPage page(&c, &services);
        page.selectService(id);
        QVERIFY(page.currentServiceId().isEmpty());
        services.setConnection(&c);
        QTRY_COMPARE_WITH_TIMEOUT(page.currentServiceId(), id, 20000);
    }

    void orderButtonAndShortcutEmitTheId()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        ServiceListModel services;
        ServicesPage page(&c, &services);
        services.setConnection(&c);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(services.rowCount() > 0 && !services.isLoading(), 20000);
        const QString id = idOfName(services, QStringLiteral("Parameter Report"));
        page.selectService(id);
        QSignalSpy ordered(&page, &ServicesPage::orderRequested);

        QPushButton *button = page.detailsPane()->orderButton();
        QVERIFY(button->isEnabled());
        QVERIFY(!button->accessibleName().isEmpty());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(ordered.size(), 1);
        QCOMPARE(ordered.last().first().toString(), id);

        QApplication::setActiveWindow(&page);
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.table()->table()->setFocus();
        QTest::keyClick(page.table()->table(), Qt::Key_O, Qt::ControlModifier);
        QCOMPARE(ordered.size(), 2);
        QCOMPARE(ordered.last().first().toString(), id);
    }
};

QTEST_MAIN(TestServicesPage)
#include "tst_servicespage.moc"
