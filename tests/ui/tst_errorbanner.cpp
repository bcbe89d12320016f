// The banner's text for a failed request: its message, and details with the HTTP status, the
// IVCAP error and the URL; and, when a list meets a certificate the app does not trust (a real
// sandbox behind a real nginx ingress with a throwaway CA), where to set the deployment's CA file.
#include "api/connection.h"
#include "entitytableview.h"
#include "errorbanner.h"
#include "models/servicelistmodel.h"
#include "sandboxprocess.h"
#include "tlsingress.h"

#include <QLabel>
#include <QTest>

#include <memory>

using namespace ivcap;

class TestErrorBanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detailsNameStatusErrorAndUrl()
    {
        ApiError error;
        error.kind = ApiError::Kind::NotFound;
        error.httpStatus = 404;
        error.goaError = QStringLiteral("not-found");
        error.url = QUrl(QStringLiteral("https://ivcap.example/1/services/x"));
        error.message = QStringLiteral("No such service");
        QCOMPARE(ui::ErrorBanner::detailsOf(error),
                 QStringLiteral("HTTP 404 not-found\nhttps://ivcap.example/1/services/x"));
        ui::ErrorBanner banner;
        banner.showApiError(error);
        QCOMPARE(banner.message(), error.toString());
        QVERIFY(!banner.message().contains(QLatin1String("CA file")));
    }

    void untrustedCertificateSaysWhereToSetTheCaFile()
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
        TlsIngress ingress(sandbox.url());
        QVERIFY2(ingress.start(), qPrintable(ingress.errorString()));
        qunsetenv("SSL_CERT_FILE");
        qunsetenv("SSL_CERT_DIR");
        qunsetenv("CURL_CA_BUNDLE");

        Connection connection(ingress.url(), sandbox.token());
        connection.setApiVersion(QStringLiteral("0.28"));
        ServiceListModel services;
        ui::EntityTableView view(QStringLiteral("Services"));
        view.setModel(&services);
        services.setConnection(&connection);
        ui::ErrorBanner *banner = view.errorBanner();
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 20000);
        QVERIFY2(services.lastError().untrustedCertificate, qPrintable(banner->message()));
        QVERIFY2(banner->message().contains(QLatin1String("CA file in Connections")),
                 qPrintable(banner->message()));
    }
};

QTEST_MAIN(TestErrorBanner)
#include "tst_errorbanner.moc"
