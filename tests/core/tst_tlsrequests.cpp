// The requests that go around ApiRequest, on the one HTTP stack through a real TLS + HTTP/2
// ingress whose CA is not in the system store: API detection, the device flow and token
// refresh (trusting the connection's CA file), a job request and its event stream (trusting
// SSL_CERT_FILE). Qt's own transport trusts neither, so each of these needs libcurl.
#include "api/apicalls.h"
#include "api/apierror.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "api/jobsubmission.h"
#include "auth/deviceauthflow.h"
#include "auth/tokenrefresher.h"
#include "democatalogue.h"
#include "models/jobdetails.h"
#include "sandboxprocess.h"
#include "tlsingress.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ivcap;

class TestTlsRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void detectionTrustsSslCertFile();
    void detectionTrustsTheConnectionsCaFile();
    void signInAndRefreshTrustTheConnectionsCaFile();
    void jobIsRequestedAndFollowedThroughTheIngress();

private:
    // The demo service that answers a job, and its example request.
    static QPair<QString, QJsonObject> demoService();
    // A connection to the ingress with the sandbox's token.
    std::unique_ptr<Connection> connectToIngress() const;

    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<TlsIngress> m_ingress;
};

void TestTlsRequests::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(
        QStringList{QStringLiteral("--idp-approve-after"), QStringLiteral("1")},
        QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_ingress = std::make_unique<TlsIngress>(m_sandbox->url());
    QVERIFY2(m_ingress->start(), qPrintable(m_ingress->errorString()));
}

void TestTlsRequests::init()
{
    // Each case says what it trusts; nothing from the caller's environment leaks in.
    qunsetenv("SSL_CERT_FILE");
    qunsetenv("SSL_CERT_DIR");
    qunsetenv("CURL_CA_BUNDLE");
}

QPair<QString, QJsonObject> TestTlsRequests::demoService()
{
    return test::demoService048(IVCAP_CATALOGUE_048);
}

std::unique_ptr<Connection> TestTlsRequests::connectToIngress() const
{
    return std::make_unique<Connection>(m_ingress->url(), m_sandbox->token());
}

void TestTlsRequests::detectionTrustsSslCertFile()
{
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    auto c = connectToIngress();
    QSignalSpy detected(c.get(), &Connection::apiDetectionFinished);
    c->detectApi();
    QVERIFY(detected.wait(20000));
    QVERIFY(c->isDialectKnown());
    QCOMPARE(c->apiVersion(), QStringLiteral("0.48"));
    QVERIFY(c->dialect().hasJobs());
}

void TestTlsRequests::detectionTrustsTheConnectionsCaFile()
{
    auto c = connectToIngress();
    c->setCaFile(m_ingress->caFile());
    QSignalSpy detected(c.get(), &Connection::apiDetectionFinished);
    c->detectApi();
    QVERIFY(detected.wait(20000));
    QVERIFY(c->isDialectKnown());
    QCOMPARE(c->apiVersion(), QStringLiteral("0.48"));
}

void TestTlsRequests::signInAndRefreshTrustTheConnectionsCaFile()
{
    auto c = connectToIngress();
    c->setCaFile(m_ingress->caFile());
    c->setApiVersion(QStringLiteral("0.48"));

    // Discovery through the ingress. The sandbox names its identity provider with the Host it
    // was asked under and plain http; behind the ingress it is reached with https.
    DeviceAuthFlow discovery(c.get());
    discovery.start(m_ingress->url());
    QTRY_VERIFY_WITH_TIMEOUT(discovery.state() != DeviceAuthFlow::State::Discovering, 20000);
    discovery.cancel();
    QVERIFY2(discovery.failure() != DeviceAuthFlow::Failure::Discovery,
             qPrintable(discovery.errorString()));
    AuthProvider provider = discovery.provider();
    QVERIFY(provider.isValid());
    for (QUrl *url : {&provider.tokenUrl, &provider.codeUrl})
        url->setScheme(QStringLiteral("https"));

    // The device code and token POSTs, through TLS.
    DeviceAuthFlow flow(c.get());
    QSignalSpy signedIn(&flow, &DeviceAuthFlow::succeeded);
    QSignalSpy failed(&flow, &DeviceAuthFlow::failed);
    flow.startWithProvider(provider);
    QVERIFY2(signedIn.wait(20000),
             failed.isEmpty() ? "no answer" : qPrintable(failed.first().first().toString()));
    const AuthTokens tokens = flow.tokens();
    QVERIFY(tokens.canRefresh());

    // The refresh grant, through TLS; the new token is accepted through the ingress.
    TokenRefresher refresher(c.get());
    refresher.setProvider(provider);
    refresher.setTokens(tokens);
    QSignalSpy refreshed(&refresher, &TokenRefresher::tokensRefreshed);
    QSignalSpy refreshFailed(&refresher, &TokenRefresher::refreshFailed);
    refresher.refresh();
    QVERIFY2(refreshed.wait(20000), refreshFailed.isEmpty()
                                        ? "no answer"
                                        : qPrintable(refreshFailed.first().first().toString()));
    QVERIFY(c->token() != tokens.accessToken);
    ListQuery query;
    query.limit = 1;
    ApiRequest *list = Api::listServices(c.get(), query, QString(), c.get());
    QSignalSpy listed(list, &ApiRequest::finished);
    QSignalSpy listFailed(list, &ApiRequest::failed);
    list->start();
    QVERIFY2(listed.wait(20000),
             listFailed.isEmpty()
                 ? "no answer"
                 : qPrintable(listFailed.first().first().value<ApiError>().toString()));
}

void TestTlsRequests::jobIsRequestedAndFollowedThroughTheIngress()
{
    qputenv("SSL_CERT_FILE", m_ingress->caFile().toLocal8Bit());
    auto c = connectToIngress();
    c->setApiVersion(QStringLiteral("0.48"));
    const auto [serviceId, request] = demoService();
    QVERIFY(!serviceId.isEmpty());
    JobSubmission submission(c.get(), serviceId, request);
    QSignalSpy accepted(&submission, &JobSubmission::accepted);
    QSignalSpy failed(&submission, &JobSubmission::failed);
    submission.start();
    QVERIFY2(accepted.wait(20000),
             failed.isEmpty() ? "no answer"
                              : qPrintable(failed.first().first().value<ApiError>().toString()));
    const QString jobId = accepted.first().first().toString();

    // Followed by its event stream (HTTP/2 through nginx), not by polling.
    JobDetails job(c.get(), serviceId, jobId);
    QSignalSpy ended(&job, &JobDetails::terminalReached);
    QSignalSpy events(&job, &JobDetails::eventReceived);
    QSignalSpy errors(&job, &EntityDetails::errorOccurred);
    job.follow();
    QVERIFY(ended.wait(30000));
    QCOMPARE(ended.first().first().toString(), QStringLiteral("succeeded"));
    QVERIFY2(errors.isEmpty(),
             errors.isEmpty() ? ""
                              : qPrintable(errors.first().first().value<ApiError>().toString()));
    QVERIFY2(events.size() >= 2, qPrintable(QString::number(events.size())));
    QVERIFY(!job.isPolling());
}

QTEST_GUILESS_MAIN(TestTlsRequests)
#include "tst_tlsrequests.moc"
