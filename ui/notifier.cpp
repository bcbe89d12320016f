#include "notifier.h"

#include "desktopnotifications.h"
#include "mainwindow.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace ivcap::ui {

Notifier::Notifier(MainWindow *window)
    : QObject(window), m_window(window), m_desktop(new DesktopNotifications(this))
{
    connect(m_desktop, &DesktopNotifications::activated, this, [this](const QString &target) {
        raiseWindow();
        Q_EMIT activated(target);
    });
}

Notifier::Backend Notifier::backend() const
{
    if (m_desktop->isAvailable())
        return Backend::DesktopService;
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages())
        return Backend::Tray;
    return Backend::StatusBar;
}

void Notifier::notify(const QString &title, const QString &message, bool problem,
                      const QString &target)
{
    m_last = tr("%1: %2").arg(title, message);
    switch (backend()) {
    case Backend::DesktopService:
        m_desktop->notify(title, message, problem, target);
        break;
    case Backend::Tray:
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_tray->setToolTip(QApplication::applicationDisplayName());
            m_tray->show();
            // The tray reports a click on its latest message only.
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                raiseWindow();
                Q_EMIT activated(m_lastTarget);
            });
        }
        m_lastTarget = target;
        m_tray->showMessage(title, message,
                            problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
        break;
    case Backend::StatusBar:
        break;
    }
    if (m_window)
        m_window->showMessage(m_last);
    Q_EMIT notified(title, message);
}

void Notifier::raiseWindow()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace ivcap::ui
