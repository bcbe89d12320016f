#include "notifier.h"

#include "mainwindow.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace ivcap::ui {

Notifier::Notifier(MainWindow *window) : QObject(window), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_window) {
                m_window->raise();
                m_window->activateWindow();
            }
        });
    }
}

void Notifier::notify(const QString &title, const QString &message, bool problem)
{
    m_last = tr("%1: %2").arg(title, message);
    if (m_tray && m_tray->supportsMessages())
        m_tray->showMessage(title, message,
                            problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    if (m_window)
        m_window->showMessage(m_last);
    Q_EMIT notified(title, message);
}

} // namespace ivcap::ui
