#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace ivcap::ui {

class DesktopNotifications;
class MainWindow;

// Desktop notifications for work that finishes while the user looks elsewhere (an order placed
// from this app, a batch of uploads). Uses the desktop's notification service over D-Bus where
// there is one (DesktopNotifications), the system tray where there is not, and the main
// window's status bar always, so a notice is never silently lost. Clicking a notification
// brings the window forward and reports the item it was about.
class Notifier : public QObject
{
    Q_OBJECT
public:
    enum class Backend { StatusBar, Tray, DesktopService };
    Q_ENUM(Backend)

    explicit Notifier(MainWindow *window);

    // `target` names the item the notice is about (an order's id, or a page key such as
    // "uploads"); activated() hands it back when the user clicks the notification.
    void notify(const QString &title, const QString &message, bool problem = false,
                const QString &target = QString());
    // What was shown last, for tests and the accessibility tree.
    QString lastNotice() const { return m_last; }
    // Where the next notice goes besides the status bar.
    Backend backend() const;

Q_SIGNALS:
    void notified(const QString &title, const QString &message);
    // The user clicked the notification about `target` (empty for the tray's, which has none).
    void activated(const QString &target);

private:
    void raiseWindow();

    QPointer<MainWindow> m_window;
    DesktopNotifications *m_desktop;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastTarget;
    QString m_last;
};

} // namespace ivcap::ui
