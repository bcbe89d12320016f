// The main window shell driven through a whole in-process session against a real sandbox:
// the debounced filter, Ctrl+F, the error banner and the sign-in prompt after a 401.
#include "api/connection.h"
#include "aspecteditor.h"
#include "desktopsession.h"
#include "dialectwidgetstest.h"
#include "entitymetadatapanel.h"
#include "entitytableview.h"
#include "errorbanner.h"
#include "mainwindow.h"
#include "metadatapage.h"
#include "models/entitylistmodel.h"
#include "querybar.h"
#include "sandboxprocess.h"
#include "servicedetailspane.h"
#include "servicespage.h"
#include "signindialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace ivcap;

class TestShell : public QObject
{
    Q_OBJECT
public:
    explicit TestShell(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    std::unique_ptr<app::DesktopSession> session(const QString &token)
    {
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = token;
        auto s = std::make_unique<app::DesktopSession>(options);
        if (!s->start())
            return nullptr;
        return s;
    }

    static QTableView *servicesTable(ui::MainWindow *window)
    {
        return static_cast<ui::ServicesPage *>(window->page(QStringLiteral("services")))
            ->table()
            ->table();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void filterIsDebouncedAndServerSide()
    {
        auto s = session(m_sandbox.token());
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        QTableView *table = servicesTable(window);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 20, 20000);
        const int all = table->model()->rowCount();
        // The session found out which dialect the deployment speaks.
        QCOMPARE(s->connection()->apiVersion(), m_api);

        const QList<EntityListModel *> models = s->findChildren<EntityListModel *>();
        EntityListModel *services = nullptr;
        for (EntityListModel *m : models) {
            if (m->rowCount() == all)
                services = m;
        }
        QVERIFY(services);
        QSignalSpy queries(services, &EntityListModel::queryChanged);

        QTest::keySequence(window, QKeySequence::Find);
        QLineEdit *field = window->queryBar()->filterField();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, QStringLiteral("name ~= 'Gradient%'"));
        // Typing did not send one query per key: the debounce collapses them into one.
        QTRY_COMPARE_WITH_TIMEOUT(queries.size(), 1, 5000);
        QCOMPARE(services->filter(), QStringLiteral("name ~= 'Gradient%'"));
        QTRY_VERIFY_WITH_TIMEOUT(!services->isLoading() && table->model()->rowCount() == 1, 20000);
        QVERIFY(table->model()->index(0, 0).data().toString().contains(QLatin1String("Gradient")));

        // The filter belongs to its page: another page shows its own (empty) filter.
        window->showPage(QStringLiteral("orders"));
        QCOMPARE(field->text(), QString());
        window->showPage(QStringLiteral("services"));
        QCOMPARE(field->text(), QStringLiteral("name ~= 'Gradient%'"));
    }

    void invalidFilterShowsOneBannerError()
    {
        auto s = session(m_sandbox.token());
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        window->queryBar()->filterField()->setFocus();
        QTest::keyClicks(window->queryBar()->filterField(), QStringLiteral("name ~= "));
        QTest::keyClick(window->queryBar()->filterField(), Qt::Key_Return);
        // The error shows on the page it concerns, not over every page.
        auto *services = static_cast<ui::ServicesPage *>(window->page(QStringLiteral("services")));
        ui::ErrorBanner *banner = services->table()->errorBanner();
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 20000);
        QCOMPARE(banner->count(), 1);
        QVERIFY(banner->findChild<QPushButton *>()->isHidden()); // no sign-in for a 422
        QVERIFY(window->errorBanner()->isHidden());
        QVERIFY(services->table()->placeholderLabel()->text().contains(QLatin1String("could not")));
        // Its cause gone (a valid filter), the banner goes.
        window->queryBar()->filterField()->clear();
        QTest::keyClick(window->queryBar()->filterField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 20000);
    }

    // A service's detail pane lists its metadata, and "Add aspect…" opens the metadata editor
    // on that service.
    void serviceMetadataPanelAddsAnAspect()
    {
        auto s = session(m_sandbox.token());
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        auto *services = static_cast<ui::ServicesPage *>(window->page(QStringLiteral("services")));
        QTRY_VERIFY_WITH_TIMEOUT(!services->currentServiceId().isEmpty(), 20000);
        auto *panel = services->detailsPane()->findChild<ui::EntityMetadataPanel *>();
        QVERIFY(panel);
        QCOMPARE(panel->entityId(), services->currentServiceId());
        QPushButton *add = nullptr;
        for (QPushButton *b : panel->findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Add a metadata aspect to this entity"))
                add = b;
        }
        QVERIFY(add);
        QVERIFY(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(window->currentPageKey(), QStringLiteral("aspects"));
        auto *metadata = static_cast<ui::MetadataPage *>(window->page(QStringLiteral("aspects")));
        QCOMPARE(metadata->editor()->entityId(), services->currentServiceId());
        QVERIFY(!metadata->editor()->isReadOnly());
    }

    void unauthorizedOffersSignIn()
    {
        auto s = session(QStringLiteral("expired-token"));
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        ui::ErrorBanner *banner = window->errorBanner();
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 20000);
        QPushButton *signIn = nullptr;
        for (QPushButton *b : banner->findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Sign in again"))
                signIn = b;
        }
        QVERIFY(signIn);
        QVERIFY(!signIn->isHidden());
        QVERIFY(QApplication::activeModalWidget() == nullptr); // nothing modal popped up by itself

        QTest::mouseClick(signIn, Qt::LeftButton);
        auto *dialog = window->findChild<ui::SignInDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *token = dialog->findChild<QLineEdit *>();
        QTest::keyClicks(token, m_sandbox.token());
        QTest::keyClick(token, Qt::Key_Return);
        QTRY_VERIFY(banner->isHidden());
        QCOMPARE(s->connection()->token(), m_sandbox.token());
        QTRY_VERIFY_WITH_TIMEOUT(servicesTable(window)->model()->rowCount() > 0, 20000);
        QVERIFY(banner->isHidden());
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestShell)
#include "tst_shell.moc"
