// The Connections dialog's CA file field, offscreen, against a real sandbox behind a real nginx
// ingress with a throwaway CA: typed or chosen with "Browse…", checked on Save and on Test (a
// missing file or one without a PEM certificate is said next to the field and nothing is lost),
// saved with the context, used by "Test connection", given to the connection in use, and the
// hint to set it when a test meets a certificate the system does not trust.
#include "api/connection.h"
#include "auth/authsession.h"
#include "auth/contextstore.h"
#include "auth/tokenstore.h"
#include "cafilefield.h"
#include "connectiondialog.h"
#include "sandboxprocess.h"
#include "tlsingress.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ivcap;

namespace {
template <typename W> W *named(QWidget *parent, const QString &accessibleName)
{
    for (W *w : parent->findChildren<W *>()) {
        if (w->accessibleName() == accessibleName)
            return w;
    }
    return nullptr;
}
} // namespace

class TestCaFileDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void editValidateSaveAndTest();
    void savingTheContextInUseGivesItsConnectionTheCaFile();

private:
    QString writeFile(const QString &name, const QByteArray &content);

    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<TlsIngress> m_ingress;
    QTemporaryDir m_dir;
};

void TestCaFileDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<ivcap::Context>();
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_ingress = std::make_unique<TlsIngress>(m_sandbox->url());
    QVERIFY2(m_ingress->start(), qPrintable(m_ingress->errorString()));
}

void TestCaFileDialog::init()
{
    qunsetenv("SSL_CERT_FILE");
    qunsetenv("SSL_CERT_DIR");
    qunsetenv("CURL_CA_BUNDLE");
}

QString TestCaFileDialog::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

void TestCaFileDialog::editValidateSaveAndTest()
{
    QSettings settings(m_dir.filePath(QStringLiteral("dialog.ini")), QSettings::IniFormat);
    ContextStore store(&settings);
    Connection connection;
    TokenStore tokens;
    AuthTokens token;
    token.accessToken = m_sandbox->token();
    tokens.store(QStringLiteral("tls"), token);
    AuthSession session(&connection, &tokens);
    ui::ConnectionDialog dialog(&store, &session);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    named<QLineEdit>(&dialog, QStringLiteral("Context name"))->setText(QStringLiteral("tls"));
    named<QLineEdit>(&dialog, QStringLiteral("Deployment URL"))
        ->setText(m_ingress->url().toString());
    // Pinned, so the test is about the CA file, not about API detection.
    auto *pin = named<QComboBox>(&dialog, QStringLiteral("API version to speak"));
    QVERIFY(pin);
    pin->setCurrentIndex(pin->findData(QStringLiteral("0.28")));

    auto *caFile = named<QLineEdit>(&dialog, QStringLiteral("CA file"));
    auto *browse = named<QPushButton>(&dialog, QStringLiteral("Browse for a CA file"));
    auto *problem = named<QLabel>(&dialog, QStringLiteral("CA file problem"));
    QVERIFY(caFile && browse && problem);
    QVERIFY(caFile->isEnabled() && (caFile->focusPolicy() & Qt::TabFocus));
    QVERIFY((browse->focusPolicy() & Qt::TabFocus) != 0);
    QVERIFY(problem->isHidden());

    // The row's mnemonic (Alt+F) reaches the field.
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClick(&dialog, Qt::Key_F, Qt::AltModifier);
    QTRY_VERIFY(caFile->hasFocus());

    // A file that does not exist: not saved, said next to the field, the form kept.
    const QString missing = m_dir.filePath(QStringLiteral("no-such-ca.pem"));
    QTest::keyClicks(caFile, missing);
    QPushButton *save = named<QPushButton>(&dialog, QStringLiteral("Save"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!store.contains(QStringLiteral("tls")));
    QVERIFY(!problem->isHidden());
    QVERIFY2(problem->text().contains(QLatin1String("does not exist")),
             qPrintable(problem->text()));
    QCOMPARE(caFile->text(), missing);
    QCOMPARE(named<QLineEdit>(&dialog, QStringLiteral("Context name"))->text(),
             QStringLiteral("tls"));
    QVERIFY(dialog.statusText().contains(QLatin1String("not saved")));
    // Typing again clears the stale message.
    QTest::keyClick(caFile, Qt::Key_Backspace);
    QVERIFY(problem->isHidden());

    // Test connection checks it too, before anything is sent.
    QSignalSpy tested(&dialog, &ui::ConnectionDialog::testFinished);
    dialog.testConnection();
    QCOMPARE(tested.size(), 1);
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY(!problem->isHidden());
    QVERIFY2(dialog.statusText().contains(QLatin1String("Not tested")),
             qPrintable(dialog.statusText()));

    // A file without a PEM certificate (here a private key would do as well as notes).
    const QString notes = writeFile(QStringLiteral("notes.txt"), "ask the admins for the CA\n");
    QVERIFY(!notes.isEmpty());
    caFile->setText(notes);
    QVERIFY(!dialog.saveEdited());
    QVERIFY2(problem->text().contains(QLatin1String("no PEM certificate")),
             qPrintable(problem->text()));
    QVERIFY(!store.contains(QStringLiteral("tls")));

    // "Browse…" opens a file chooser; choosing the fixture's CA fills the field.
    QTest::mouseClick(browse, Qt::LeftButton);
    QFileDialog *chooser = dialog.caFileField()->fileDialog();
    QVERIFY(chooser);
    QTRY_VERIFY(chooser->isVisible());
    chooser->selectFile(m_ingress->caFile());
    static_cast<QDialog *>(chooser)->accept(); // QFileDialog::accept, through QDialog
    QCOMPARE(caFile->text(), m_ingress->caFile());
    QVERIFY(problem->isHidden());

    QVERIFY(dialog.saveEdited());
    QCOMPARE(store.find(QStringLiteral("tls"))->caFile, m_ingress->caFile());

    // The test goes through the ingress, trusting the context's CA.
    dialog.testConnection();
    QVERIFY(tested.wait(30000));
    QVERIFY2(tested.last().at(0).toBool(), qPrintable(dialog.statusText()));

    // Another dialog shows the saved CA file.
    {
        ui::ConnectionDialog again(&store, &session);
        again.selectContext(QStringLiteral("tls"));
        QCOMPARE(named<QLineEdit>(&again, QStringLiteral("CA file"))->text(), m_ingress->caFile());
    }

    // Cleared, the context is saved without one.
    caFile->clear();
    QVERIFY(dialog.saveEdited());
    QCOMPARE(store.find(QStringLiteral("tls"))->caFile, QString());

    // Without it the certificate is refused, and the dialog says where to set the CA.
    dialog.testConnection();
    QVERIFY(tested.wait(30000));
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY2(dialog.statusText().contains(QLatin1String("unknown certificate authority")),
             qPrintable(dialog.statusText()));
    QVERIFY2(dialog.statusText().contains(ui::ConnectionDialog::certificateHint()),
             qPrintable(dialog.statusText()));
}

void TestCaFileDialog::savingTheContextInUseGivesItsConnectionTheCaFile()
{
    QSettings settings(m_dir.filePath(QStringLiteral("in-use.ini")), QSettings::IniFormat);
    ContextStore store(&settings);
    Context context;
    context.name = QStringLiteral("in-use");
    context.url = m_ingress->url();
    context.apiVersion = QStringLiteral("0.28");
    store.save(context);
    store.setActiveName(context.name);
    Connection connection;
    TokenStore tokens;
    AuthSession session(&connection, &tokens);
    session.activate(context, {});
    QVERIFY(connection.caFile().isEmpty());

    ui::ConnectionDialog dialog(&store, &session);
    dialog.show();
    QCOMPARE(dialog.selectedName(), context.name);
    named<QLineEdit>(&dialog, QStringLiteral("CA file"))->setText(m_ingress->caFile());
    QVERIFY(dialog.saveEdited());
    QCOMPARE(connection.caFile(), m_ingress->caFile());

    // "Use this context" hands the CA file on with the context.
    QSignalSpy activated(&dialog, &ui::ConnectionDialog::contextActivated);
    dialog.activateSelected();
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(0).value<Context>().caFile, m_ingress->caFile());
}

QTEST_MAIN(TestCaFileDialog)
#include "tst_cafiledialog.moc"
