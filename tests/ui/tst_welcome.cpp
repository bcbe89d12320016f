// The welcome shown to a first start without a deployment: each way in is reported once, the
// connect button waits for a usable address and a token, and the choice and "Don't show again"
// survive in the settings while the token never reaches them.
#include "welcomedialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLinkButton>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ivcap::ui::WelcomeDialog;

class TestWelcome : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

    template <typename T> static T *child(WelcomeDialog &dialog, const char *name)
    {
        auto *widget = dialog.findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat);
    }

    void firstStartShowsTheWelcomeWithNothingRemembered()
    {
        QVERIFY(WelcomeDialog::shouldShow(*m_settings));
        QCOMPARE(WelcomeDialog::rememberedChoice(*m_settings), WelcomeDialog::Choice::None);
        WelcomeDialog dialog(m_settings.get());
        QVERIFY(!child<QCheckBox>(dialog, "dontShowAgain")->isChecked());
    }

    void sandboxChoiceIsReportedOnceAndRemembered()
    {
        WelcomeDialog dialog(m_settings.get());
        QSignalSpy sandbox(&dialog, &WelcomeDialog::sandboxChosen);
        QSignalSpy connectSpy(&dialog, &WelcomeDialog::connectChosen);
        QSignalSpy import(&dialog, &WelcomeDialog::importChosen);
        dialog.show();
        QTest::mouseClick(child<QCommandLinkButton>(dialog, "sandboxButton"), Qt::LeftButton);
        QCOMPARE(sandbox.count(), 1);
        QCOMPARE(connectSpy.count(), 0);
        QCOMPARE(import.count(), 0);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        QCOMPARE(WelcomeDialog::rememberedChoice(*m_settings), WelcomeDialog::Choice::Sandbox);
        QVERIFY(WelcomeDialog::shouldShow(*m_settings));
    }

    void importChoiceIsReported()
    {
        WelcomeDialog dialog(m_settings.get());
        QSignalSpy import(&dialog, &WelcomeDialog::importChosen);
        QTest::mouseClick(child<QCommandLinkButton>(dialog, "importButton"), Qt::LeftButton);
        QCOMPARE(import.count(), 1);
        QCOMPARE(dialog.choice(), WelcomeDialog::Choice::Import);
        QCOMPARE(WelcomeDialog::rememberedChoice(*m_settings), WelcomeDialog::Choice::Import);
    }

    void connectWaitsForAnAddressAndAToken_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("nothing") << QString() << QString() << false;
        QTest::newRow("address only") << "https://ivcap.example.org" << QString() << false;
        QTest::newRow("token only") << QString() << "secret" << false;
        QTest::newRow("blank token") << "https://ivcap.example.org"
                                     << "   " << false;
        QTest::newRow("not a web address") << "ftp://ivcap.example.org"
                                           << "secret" << false;
        QTest::newRow("no host") << "https://"
                                 << "secret" << false;
        QTest::newRow("both") << "https://ivcap.example.org"
                              << "secret" << true;
        QTest::newRow("host name only") << "ivcap.example.org"
                                        << "secret" << true;
        QTest::newRow("loopback http") << "http://127.0.0.1:8088"
                                       << "secret" << true;
    }

    void connectWaitsForAnAddressAndAToken()
    {
        QFETCH(QString, address);
        QFETCH(QString, token);
        QFETCH(bool, enabled);
        WelcomeDialog dialog(m_settings.get());
        QTest::keyClicks(child<QLineEdit>(dialog, "urlEdit"), address);
        QTest::keyClicks(child<QLineEdit>(dialog, "tokenEdit"), token);
        QCOMPARE(child<QPushButton>(dialog, "connectButton")->isEnabled(), enabled);
    }

    void connectReportsTheAddressAndTokenButStoresNoToken()
    {
        WelcomeDialog dialog(m_settings.get());
        QSignalSpy connectSpy(&dialog, &WelcomeDialog::connectChosen);
        QTest::keyClicks(child<QLineEdit>(dialog, "urlEdit"),
                         QStringLiteral(" ivcap.example.org "));
        QTest::keyClicks(child<QLineEdit>(dialog, "tokenEdit"), QStringLiteral("s3cret-token "));
        QTest::mouseClick(child<QPushButton>(dialog, "connectButton"), Qt::LeftButton);
        QCOMPARE(connectSpy.count(), 1);
        QCOMPARE(connectSpy.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://ivcap.example.org")));
        QCOMPARE(connectSpy.at(0).at(1).toString(), QStringLiteral("s3cret-token"));
        QCOMPARE(WelcomeDialog::rememberedChoice(*m_settings), WelcomeDialog::Choice::Connect);

        m_settings->sync();
        QFile file(m_settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("s3cret"));
    }

    void enterInTheTokenFieldConnects()
    {
        WelcomeDialog dialog(m_settings.get());
        QSignalSpy connectSpy(&dialog, &WelcomeDialog::connectChosen);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(dialog, "urlEdit"), QStringLiteral("ivcap.example.org"));
        auto *token = child<QLineEdit>(dialog, "tokenEdit");
        token->setFocus();
        QTest::keyClicks(token, QStringLiteral("secret"));
        QTest::keyClick(token, Qt::Key_Return);
        QCOMPARE(connectSpy.count(), 1);
    }

    void dontShowAgainIsKeptEvenWhenClosedWithoutAChoice()
    {
        {
            WelcomeDialog dialog(m_settings.get());
            child<QCheckBox>(dialog, "dontShowAgain")->setChecked(true);
            dialog.reject();
            QCOMPARE(dialog.choice(), WelcomeDialog::Choice::None);
        }
        QVERIFY(!WelcomeDialog::shouldShow(*m_settings));
        QCOMPARE(WelcomeDialog::rememberedChoice(*m_settings), WelcomeDialog::Choice::None);

        // A later welcome (opened on purpose) shows the saved state and can undo it.
        WelcomeDialog again(m_settings.get());
        auto *box = child<QCheckBox>(again, "dontShowAgain");
        QVERIFY(box->isChecked());
        box->setChecked(false);
        QTest::mouseClick(child<QCommandLinkButton>(again, "sandboxButton"), Qt::LeftButton);
        QVERIFY(WelcomeDialog::shouldShow(*m_settings));
    }

    void anUnknownSavedChoiceReadsAsNone()
    {
        m_settings->setValue(QStringLiteral("welcome/choice"), QStringLiteral("Teleport"));
        QCOMPARE(WelcomeDialog::rememberedChoice(*m_settings), WelcomeDialog::Choice::None);
    }

    void everyControlHasAnAccessibleName()
    {
        WelcomeDialog dialog(m_settings.get());
        const QList<QWidget *> controls = {
            child<QCommandLinkButton>(dialog, "sandboxButton"),
            child<QCommandLinkButton>(dialog, "importButton"),
            child<QLineEdit>(dialog, "urlEdit"),
            child<QLineEdit>(dialog, "tokenEdit"),
            child<QPushButton>(dialog, "connectButton"),
            child<QCheckBox>(dialog, "dontShowAgain"),
        };
        for (QWidget *control : controls)
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
    }
};

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
