#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace ivcap::ui {

class MainWindow;

// Desktop notifications for work that finishes while the user looks elsewhere (an order placed
// from this app, a batch of uploads). Uses the system tray where there is one, and the main
// window's status bar otherwise, so a notice is never silently lost.
class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(MainWindow *window);

    void notify(const QString &title, const QString &message, bool problem = false);
    // What was shown last, for tests and the accessibility tree.
    QString lastNotice() const { return m_last; }

Q_SIGNALS:
    void notified(const QString &title, const QString &message);

private:
    QPointer<MainWindow> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_last;
};

} // namespace ivcap::ui
