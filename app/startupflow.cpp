#include "startupflow.h"

#include "mainwindow.h"
#include "welcomedialog.h"

#include <QApplication>
#include <QTextStream>

namespace ivcap::app {

StartupFlow::StartupFlow(const DesktopSession::Options &options, bool showWelcome, QObject *parent)
    : QObject(parent), m_options(options), m_showWelcome(showWelcome)
{}

StartupFlow::~StartupFlow()
{
    if (m_welcome)
        delete m_welcome;
}

bool StartupFlow::start()
{
    // Nothing the user sees yet may end the process by closing: the welcome, or no window at
    // all while the deployment or the sandbox starts. Re-enabled once the main window is up.
    QGuiApplication::setQuitOnLastWindowClosed(false);
    if (!m_showWelcome)
        return startSession(m_options);

    auto *welcome = new ui::WelcomeDialog;
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    m_welcome = welcome;
    connect(welcome, &ui::WelcomeDialog::sandboxChosen, this, [this] {
        auto chosen = m_options;
        chosen.useSandbox = true;
        startSession(chosen);
    });
    connect(welcome, &ui::WelcomeDialog::connectChosen, this,
            [this](const QUrl &url, const QString &token) {
                auto chosen = m_options;
                chosen.url = url;
                chosen.token = token;
                chosen.useSandbox = false;
                startSession(chosen);
            });
    // The CLI's contexts are imported in the connections dialog; until the user picks one the
    // sandbox lets them look around.
    connect(welcome, &ui::WelcomeDialog::importChosen, this, [this] {
        auto chosen = m_options;
        chosen.useSandbox = true;
        if (startSession(chosen))
            m_session->openConnections(true);
    });
    connect(welcome, &QDialog::rejected, this, [this] {
        if (m_session)
            return;
        auto chosen = m_options;
        chosen.useSandbox = true;
        startSession(chosen);
    });
    welcome->show();
    return true;
}

bool StartupFlow::startSession(const DesktopSession::Options &chosen)
{
    m_session = std::make_unique<DesktopSession>(chosen);
    connect(m_session.get(), &DesktopSession::windowShown, this, [this] {
        m_windowShown = true;
        QGuiApplication::setQuitOnLastWindowClosed(true);
        applyHandOver();
        Q_EMIT windowShown();
    });
    if (m_session->start())
        return true;
    m_error = m_session->errorString();
    if (m_showWelcome) {
        // Chosen from the welcome: the event loop is running and has to end with the error.
        QTextStream(stderr) << m_error << '\n';
        QApplication::exit(2);
    }
    return false;
}

void StartupFlow::handOver(const QStringList &files, const QString &view)
{
    m_pendingFiles += files;
    if (!view.isEmpty())
        m_pendingView = view;
    if (m_windowShown)
        applyHandOver();
    else if (m_welcome) {
        m_welcome->raise();
        m_welcome->activateWindow();
    }
}

void StartupFlow::applyHandOver()
{
    ui::MainWindow *window = m_session ? m_session->window() : nullptr;
    if (!window)
        return;
    if (window->isMinimized())
        window->showNormal();
    window->raise();
    window->activateWindow();
    if (!m_pendingView.isEmpty())
        window->showPage(DesktopSession::canonicalView(m_pendingView));
    if (!m_pendingFiles.isEmpty())
        m_session->offerUploads(m_pendingFiles);
    m_pendingFiles.clear();
    m_pendingView.clear();
}

} // namespace ivcap::app
