// The services page against a real ivcap-sandbox in each dialect: the list loads, selecting a
// service shows its details (v0.28: its parameter table; v0.48: its request schema, read from
// the service's ai-tool aspect), and "Order…" (button and Ctrl+O) asks for the form.
#include "api/apirequest.h"
#include "api/connection.h"
#include "dialectwidgetstest.h"
#include "entitytableview.h"
#include "models/parametermodel.h"
#include "models/servicedetails.h"
#include "models/servicelistmodel.h"
#include "sandboxprocess.h"
#include "servicedetailspane.h"
#include "servicespage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonArray>
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
public:
    explicit TestServicesPage(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    bool v048() const { return m_api == QLatin1String("0.48"); }
    // Services of the demo catalogues, which differ between the dialects: a second one beside
    // "Text Statistics", and one late in the list.
    QString secondService() const
    {
        return v048() ? QStringLiteral("Sentiment Analysis") : QStringLiteral("Parameter Report");
    }
    QString lateService() const
    {
        return v048() ? QStringLiteral("Dataset Metadata Harvester")
                      : QStringLiteral("Reef Survey");
    }

    static QString idOfName(const ServiceListModel &services, const QString &name)
    {
        for (int row = 0; row < services.rowCount(); ++row) {
            if (services.index(row, ServiceListModel::NameColumn).data().toString() == name)
                return services.idAt(row);
        }
        return {};
    }

    // The pane shows the service's input: on v0.28 its `parameters` rows of parameter
    // definitions, on v0.48 a request schema with `member`.
    bool showsDetailsOf(ServicesPage &page, const QString &member, int parameters) const
    {
        return QTest::qWaitFor(
            [&] {
                ServiceDetailsPane *pane = page.detailsPane();
                if (!v048())
                    return pane->parameterTable()->model()->rowCount() == parameters;
                return pane->details() && pane->details()
                                              ->requestSchema()
                                              .value(QLatin1String("properties"))
                                              .toObject()
                                              .contains(member);
            },
            20000);
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
        c.setApiVersion(m_api);
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
        if (v048()) {
            // A v0.48 service describes its requests with the JSON Schema of its ai-tool
            // aspect, and is asked for a job; it has no parameter list.
            QVERIFY(showsDetailsOf(page, QStringLiteral("msg"), 0));
            QTRY_VERIFY(hasLabel(*pane, QStringLiteral("Gradient Text Image")));
            QVERIFY(hasLabel(*pane, QStringLiteral("demo, image")));
            QCOMPARE(pane->details()->requestSchema().value(QLatin1String("required")),
                     QJsonValue(QJsonArray{QStringLiteral("msg")}));
            QVERIFY(!pane->details()->requestSchemaAspectId().isEmpty());
            QVERIFY(!pane->requestJobButton()->isHidden());
            // The parameter table reads the schema's members (but `$schema`) as parameters.
            QTableView *params = pane->parameterTable();
            QTRY_COMPARE_WITH_TIMEOUT(params->model()->rowCount(), 7, 20000);
            const auto cell = [params](const QString &name, int column) {
                for (int row = 0; row < params->model()->rowCount(); ++row) {
                    if (params->model()->index(row, ParameterModel::NameColumn).data() == name)
                        return params->model()->index(row, column).data().toString();
                }
                return QStringLiteral("(no row %1)").arg(name);
            };
            QCOMPARE(cell(QStringLiteral("msg"), ParameterModel::LabelColumn),
                     QStringLiteral("Msg"));
            QCOMPARE(cell(QStringLiteral("msg"), ParameterModel::DescriptionColumn),
                     QStringLiteral("Text to write across the image"));
            QCOMPARE(cell(QStringLiteral("msg"), ParameterModel::OptionalColumn),
                     QStringLiteral("No"));
            QCOMPARE(cell(QStringLiteral("width"), ParameterModel::TypeColumn),
                     QStringLiteral("int"));
            QCOMPARE(cell(QStringLiteral("width"), ParameterModel::DefaultColumn),
                     QStringLiteral("640"));
            QCOMPARE(cell(QStringLiteral("width"), ParameterModel::OptionalColumn),
                     QStringLiteral("Yes"));
            QCOMPARE(cell(QStringLiteral("mode"), ParameterModel::OptionsColumn),
                     QStringLiteral("fast, exact, draft"));
            QCOMPARE(cell(QStringLiteral("background"), ParameterModel::TypeColumn),
                     QStringLiteral("artifact"));
            QCOMPARE(cell(QStringLiteral("background"), ParameterModel::DefaultColumn), QString());
            QCOMPARE(cell(QStringLiteral("$schema"), ParameterModel::NameColumn),
                     QStringLiteral("(no row $schema)"));
            return;
        }
        QVERIFY(pane->requestJobButton()->isHidden());
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
        c.setApiVersion(m_api);
        ServiceListModel services;
        ServicesPage page(&c, &services);
        QSignalSpy changed(&page, &ServicesPage::currentServiceChanged);
        services.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(services.rowCount() > 0 && !services.isLoading(), 20000);
        const QString report = idOfName(services, secondService());
        const QString stats = idOfName(services, QStringLiteral("Text Statistics"));
        QVERIFY(!report.isEmpty() && !stats.isEmpty());

        page.selectService(report);
        QCOMPARE(page.currentServiceId(), report);
        QVERIFY(showsDetailsOf(page, v048() ? QStringLiteral("texts") : QString(), 5));
        page.selectService(stats);
        QCOMPARE(page.currentServiceId(), stats);
        QVERIFY(showsDetailsOf(page, v048() ? QStringLiteral("document") : QString(), 3));
        QCOMPARE(changed.size(), 3); // the first row, then the two chosen ones
        QCOMPARE(changed.last().first().toString(), stats);
    }

    void selectServiceBeforeTheListLoaded()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        QString id;
        {
            ServiceListModel probe;
            probe.setConnection(&c);
            QTRY_VERIFY_WITH_TIMEOUT(probe.rowCount() > 0 && !probe.isLoading(), 20000);
            id = idOfName(probe, lateService());
        }
        QVERIFY(!id.isEmpty());
        ServiceListModel services;
        ServicesPage page(&c, &services);
        page.selectService(id);
        QVERIFY(page.currentServiceId().isEmpty());
        services.setConnection(&c);
        QTRY_COMPARE_WITH_TIMEOUT(page.currentServiceId(), id, 20000);
    }

    // Ctrl+O and activating a row press the one action the deployment offers for a service:
    // "Order…" on v0.28, "Request Job…" where there are jobs (the order form would be empty).
    void primaryActionButtonAndShortcutEmitTheId()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ServiceListModel services;
        ServicesPage page(&c, &services);
        services.setConnection(&c);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(services.rowCount() > 0 && !services.isLoading(), 20000);
        const QString id = idOfName(services, secondService());
        QVERIFY(!id.isEmpty());
        page.selectService(id);
        QSignalSpy ordered(&page, &ServicesPage::orderRequested);
        QSignalSpy requested(&page, &ServicesPage::jobRequestRequested);
        const bool jobs = m_api == QLatin1String("0.48");
        QSignalSpy &expected = jobs ? requested : ordered;
        QSignalSpy &unexpected = jobs ? ordered : requested;

        ServiceDetailsPane *pane = page.detailsPane();
        QCOMPARE(pane->orderButton()->isHidden(), jobs);
        QCOMPARE(pane->requestJobButton()->isHidden(), !jobs);
        QPushButton *button = pane->primaryButton();
        QCOMPARE(button, jobs ? pane->requestJobButton() : pane->orderButton());
        QVERIFY(button->isEnabled());
        QVERIFY(!button->accessibleName().isEmpty());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(expected.size(), 1);
        QCOMPARE(expected.last().first().toString(), id);

        QApplication::setActiveWindow(&page);
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.table()->table()->setFocus();
        QTest::keyClick(page.table()->table(), Qt::Key_O, Qt::ControlModifier);
        QCOMPARE(expected.size(), 2);
        QTest::keyClick(page.table()->table(), Qt::Key_Return);
        QCOMPARE(expected.size(), 3);
        QCOMPARE(expected.last().first().toString(), id);
        QCOMPARE(unexpected.size(), 0);
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestServicesPage)
#include "tst_servicespage.moc"
