// The connection dialog against a real sandbox, offscreen: add, edit, test, sign in with the
// device flow, switch, import from the CLI, sign out, remove; and a context switch reloading
// every model of a running session.
#include "api/connection.h"
#include "auth/authsession.h"
#include "auth/contextstore.h"
#include "auth/tokenstore.h"
#include "connectiondialog.h"
#include "desktopsession.h"
#include "devicesigninwidget.h"
#include "models/entitylistmodel.h"
#include "sandboxprocess.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

namespace {
QLineEdit *edit(QWidget *dialog, const QString &accessibleName)
{
    for (QLineEdit *e : dialog->findChildren<QLineEdit *>()) {
        if (e->accessibleName() == accessibleName)
            return e;
    }
    return nullptr;
}

QPushButton *button(QWidget *dialog, const QString &accessibleName)
{
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->accessibleName() == accessibleName)
            return b;
    }
    return nullptr;
}
} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<ivcap::Context>();
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    }

    void manageTestSignInSwitch()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("dialog.ini")), QSettings::IniFormat);
        ContextStore store(&settings);
        Connection connection;
        TokenStore tokens;
        AuthSession session(&connection, &tokens);
        ui::ConnectionDialog dialog(&store, &session);
        dialog.show();
        QVERIFY(!tokens.isPersistent());
        QVERIFY(dialog.findChild<QLabel *>() != nullptr);

        // Plain http beyond this machine needs the user's explicit yes.
        edit(&dialog, QStringLiteral("Context name"))->setText(QStringLiteral("remote"));
        edit(&dialog, QStringLiteral("Deployment URL"))
            ->setText(QStringLiteral("http://api.example.org"));
        QPushButton *save = button(&dialog, QStringLiteral("Save"));
        QVERIFY(!save->isEnabled());
        auto *allow = dialog.findChild<QCheckBox *>();
        QVERIFY(allow->isVisible());
        allow->setChecked(true);
        QVERIFY(save->isEnabled());
        edit(&dialog, QStringLiteral("Deployment URL"))
            ->setText(QStringLiteral("https://api.example.org"));
        QVERIFY(!allow->isVisible());
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(store.contains(QStringLiteral("remote")));

        // Loopback http is fine; editing the name renames the context.
        edit(&dialog, QStringLiteral("Context name"))->setText(QStringLiteral("sbx"));
        edit(&dialog, QStringLiteral("Deployment URL"))->setText(m_sandbox.url().toString());
        QVERIFY(save->isEnabled());
        QVERIFY(dialog.saveEdited());
        QVERIFY(!store.contains(QStringLiteral("remote")));
        QCOMPARE(dialog.selectedName(), QStringLiteral("sbx"));

        // Without a token the deployment answers but refuses the list.
        QSignalSpy tested(&dialog, &ui::ConnectionDialog::testFinished);
        dialog.testConnection();
        QVERIFY(tested.wait(20000));
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("credentials")),
                 qPrintable(dialog.statusText()));
        QCOMPARE(dialog.identityText(), QStringLiteral("Not signed in."));

        // Device flow: URL, code and QR code are shown; then who is signed in and until when.
        QSignalSpy signedIn(&dialog, &ui::ConnectionDialog::signedIn);
        dialog.signIn();
        QVERIFY(dialog.signInWidget());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.signInWidget()->userCode().isEmpty(), 10000);
        QVERIFY(dialog.signInWidget()->hasQrCode());
        QVERIFY(signedIn.wait(20000));
        QVERIFY2(dialog.identityText().contains(QStringLiteral("Sandbox User")),
                 qPrintable(dialog.identityText()));
        QVERIFY(dialog.identityText().contains(QStringLiteral("expires")));
        QCOMPARE(store.find(QStringLiteral("sbx"))->accountId,
                 QStringLiteral("urn:ivcap:account:4c65b865-df6a-4977-982a-f96b19c1fda0"));

        dialog.testConnection();
        QVERIFY(tested.wait(20000));
        QVERIFY2(tested.last().at(0).toBool(), qPrintable(dialog.statusText()));

        QSignalSpy activated(&dialog, &ui::ConnectionDialog::contextActivated);
        dialog.activateSelected();
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(0).value<Context>().name, QStringLiteral("sbx"));
        QVERIFY(!activated.first().at(1).value<AuthTokens>().accessToken.isEmpty());
        QCOMPARE(store.activeName(), QStringLiteral("sbx"));

        dialog.signOut();
        QCOMPARE(dialog.identityText(), QStringLiteral("Not signed in."));

        dialog.removeSelected();
        QVERIFY(!store.contains(QStringLiteral("sbx")));
    }

    // The API version of each deployment: detected by "Test connection" (in the dialect the
    // deployment speaks, whichever it is), or by the connection in use, or pinned by the
    // context through the dialog.
    void showsTheApiVersionDetectedOrPinned_data()
    {
        QTest::addColumn<QString>("api");
        QTest::newRow("0.48") << QStringLiteral("0.48");
        QTest::newRow("0.28") << QStringLiteral("0.28");
    }

    void showsTheApiVersionDetectedOrPinned()
    {
        QFETCH(QString, api);
        SandboxProcess sandbox({}, api);
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
        QSettings settings(m_dir.filePath(QStringLiteral("api-%1.ini").arg(api)),
                           QSettings::IniFormat);
        ContextStore store(&settings);
        Context context;
        context.name = QStringLiteral("d");
        context.url = sandbox.url();
        store.save(context);
        Connection connection;
        TokenStore tokens;
        AuthTokens token;
        token.accessToken = sandbox.token();
        tokens.store(context.name, token);
        AuthSession session(&connection, &tokens);
        {
            ui::ConnectionDialog dialog(&store, &session);
            dialog.show();
            dialog.selectContext(context.name);
            auto *pin = dialog.findChild<QComboBox *>();
            QVERIFY(pin);
            QCOMPARE(pin->accessibleName(), QStringLiteral("API version to speak"));
            QCOMPARE(pin->currentData().toString(), QString()); // detect
            QVERIFY2(dialog.apiVersionText().contains(QStringLiteral("Test connection")),
                     qPrintable(dialog.apiVersionText()));

            QSignalSpy tested(&dialog, &ui::ConnectionDialog::testFinished);
            dialog.testConnection();
            QVERIFY(tested.wait(20000));
            QVERIFY2(tested.last().at(0).toBool(), qPrintable(dialog.statusText()));
            QCOMPARE(dialog.apiVersionText(), QStringLiteral("IVCAP API %1, detected.").arg(api));

            // Pinned: said so, and saved with the context.
            pin->setCurrentIndex(pin->findData(QStringLiteral("0.28")));
            QCOMPARE(dialog.apiVersionText(),
                     QStringLiteral("IVCAP API 0.28, pinned by this context."));
            QVERIFY(dialog.saveEdited());
            QCOMPARE(store.find(context.name)->apiVersion, QStringLiteral("0.28"));
            // Back to detecting: the pin goes.
            pin->setCurrentIndex(0);
            QVERIFY(dialog.saveEdited());
            QCOMPARE(store.find(context.name)->apiVersion, QString());
        }
        // A pin the dialog does not list is kept and shown.
        context.apiVersion = QStringLiteral("0.44");
        store.save(context);
        {
            ui::ConnectionDialog dialog(&store, &session);
            dialog.selectContext(context.name);
            QCOMPARE(dialog.findChild<QComboBox *>()->currentData().toString(),
                     QStringLiteral("0.44"));
            QCOMPARE(dialog.apiVersionText(),
                     QStringLiteral("IVCAP API 0.44, pinned by this context."));
            QCOMPARE(dialog.editedContext().apiVersion, QStringLiteral("0.44"));
        }
        // The context in use: what its connection detected, without a test.
        context.apiVersion.clear();
        store.save(context);
        session.activate(context, token);
        ui::ConnectionDialog dialog(&store, &session);
        dialog.selectContext(context.name);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.apiVersionText(),
                                  QStringLiteral("IVCAP API %1, detected.").arg(api), 20000);
    }

    void importsFromTheCli()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("import.ini")), QSettings::IniFormat);
        ContextStore store(&settings);
        Connection connection;
        TokenStore tokens;
        AuthSession session(&connection, &tokens);
        ui::ConnectionDialog dialog(&store, &session);
        dialog.setCliConfigPath(m_dir.filePath(QStringLiteral("missing.yaml")));
        dialog.importFromCli();
        QVERIFY(dialog.statusText().contains(QStringLiteral("missing.yaml")));

        const QString path = m_dir.filePath(QStringLiteral("config.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "version: v1\nactive-context: b\ncontexts:\n- name: a\n  url: https://a.example\n"
            "- name: b\n  url: " +
            m_sandbox.url().toString().toUtf8() +
            "\n  access-token: " + m_sandbox.token().toUtf8() + "\n");
        file.close();
        dialog.setCliConfigPath(path);
        dialog.importFromCli();
        QCOMPARE(store.contexts().size(), 2);
        QCOMPARE(dialog.selectedName(), QStringLiteral("b"));
        QVERIFY(store.find(QStringLiteral("b"))->fromCli);
        QSignalSpy activated(&dialog, &ui::ConnectionDialog::contextActivated);
        dialog.activateSelected();
        QCOMPARE(activated.first().at(1).value<AuthTokens>().accessToken, m_sandbox.token());
    }

    // Switching context points the connection elsewhere and reloads every model.
    void contextSwitchReloadsModels()
    {
        SandboxProcess other;
        QVERIFY2(other.start(), qPrintable(other.errorString()));
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = m_sandbox.token();
        app::DesktopSession session(options);
        QVERIFY(session.start());
        QList<EntityListModel *> models;
        // A model without a connection is one the deployment has nothing for (jobs on v0.28).
        for (EntityListModel *m : session.findChildren<EntityListModel *>())
            if (m->connection())
                models.append(m);
        QVERIFY(models.size() >= 4);
        QList<std::shared_ptr<QSignalSpy>> loading;
        for (EntityListModel *m : models)
            loading.append(std::make_shared<QSignalSpy>(m, &EntityListModel::loadingChanged));
        Context context;
        context.name = QStringLiteral("other");
        context.url = other.url();
        AuthTokens tokens;
        tokens.accessToken = other.token();
        for (auto &spy : loading)
            spy->clear();
        session.switchContext(context, tokens);
        QCOMPARE(session.connection()->baseUrl(), other.url());
        for (auto &spy : loading)
            QTRY_VERIFY_WITH_TIMEOUT(!spy->isEmpty(), 10000);
        for (EntityListModel *m : models)
            QTRY_VERIFY_WITH_TIMEOUT(!m->isLoading(), 20000);
        for (EntityListModel *m : models)
            QVERIFY2(!m->lastError().isError(), qPrintable(m->lastError().toString()));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
