// Live lists in a whole in-process session against a real sandbox: changes made elsewhere show
// while the window is active (and are not read while it is hidden), a context switch leaves no
// pane showing the old deployment, and a record's history follows a revoke.
#include "api/apicalls.h"
#include "api/connection.h"
#include "artifactpreview.h"
#include "artifactspage.h"
#include "aspecteditor.h"
#include "desktopsession.h"
#include "dialectwidgetstest.h"
#include "entitymetadatapanel.h"
#include "liverefresh.h"
#include "mainwindow.h"
#include "metadatahistory.h"
#include "metadatapage.h"
#include "models/artifactlistmodel.h"
#include "models/entitylistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/orderlistmodel.h"
#include "orderdetailspane.h"
#include "orderspage.h"
#include "sandboxprocess.h"
#include "servicedetailspane.h"
#include "servicespage.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>

using namespace ivcap;

class TestLiveLists : public QObject
{
    Q_OBJECT
public:
    explicit TestLiveLists(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("3")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;

    std::unique_ptr<app::DesktopSession> session(const QString &view)
    {
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = m_sandbox.token();
        options.view = view;
        auto s = std::make_unique<app::DesktopSession>(options);
        if (!s->start())
            return nullptr;
        return s;
    }

    // Runs a request to its end; returns the answer's JSON object (empty on failure).
    QJsonObject run(ApiRequest *request)
    {
        QSignalSpy done(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return done.size() + failed.size() > 0; }, 10000) ||
            done.isEmpty())
            return {};
        return done.first().first().toJsonDocument().object();
    }

    QString placeOrder(Connection *c, const QString &name)
    {
        ListQuery query;
        query.filter = QStringLiteral("name ~= 'Gradient Text Image'");
        const QString service = run(Api::listServices(c, query, QString(), this))
                                    .value(c->dialect().itemsKey(EntityKind::Services))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("id"))
                                    .toString();
        return run(Api::createOrder(c, service, {{QStringLiteral("msg"), QStringLiteral("hi")}},
                                    name, this))
            .value(QLatin1String("id"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("IVCAP_LIVE_REFRESH_MS", "200");
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    // An order placed by someone else shows in the visible list while the window is active;
    // a hidden window reads nothing.
    void visibleListFollowsChangesElsewhere()
    {
        auto s = session(QStringLiteral("orders"));
        QVERIFY(s);
        ui::MainWindow *window = s->window();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        auto *page = static_cast<ui::OrdersPage *>(window->page(QStringLiteral("orders")));
        OrderListModel *orders = page->model();
        QTRY_VERIFY_WITH_TIMEOUT(orders->pagesLoaded() > 0 && !orders->isLoading(), 20000);
        auto *live = s->findChild<ui::LiveRefresh *>();
        QVERIFY(live);
        QCOMPARE(live->intervalMs(), 200);
        QSignalSpy resets(orders, &QAbstractItemModel::modelReset);

        Connection elsewhere(m_sandbox.url(), m_sandbox.token());

        elsewhere.setApiVersion(m_api);
        const QString id = placeOrder(&elsewhere, QStringLiteral("from elsewhere"));
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(orders->rowOfId(id) >= 0, 10000);
        QCOMPARE(resets.size(), 0);

        // Hidden: no more reads.
        window->hide();
        QTRY_VERIFY(!orders->isLoading());
        QVERIFY(!live->wouldRefresh());
        QSignalSpy loads(orders, &EntityListModel::loadingChanged);
        const QString hidden = placeOrder(&elsewhere, QStringLiteral("while hidden"));
        QVERIFY(!hidden.isEmpty());
        QVERIFY(!loads.wait(1000));
        QCOMPARE(orders->rowOfId(hidden), -1);
    }

    // After switching to another context no pane shows what it showed of the old deployment.
    void contextSwitchClearsPanes()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        const QString orderId = placeOrder(&c, QStringLiteral("before switching"));
        QVERIFY(!orderId.isEmpty());
        auto s = session(QStringLiteral("artifacts"));
        QVERIFY(s);
        ui::MainWindow *window = s->window();

        auto *artifacts =
            static_cast<ui::ArtifactsPage *>(window->page(QStringLiteral("artifacts")));
        QTRY_VERIFY_WITH_TIMEOUT(artifacts->model()->rowCount() > 0, 20000);
        artifacts->showArtifact(artifacts->model()->idAt(0));
        QTRY_VERIFY_WITH_TIMEOUT(artifacts->preview()->details() != nullptr, 10000);
        auto *orders = static_cast<ui::OrdersPage *>(window->page(QStringLiteral("orders")));
        orders->showOrder(orderId);
        QTRY_COMPARE_WITH_TIMEOUT(orders->detailsPane()->orderId(), orderId, 10000);
        auto *services = static_cast<ui::ServicesPage *>(window->page(QStringLiteral("services")));
        QTRY_VERIFY_WITH_TIMEOUT(!services->currentServiceId().isEmpty(), 20000);
        auto *metadata = static_cast<ui::MetadataPage *>(window->page(QStringLiteral("aspects")));
        metadata->addAspectTo(QStringLiteral("urn:ivcap:test:old-deployment"));
        QCOMPARE(metadata->editor()->entityId(), QStringLiteral("urn:ivcap:test:old-deployment"));

        Context other;
        other.name = QStringLiteral("other");
        other.url = m_sandbox.url();
        AuthTokens tokens;
        tokens.accessToken = m_sandbox.token();
        s->switchContext(other, tokens);

        QCOMPARE(artifacts->preview()->details(), nullptr);
        QCOMPARE(artifacts->currentArtifactId(), QString());
        for (auto *panel : window->findChildren<ui::EntityMetadataPanel *>())
            QCOMPARE(panel->entityId(), QString());
        QCOMPARE(orders->detailsPane()->orderId(), QString());
        QCOMPARE(orders->currentOrderId(), QString());
        QCOMPARE(metadata->editor()->entityId(), QString());
        QCOMPARE(metadata->editor()->recordId(), QString());
        QCOMPARE(services->detailsPane()->details(), nullptr);
    }

    // The history of a record shows it as current; after a revoke, its end.
    void historyFollowsRevoke()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        const QString entity = QStringLiteral("urn:ivcap:test:history-entity");
        const QString recordId =
            run(Api::addMetadata(&c, entity, QStringLiteral("urn:ivcap:schema:test.1"),
                                 QJsonObject{{QStringLiteral("$schema"),
                                              QStringLiteral("urn:ivcap:schema:test.1")}},
                                 QString(), this))
                .value(QLatin1String("record-id"))
                .toString();
        QVERIFY(!recordId.isEmpty());
        auto s = session(QStringLiteral("metadata"));
        QVERIFY(s);
        auto *metadata =
            static_cast<ui::MetadataPage *>(s->window()->page(QStringLiteral("aspects")));
        metadata->showRecord(recordId);
        metadata->history()->start(recordId);
        QStandardItemModel *history = metadata->history()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!metadata->history()->isRunning() && history->rowCount() == 1,
                                 10000);
        QCOMPARE(history->index(0, ui::MetadataHistory::ValidToColumn).data().toString(),
                 QStringLiteral("current"));
        metadata->revokeRecord(recordId);
        QTRY_VERIFY_WITH_TIMEOUT(
            history->rowCount() == 1 &&
                history->index(0, ui::MetadataHistory::ValidToColumn).data().toString() !=
                    QLatin1String("current"),
            10000);
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestLiveLists)
#include "tst_livelists.moc"
