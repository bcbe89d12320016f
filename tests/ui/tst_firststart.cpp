// A first start on the private sandbox, in-process, in each dialect the app can start it in:
// the window comes up on a sandbox of that dialect (0.48 unless asked for 0.28), every list
// loads its first page without an error, and no page shows the error banner; the parts that
// exist in one dialect only (jobs) are there on 0.48 and absent, not failing, on 0.28.
#include "api/connection.h"
#include "desktopsession.h"
#include "errorbanner.h"
#include "jobsfeature.h"
#include "mainwindow.h"
#include "models/entitylistmodel.h"
#include "servicedetailspane.h"
#include "servicejobslist.h"
#include "servicespage.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

class TestFirstStart : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home; // the app's data (the sandbox's directories) and settings

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
        // As the app names itself, so the sandbox's data goes where the app's would.
        QCoreApplication::setOrganizationName(QStringLiteral("CSIRO"));
        QCoreApplication::setApplicationName(QStringLiteral("ivcap-desktop"));
    }

    void everyPageLoadsWithoutAnError_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("dataDir");
        QTest::newRow("0.48 (default)") << QString() << QStringLiteral("sandbox-0.48");
        QTest::newRow("0.28") << QStringLiteral("0.28") << QStringLiteral("sandbox");
    }

    void everyPageLoadsWithoutAnError()
    {
        QFETCH(QString, api);
        QFETCH(QString, dataDir);
        app::DesktopSession::Options options;
        options.useSandbox = true;
        if (!api.isEmpty())
            options.sandboxApi = api;
        const QString expectedApi = api.isEmpty() ? QStringLiteral("0.48") : api;
        app::DesktopSession session(options);
        QSignalSpy shown(&session, &app::DesktopSession::windowShown);
        QVERIFY2(session.start(), qPrintable(session.errorString()));
        QVERIFY(shown.wait(30000));
        QVERIFY(QFileInfo::exists(m_home.filePath(QStringLiteral("data/CSIRO/ivcap-desktop/") +
                                                  dataDir + QStringLiteral("/sandbox.sqlite"))));
        ui::MainWindow *window = session.window();
        QTRY_COMPARE_WITH_TIMEOUT(session.connection()->apiVersion(), expectedApi, 20000);

        const bool jobs = expectedApi == QLatin1String("0.48");
        QTRY_COMPARE_WITH_TIMEOUT(session.jobs()->isAvailable(), jobs, 20000);
        QCOMPARE(window->isPageVisible(QStringLiteral("jobs")), jobs);
        const auto models = [&] {
            return window->findChildren<EntityListModel *>() +
                   session.findChildren<EntityListModel *>();
        };
        // Services, orders, artifacts, metadata, and the service's metadata panel at least.
        QVERIFY(models().size() >= 5);
        for (const QString &page : app::DesktopSession::viewNames()) {
            if (!window->isPageVisible(page))
                continue;
            QVERIFY(window->showPage(page));
            // Every list of the session and of its panes: its first page in, no error.
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (EntityListModel *model : models()) {
                        if (model->connection() &&
                            (model->isLoading() ||
                             (model->pagesLoaded() == 0 && !model->lastError().isError())))
                            return false;
                    }
                    return true;
                }(),
                30000);
            for (EntityListModel *model : models())
                QVERIFY2(!model->lastError().isError(),
                         qPrintable(page + QStringLiteral(": ") + model->metaObject()->className() +
                                    QStringLiteral(": ") + model->lastError().toString()));
            QVERIFY2(!window->errorBanner()->isVisible(), qPrintable(page));
        }
        // A service is selected; its own jobs are listed only where there are jobs.
        auto *services = static_cast<ui::ServicesPage *>(window->page(QStringLiteral("services")));
        QVERIFY(!services->currentServiceId().isEmpty());
        QCOMPARE(services->detailsPane()->jobsList()->isAvailable(), jobs);
        QCOMPARE(services->detailsPane()->requestJobButton()->isHidden(), !jobs);
    }
};

QTEST_MAIN(TestFirstStart)
#include "tst_firststart.moc"
