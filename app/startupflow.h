#pragma once

#include "desktopsession.h"
#include "welcomedialog.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace ivcap::app {

// The way from launch to the main window. On a plain first start it shows the welcome and
// starts the session the user chose (closing the welcome is the sandbox); otherwise it starts
// the session at once. Until the main window is on screen the application must not quit when
// its last window closes (the welcome closes before the window exists, while the deployment or
// the private sandbox is still starting), so the flow turns quitOnLastWindowClosed off for that
// stretch; afterwards closing the main window quits as usual. No nested event loop is used.
class StartupFlow : public QObject
{
    Q_OBJECT
public:
    // `showWelcome`: whether this start shows the welcome before anything is started.
    StartupFlow(const DesktopSession::Options &options, bool showWelcome,
                QObject *parent = nullptr);
    ~StartupFlow() override;

    // Shows the welcome or starts the session. Returns false when the session could not start
    // (errorString() says why); a session chosen from the welcome that fails later ends the
    // event loop with status 2.
    bool start();
    QString errorString() const { return m_error; }

    DesktopSession *session() const { return m_session.get(); }
    ui::WelcomeDialog *welcome() const { return m_welcome; }

    // Files and a view handed over by a second launch: offered for upload (and the view shown)
    // once the main window is up, which is raised. `view` may be empty.
    void handOver(const QStringList &files, const QString &view);

Q_SIGNALS:
    // The main window has been shown; from here on closing it quits the application.
    void windowShown();

private:
    bool startSession(const DesktopSession::Options &chosen);
    void applyHandOver();

    DesktopSession::Options m_options;
    bool m_showWelcome;
    QString m_error;
    std::unique_ptr<DesktopSession> m_session;
    QPointer<ui::WelcomeDialog> m_welcome;
    bool m_windowShown = false;
    QStringList m_pendingFiles;
    QString m_pendingView;
};

} // namespace ivcap::app
