// The first start as a user meets it: on a fresh profile every choice on the welcome leads to
// the main window, and the application quits only when the user closes that window. Each case
// runs the real event loop (QApplication::exec), because quitting on the last closed window
// only happens there.
#include "connectiondialog.h"
#include "desktopsession.h"
#include "dialecttest.h"
#include "mainwindow.h"
#include "sandboxprocess.h"
#include "startupflow.h"
#include "uploadoptionsdialog.h"
#include "welcomedialog.h"

#include <QApplication>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace ivcap;

class TestStartupFlow : public QObject
{
    Q_OBJECT
public:
    explicit TestStartupFlow(const QString &api) : m_sandbox({}, api) {}

private:
    // The deployment the user connects to by URL; "Try the sandbox" starts the app's own.
    SandboxProcess m_sandbox;

    struct Outcome
    {
        int exitCode = -1;
        bool windowWasShown = false;
        bool connectionsShown = false;
    };

    // Starts the flow with the welcome, lets `choose` act on it once the loop runs, and closes
    // the main window as soon as it is shown. A deadline ends a run that never gets there.
    static Outcome run(const std::function<void(ui::WelcomeDialog *)> &choose,
                       app::DesktopSession::Options options = {})
    {
        Outcome outcome;
        app::StartupFlow flow(options, true);
        if (!flow.start() || !flow.welcome())
            return outcome;
        QPointer<ui::WelcomeDialog> welcome = flow.welcome();
        QTimer::singleShot(0, &flow, [welcome, choose] {
            if (welcome)
                choose(welcome);
        });
        QObject::connect(&flow, &app::StartupFlow::windowShown, &flow, [&flow, &outcome] {
            QTimer::singleShot(0, &flow, [&flow, &outcome] {
                ui::MainWindow *window = flow.session()->window();
                outcome.windowWasShown = window->isVisible();
                auto *connections = window->findChild<ui::ConnectionDialog *>();
                outcome.connectionsShown = connections && connections->isVisible();
                if (connections)
                    connections->close();
                // The user closes the window: that, and only that, ends the application.
                window->close();
            });
        });
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, [] { QApplication::exit(99); });
        deadline.start(60000);
        outcome.exitCode = QApplication::exec();
        return outcome;
    }

    template <typename T> static T *child(QWidget *parent, const char *name)
    {
        auto *widget = parent->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString())); }

    void trySandboxLeadsToTheMainWindow()
    {
        const Outcome outcome = run([](ui::WelcomeDialog *welcome) {
            QTest::mouseClick(child<QCommandLinkButton>(welcome, "sandboxButton"), Qt::LeftButton);
        });
        QVERIFY2(outcome.windowWasShown, "the application ended before its main window existed");
        QCOMPARE(outcome.exitCode, 0);
    }

    void importLeadsToTheMainWindowWithTheConnections()
    {
        const Outcome outcome = run([](ui::WelcomeDialog *welcome) {
            QTest::mouseClick(child<QCommandLinkButton>(welcome, "importButton"), Qt::LeftButton);
        });
        QVERIFY2(outcome.windowWasShown, "the application ended before its main window existed");
        QVERIFY(outcome.connectionsShown);
        QCOMPARE(outcome.exitCode, 0);
    }

    void closingTheWelcomeLeadsToTheMainWindow()
    {
        const Outcome outcome = run([](ui::WelcomeDialog *welcome) {
            auto *box = welcome->findChild<QDialogButtonBox *>();
            QVERIFY(box);
            QTest::mouseClick(box->button(QDialogButtonBox::Close), Qt::LeftButton);
        });
        QVERIFY2(outcome.windowWasShown, "the application ended before its main window existed");
        QCOMPARE(outcome.exitCode, 0);
    }

    void connectingLeadsToTheMainWindow()
    {
        const QString url = m_sandbox.url().toString();
        const QString token = m_sandbox.token();
        const Outcome outcome = run([url, token](ui::WelcomeDialog *welcome) {
            QTest::keyClicks(child<QLineEdit>(welcome, "urlEdit"), url);
            QTest::keyClicks(child<QLineEdit>(welcome, "tokenEdit"), token);
            QTest::mouseClick(child<QPushButton>(welcome, "connectButton"), Qt::LeftButton);
        });
        QVERIFY2(outcome.windowWasShown, "the application ended before its main window existed");
        QCOMPARE(outcome.exitCode, 0);
    }

    void aHandOverRaisesTheWindowAndOffersTheFiles()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("handed.txt"));
        QFile(file).open(QIODevice::WriteOnly);
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = m_sandbox.token();
        app::StartupFlow flow(options, false);
        QSignalSpy shown(&flow, &app::StartupFlow::windowShown);
        QVERIFY(flow.start());
        // Handed over before the window exists: kept until it does.
        flow.handOver({file}, QStringLiteral("orders"));
        QTRY_COMPARE(shown.count(), 1);
        ui::MainWindow *window = flow.session()->window();
        QCOMPARE(window->currentPageKey(), QStringLiteral("orders"));
        auto *offer = window->findChild<ui::UploadOptionsDialog *>();
        QVERIFY(offer);
        QCOMPARE(offer->files(), QStringList{file});
        offer->reject();

        // And once it does, at once.
        flow.handOver({file}, QStringLiteral("artifacts"));
        QCOMPARE(window->currentPageKey(), QStringLiteral("artifacts"));
        QTRY_VERIFY(window->findChild<ui::UploadOptionsDialog *>());
    }
};

int main(int argc, char *argv[])
{
    // A fresh profile: settings, the sandbox's data and the CLI's (absent) config of its own.
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    qputenv("XDG_STATE_HOME", (home.path() + QStringLiteral("/state")).toLocal8Bit());
    QApplication app(argc, argv);
    int status = 0;
    for (const QString &api : sandboxDialects()) {
        TestStartupFlow test(api);
        status |= QTest::qExec(&test, argc, argv);
    }
    return status;
}

#include "tst_startupflow.moc"
