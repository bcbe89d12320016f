// Signing in as a user meets it, against a real sandbox and its device-flow identity provider:
// the QR code is a code (light and dark modules), "Sign in again…" offers the browser as well
// as a pasted token, the views reload afterwards, the sign-in panel goes once it has done its
// work, and a context imported from the CLI says where its tokens go.
#include "api/connection.h"
#include "auth/authsession.h"
#include "auth/contextstore.h"
#include "auth/tokenstore.h"
#include "connectiondialog.h"
#include "desktopsession.h"
#include "devicesigninwidget.h"
#include "dialectwidgetstest.h"
#include "errorbanner.h"
#include "mainwindow.h"
#include "models/entitylistmodel.h"
#include "qrcodeimage.h"
#include "sandboxprocess.h"
#include "signindialog.h"

#include <QApplication>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

namespace {
// Dark and light pixel shares of an image, in percent.
std::pair<int, int> darkAndLight(const QImage &image)
{
    qint64 dark = 0, light = 0;
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *line = gray.constScanLine(y);
        for (int x = 0; x < gray.width(); ++x) {
            if (line[x] < 96)
                ++dark;
            else if (line[x] > 160)
                ++light;
        }
    }
    const qint64 all = qMax<qint64>(1, qint64(gray.width()) * gray.height());
    return {int(dark * 100 / all), int(light * 100 / all)};
}

QLabel *qrLabel(QWidget *parent)
{
    for (QLabel *label : parent->findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("QR code of the verification address"))
            return label;
    }
    return nullptr;
}

// A QR code has plenty of both; a black (or white) square has one only. What the label paints
// is its pixmap (the label itself may be laid out larger).
void verifyIsACode(QLabel *label)
{
    QVERIFY(label);
    QVERIFY(!label->pixmap().isNull());
    const auto [dark, light] = darkAndLight(label->pixmap().toImage());
    QVERIFY2(dark > 15 && light > 15,
             qPrintable(QStringLiteral("dark %1%, light %2%").arg(dark).arg(light)));
}
} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT
public:
    explicit TestSignIn(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;

    static bool allLoaded(app::DesktopSession &session)
    {
        int rows = 0;
        for (EntityListModel *m : session.findChildren<EntityListModel *>()) {
            if (m->isLoading() || m->lastError().isError())
                return false;
            rows += m->rowCount();
        }
        return rows > 0; // the services at least
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void theQrCodeHasLightAndDarkModules()
    {
        QLabel label;
        label.setPixmap(QPixmap::fromImage(ui::QrCodeImage::render(
            QStringLiteral("https://id.example.org/device?code=ABCD-EFGH"))));
        label.adjustSize();
        verifyIsACode(&label);
    }

    void signInAgainOffersTheBrowserAndReloadsTheViews()
    {
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = QStringLiteral("expired-token");
        app::DesktopSession session(options);
        QVERIFY(session.start());
        ui::ErrorBanner *banner = session.window()->errorBanner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);

        Q_EMIT banner->signInRequested(); // the banner's "Sign in again…"
        QPointer<ui::SignInDialog> dialog = session.window()->findChild<ui::SignInDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *browser = dialog->findChild<QPushButton *>(QStringLiteral("browserSignInButton"));
        QVERIFY(browser);
        QTest::mouseClick(browser, Qt::LeftButton);
        QVERIFY(dialog->deviceSignIn());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->deviceSignIn()->userCode().isEmpty(), 10000);
        verifyIsACode(qrLabel(dialog->deviceSignIn()));

        // The sandbox's identity provider approves; every view reads again with the new token.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 30000);
        QVERIFY(session.connection()->token() != QStringLiteral("expired-token"));
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(session), 30000);
        QVERIFY(banner->isHidden());
        // The API was detected without a token, so the expired one did not hide the dialect.
        QCOMPARE(session.connection()->apiVersion(), m_api);
    }

    void aSignInInTheConnectionsReloadsTheViewsAndClosesItsPanel()
    {
        Context context;
        context.name = QStringLiteral("sbx");
        context.url = m_sandbox.url();
        ContextStore().save(context);
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = QStringLiteral("expired-token");
        options.context = context;
        app::DesktopSession session(options);
        QVERIFY(session.start());
        QTRY_VERIFY_WITH_TIMEOUT(session.window()->errorBanner()->isVisible(), 20000);

        session.openConnections();
        auto *dialog = session.window()->findChild<ui::ConnectionDialog *>();
        QVERIFY(dialog);
        dialog->selectContext(QStringLiteral("sbx"));
        QSignalSpy signedIn(dialog, &ui::ConnectionDialog::signedIn);
        dialog->signIn();
        QVERIFY(dialog->signInWidget());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->signInWidget()->userCode().isEmpty(), 10000);
        verifyIsACode(qrLabel(dialog->signInWidget()));
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 30000);
        QVERIFY2(!dialog->signInWidget(), "the sign-in panel stayed after the sign-in");
        QVERIFY(dialog->findChildren<ui::DeviceSignInWidget *>().isEmpty() ||
                !dialog->findChild<ui::DeviceSignInWidget *>()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(session), 30000);
        QVERIFY(session.window()->errorBanner()->isHidden());
    }

    void aContextFromTheCliSaysItsTokensGoBackToTheCli()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("cli.ini")), QSettings::IniFormat);
        ContextStore store(&settings);
        Context cli;
        cli.name = QStringLiteral("from-cli");
        cli.url = m_sandbox.url();
        cli.fromCli = true;
        store.save(cli);
        Context own = cli;
        own.name = QStringLiteral("own");
        own.fromCli = false;
        store.save(own);
        Connection connection;
        TokenStore tokens;
        AuthSession auth(&connection, &tokens);
        ui::ConnectionDialog dialog(&store, &auth);
        dialog.setCliConfigPath(m_dir.filePath(QStringLiteral("config.yaml")));
        const auto texts = [&dialog] {
            QStringList all;
            for (QLabel *label : dialog.findChildren<QLabel *>())
                all.append(label->text());
            return all.join(QLatin1Char('\n'));
        };
        dialog.selectContext(QStringLiteral("from-cli"));
        QVERIFY2(texts().contains(QStringLiteral("written back")), qPrintable(texts()));
        QVERIFY2(texts().contains(QStringLiteral("config.yaml")), qPrintable(texts()));
        QVERIFY(!texts().contains(QStringLiteral("session only")));
        dialog.selectContext(QStringLiteral("own"));
        QVERIFY(!texts().contains(QStringLiteral("written back")));
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestSignIn)
#include "tst_signin.moc"
