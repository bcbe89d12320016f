// The device flow against the sandbox's identity provider (approve, deny, expire, slow_down),
// and token refresh: before expiry, and on a 401 with the failed request sent once more.
#include "api/apicalls.h"
#include "api/apierror.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "auth/deviceauthflow.h"
#include "auth/identity.h"
#include "auth/tokenrefresher.h"
#include "sandboxprocess.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ivcap;

namespace {
std::unique_ptr<SandboxProcess> sandbox(const QStringList &args = {})
{
    auto s = std::make_unique<SandboxProcess>(args);
    if (!s->start()) {
        qWarning("%s", qPrintable(s->errorString()));
        return nullptr;
    }
    return s;
}

// Signs in against `s` and returns the tokens (empty on failure).
AuthTokens signIn(SandboxProcess &s, Connection *connection)
{
    DeviceAuthFlow flow(connection);
    QSignalSpy done(&flow, &DeviceAuthFlow::succeeded);
    flow.start(s.url());
    if (!done.wait(20000))
        return {};
    return flow.tokens();
}

// The sandbox's identity provider, as authinfo.yaml names it.
AuthProvider discover(SandboxProcess &s, Connection *connection)
{
    DeviceAuthFlow discovery(connection);
    QSignalSpy code(&discovery, &DeviceAuthFlow::codeReady);
    discovery.start(s.url());
    if (!code.wait(10000))
        return {};
    discovery.cancel();
    return discovery.provider();
}

ApiRequest *listOneService(Connection *c)
{
    ListQuery q;
    q.limit = 1;
    return Api::listServices(c, q, QString(), c);
}
} // namespace

class TestDeviceFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void approvesAfterPendingPolls()
    {
        auto s = sandbox({QStringLiteral("--idp-approve-after"), QStringLiteral("2")});
        QVERIFY(s);
        DeviceAuthFlow flow(nullptr);
        QSignalSpy code(&flow, &DeviceAuthFlow::codeReady);
        QSignalSpy done(&flow, &DeviceAuthFlow::succeeded);
        QSignalSpy failed(&flow, &DeviceAuthFlow::failed);
        flow.start(s->url());
        QCOMPARE(flow.state(), DeviceAuthFlow::State::Discovering);
        QVERIFY(code.wait(10000));
        QCOMPARE(flow.state(), DeviceAuthFlow::State::WaitingForUser);
        QVERIFY(flow.userCode().startsWith(QStringLiteral("SAND-")));
        QCOMPARE(flow.verificationUrl().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(flow.verificationUrlComplete().toString().contains(flow.userCode()));
        QCOMPARE(flow.provider().clientId, QStringLiteral("ivcap-sandbox"));
        QCOMPARE(flow.intervalMs(), 1000);
        QVERIFY(done.wait(20000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(flow.polls(), 3);
        const AuthTokens tokens = flow.tokens();
        QVERIFY(!tokens.accessToken.isEmpty());
        QVERIFY(tokens.canRefresh());
        QVERIFY(tokens.expiry > QDateTime::currentDateTimeUtc().addSecs(3000));
        const Identity who = Identity::fromIdToken(tokens.idToken);
        QCOMPARE(who.displayName(), QStringLiteral("Sandbox User"));
        QCOMPARE(who.accountId,
                 QStringLiteral("urn:ivcap:account:4c65b865-df6a-4977-982a-f96b19c1fda0"));

        // The issued token is accepted on the API, beside the sandbox's fixed one.
        Connection c(s->url(), tokens.accessToken);
        ApiRequest *list = listOneService(&c);
        QSignalSpy ok(list, &ApiRequest::finished);
        list->start();
        QVERIFY(ok.wait(10000));
    }

    void userDeniesOrCodeExpires_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<DeviceAuthFlow::Failure>("failure");
        QTest::newRow("access_denied")
            << QStringLiteral("--idp-deny") << DeviceAuthFlow::Failure::Denied;
        QTest::newRow("expired_token")
            << QStringLiteral("--idp-expire") << DeviceAuthFlow::Failure::Expired;
    }
    void userDeniesOrCodeExpires()
    {
        QFETCH(QString, option);
        QFETCH(DeviceAuthFlow::Failure, failure);
        auto s = sandbox({option});
        QVERIFY(s);
        DeviceAuthFlow flow(nullptr);
        QSignalSpy failed(&flow, &DeviceAuthFlow::failed);
        QSignalSpy done(&flow, &DeviceAuthFlow::succeeded);
        flow.start(s->url());
        QVERIFY(failed.wait(20000));
        QCOMPARE(flow.failure(), failure);
        QCOMPARE(flow.state(), DeviceAuthFlow::State::Failed);
        QCOMPARE(done.size(), 0);
        QVERIFY(flow.tokens().isEmpty());
    }

    void slowDownAddsFiveSeconds()
    {
        auto s = sandbox({QStringLiteral("--idp-slow-down"), QStringLiteral("1")});
        QVERIFY(s);
        DeviceAuthFlow flow(nullptr);
        QSignalSpy interval(&flow, &DeviceAuthFlow::intervalChanged);
        QSignalSpy done(&flow, &DeviceAuthFlow::succeeded);
        flow.start(s->url());
        QTRY_COMPARE_WITH_TIMEOUT(interval.size(), 2, 10000);
        QCOMPARE(interval.last().at(0).toInt(), 1000 + DeviceAuthFlow::SlowDownStepMs);
        QElapsedTimer waited;
        waited.start();
        QVERIFY(done.wait(20000));
        QVERIFY2(waited.elapsed() >= 5500, qPrintable(QString::number(waited.elapsed())));
        QCOMPARE(flow.polls(), 2);
    }

    void discoveryFailureIsReported()
    {
        DeviceAuthFlow flow(nullptr);
        QSignalSpy failed(&flow, &DeviceAuthFlow::failed);
        flow.start(QUrl(QStringLiteral("http://127.0.0.1:1")));
        QVERIFY(failed.wait(20000));
        QCOMPARE(flow.failure(), DeviceAuthFlow::Failure::Discovery);
    }

    void cancelReportsNothing()
    {
        auto s = sandbox({QStringLiteral("--idp-approve-after"), QStringLiteral("100")});
        QVERIFY(s);
        DeviceAuthFlow flow(nullptr);
        QSignalSpy code(&flow, &DeviceAuthFlow::codeReady);
        QSignalSpy done(&flow, &DeviceAuthFlow::succeeded);
        QSignalSpy failed(&flow, &DeviceAuthFlow::failed);
        flow.start(s->url());
        QVERIFY(code.wait(10000));
        flow.cancel();
        QTest::qWait(1500);
        QCOMPARE(done.size() + failed.size(), 0);
        QCOMPARE(flow.state(), DeviceAuthFlow::State::Idle);
    }

    // A stale token gets a 401; the refresher renews it and the same request is sent once
    // more and succeeds. The caller sees only the success.
    void refreshOn401RetriesTheRequestOnce()
    {
        auto s = sandbox();
        QVERIFY(s);
        Connection c(s->url(), QString());
        const AuthTokens tokens = signIn(*s, &c);
        QVERIFY(tokens.canRefresh());

        const AuthProvider provider = discover(*s, &c);
        QVERIFY(provider.isValid());
        TokenRefresher refresher(&c);
        refresher.setProvider(provider);
        AuthTokens stale = tokens;
        stale.accessToken = QStringLiteral("stale-token");
        stale.expiry = QDateTime(); // no proactive refresh: only the 401 may trigger it
        refresher.setTokens(stale);
        QCOMPARE(c.token(), QStringLiteral("stale-token"));
        QSignalSpy refreshed(&refresher, &TokenRefresher::tokensRefreshed);
        QSignalSpy authRequired(&c, &Connection::authenticationRequired);

        // Two requests fail together and share one refresh.
        ApiRequest *first = listOneService(&c);
        ApiRequest *second = listOneService(&c);
        QSignalSpy firstOk(first, &ApiRequest::finished);
        QSignalSpy secondOk(second, &ApiRequest::finished);
        QSignalSpy firstFailed(first, &ApiRequest::failed);
        first->start();
        second->start();
        QVERIFY(firstOk.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(secondOk.size(), 1, 10000);
        QCOMPARE(firstFailed.size(), 0);
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(authRequired.size(), 0);
        QVERIFY(c.token() != QLatin1String("stale-token"));
        QCOMPARE(c.token(), refresher.tokens().accessToken);
        // The refresh token rotated.
        QVERIFY(refresher.tokens().refreshToken != tokens.refreshToken);
    }

    // A refresh the IdP refuses: the request fails with its 401, once, and the UI is told.
    void refusedRefreshFailsTheRequestOnce()
    {
        auto s = sandbox();
        QVERIFY(s);
        Connection c(s->url(), QString());
        const AuthProvider provider = discover(*s, &c);
        QVERIFY(provider.isValid());
        TokenRefresher refresher(&c);
        refresher.setProvider(provider);
        AuthTokens bogus;
        bogus.accessToken = QStringLiteral("stale-token");
        bogus.refreshToken = QStringLiteral("never-issued");
        refresher.setTokens(bogus);
        QSignalSpy refreshFailed(&refresher, &TokenRefresher::refreshFailed);
        QSignalSpy authRequired(&c, &Connection::authenticationRequired);
        ApiRequest *request = listOneService(&c);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).value<ApiError>().httpStatus, 401);
        QCOMPARE(refreshFailed.size(), 1);
        QVERIFY(refreshFailed.first().at(1).toBool()); // sign in again
        QCOMPARE(authRequired.size(), 1);
    }

    // Short-lived tokens are renewed before the server starts refusing them.
    void refreshesBeforeExpiry()
    {
        auto s = sandbox({QStringLiteral("--idp-token-lifetime"), QStringLiteral("12")});
        QVERIFY(s);
        Connection c(s->url(), QString());
        DeviceAuthFlow flow(&c);
        QSignalSpy done(&flow, &DeviceAuthFlow::succeeded);
        flow.start(s->url());
        QVERIFY(done.wait(20000));
        TokenRefresher refresher(&c);
        refresher.setProvider(flow.provider());
        refresher.setMarginMs(1000);
        QSignalSpy refreshed(&refresher, &TokenRefresher::tokensRefreshed);
        refresher.setTokens(flow.tokens());
        // Expiry is issued lifetime - 10 s, so the renewal is due after about one second.
        QVERIFY(refreshed.wait(10000));
        QVERIFY(refresher.tokens().accessToken != flow.tokens().accessToken);
        QCOMPARE(c.token(), refresher.tokens().accessToken);
    }
};

QTEST_GUILESS_MAIN(TestDeviceFlow)
#include "tst_deviceflow.moc"
