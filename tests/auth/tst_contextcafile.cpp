// A context's CA file (Context::caFile) against a real sandbox behind a real nginx ingress whose
// certificate comes from a throwaway CA that no system store holds: the context that names the
// CA lists services through the ingress, one without it is refused as an unknown issuer, and
// switching between them takes the CA file along. "Test connection" (ConnectionTester) says
// the same and tells when the certificate was the problem.
#include "api/apicalls.h"
#include "api/apierror.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/listquery.h"
#include "auth/authsession.h"
#include "auth/cafile.h"
#include "auth/connectiontester.h"
#include "auth/contextstore.h"
#include "auth/tokenstore.h"
#include "sandboxprocess.h"
#include "tlsingress.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ivcap;

class TestContextCaFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void contextWithCaFileListsThroughIngress();
    void contextWithoutCaFileIsRefused();
    void switchingContextTakesTheCaFileAlong();
    void testerUsesTheCaFile();
    void caFileProblems();

private:
    // The context `name` at the ingress as saved and read back by a ContextStore.
    Context storedContext(const QString &name, const QString &caFile);
    // Lists one page of services over `connection`; the error, or Kind::None and `count`.
    ApiError listServices(Connection *connection, int *count);

    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<TlsIngress> m_ingress;
    QTemporaryDir m_dir;
};

void TestContextCaFile::initTestCase()
{
    qRegisterMetaType<ApiError>();
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_ingress = std::make_unique<TlsIngress>(m_sandbox->url());
    QVERIFY2(m_ingress->start(), qPrintable(m_ingress->errorString()));
}

void TestContextCaFile::init()
{
    // Only the context may bring the CA; nothing from the caller's environment.
    qunsetenv("SSL_CERT_FILE");
    qunsetenv("SSL_CERT_DIR");
    qunsetenv("CURL_CA_BUNDLE");
}

Context TestContextCaFile::storedContext(const QString &name, const QString &caFile)
{
    QSettings settings(m_dir.filePath(QStringLiteral("contexts.ini")), QSettings::IniFormat);
    ContextStore store(&settings);
    Context context;
    context.name = name;
    context.url = m_ingress->url();
    // Pinned, so the test is about the list request alone, not about API detection.
    context.apiVersion = QStringLiteral("0.28");
    context.caFile = caFile;
    store.save(context);
    return store.find(name).value_or(Context());
}

ApiError TestContextCaFile::listServices(Connection *connection, int *count)
{
    ListQuery query;
    query.limit = 5;
    ApiRequest *request = Api::listServices(connection, query, QString(), this);
    request->setMaxAttempts(1);
    QSignalSpy finished(request, &ApiRequest::finished);
    QSignalSpy failed(request, &ApiRequest::failed);
    request->start();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 30000))
        return ApiError::local(QStringLiteral("the list did not finish"));
    if (!failed.isEmpty())
        return failed.first().first().value<ApiError>();
    const QJsonObject page = finished.first().first().toJsonDocument().object();
    *count = int(page.value(QLatin1String("services")).toArray().size());
    return ApiError();
}

void TestContextCaFile::contextWithCaFileListsThroughIngress()
{
    const Context context = storedContext(QStringLiteral("tls"), m_ingress->caFile());
    QCOMPARE(context.caFile, m_ingress->caFile());
    Connection connection;
    TokenStore tokens;
    AuthSession session(&connection, &tokens);
    AuthTokens token;
    token.accessToken = m_sandbox->token();
    session.activate(context, token);
    QCOMPARE(connection.caFile(), m_ingress->caFile());

    int count = 0;
    const ApiError error = listServices(&connection, &count);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QVERIFY(count > 0);
}

void TestContextCaFile::contextWithoutCaFileIsRefused()
{
    const Context context = storedContext(QStringLiteral("tls-untrusted"), QString());
    Connection connection;
    TokenStore tokens;
    AuthSession session(&connection, &tokens);
    AuthTokens token;
    token.accessToken = m_sandbox->token();
    session.activate(context, token);
    QVERIFY(connection.caFile().isEmpty());

    int count = 0;
    const ApiError error = listServices(&connection, &count);
    QCOMPARE(error.kind, ApiError::Kind::Network);
    QVERIFY(error.untrustedCertificate);
    QVERIFY2(error.message.contains(QLatin1String("unknown certificate authority")),
             qPrintable(error.message));
}

void TestContextCaFile::switchingContextTakesTheCaFileAlong()
{
    Connection connection;
    TokenStore tokens;
    AuthSession session(&connection, &tokens);
    AuthTokens token;
    token.accessToken = m_sandbox->token();
    session.activate(storedContext(QStringLiteral("with"), m_ingress->caFile()), token);
    int count = 0;
    ApiError error = listServices(&connection, &count);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));

    // The next context has no CA file: the connection must not keep trusting the old one.
    session.activate(storedContext(QStringLiteral("without"), QString()), token);
    QVERIFY(connection.caFile().isEmpty());
    error = listServices(&connection, &count);
    QVERIFY2(error.untrustedCertificate, qPrintable(error.toString()));

    session.activate(storedContext(QStringLiteral("with"), m_ingress->caFile()), token);
    error = listServices(&connection, &count);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
}

void TestContextCaFile::testerUsesTheCaFile()
{
    Connection connection(m_ingress->url(), m_sandbox->token());
    connection.setApiVersion(QStringLiteral("0.28"));
    {
        ConnectionTester tester(&connection);
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(tester.certificateRejected());
        const QString summary = finished.first().at(1).toString();
        QVERIFY2(summary.contains(QLatin1String("unknown certificate authority")),
                 qPrintable(summary));
    }
    connection.setCaFile(m_ingress->caFile());
    ConnectionTester tester(&connection);
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!tester.certificateRejected());
}

void TestContextCaFile::caFileProblems()
{
    QVERIFY(CaFile::problem(QString()).isEmpty());
    QVERIFY2(CaFile::problem(m_ingress->caFile()).isEmpty(),
             qPrintable(CaFile::problem(m_ingress->caFile())));
    const QString missing = m_dir.filePath(QStringLiteral("missing.pem"));
    QVERIFY2(CaFile::problem(missing).contains(QLatin1String("does not exist")),
             qPrintable(CaFile::problem(missing)));
    QVERIFY(CaFile::problem(m_dir.path()).contains(QLatin1String("folder")));
    const QString text = m_dir.filePath(QStringLiteral("notes.pem"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    file.close();
    QVERIFY2(CaFile::problem(text).contains(QLatin1String("no PEM certificate")),
             qPrintable(CaFile::problem(text)));
    QCOMPARE(CaFile::normalized(QStringLiteral("  ")), QString());
    QCOMPARE(CaFile::normalized(QStringLiteral(" %1 ").arg(text)), text);
}

QTEST_GUILESS_MAIN(TestContextCaFile)
#include "tst_contextcafile.moc"
