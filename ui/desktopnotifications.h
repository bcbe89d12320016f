#pragma once

#include <QHash>
#include <QObject>

namespace ivcap::ui {

// The desktop's notification service (org.freedesktop.Notifications 1.2 over the D-Bus session
// bus, as GNOME Shell, KDE Plasma, dunst and mako provide it). Whether there is one is learnt
// asynchronously (GetServerInformation, which also starts an activatable server), so nothing
// blocks; until then, and where there is none, isAvailable() is false and the caller falls back
// to something else. Each notification carries the "default" action, so clicking it reports
// the target it was sent with.
class DesktopNotifications : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifications(QObject *parent = nullptr);

    bool isAvailable() const { return m_available; }
    // The server's name (e.g. "gnome-shell"), once known.
    QString serverName() const { return m_serverName; }

    // Sends Notify(app name, 0, icon, summary, body, ["default", "Open"], hints, -1) with the
    // urgency hint 2 (critical) for a problem and 1 (normal) otherwise, and the desktop-entry
    // hint. `target` is handed back by activated() when the user clicks the notification.
    // Does nothing while isAvailable() is false. A failed call is dropped (the caller shows
    // every notice in the window as well).
    void notify(const QString &summary, const QString &body, bool problem, const QString &target);

Q_SIGNALS:
    void availabilityChanged(bool available);
    // The user clicked a notification (or its "Open" action).
    void activated(const QString &target);

private Q_SLOTS:
    // D-Bus signals of the server; the slot signatures must match theirs.
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    bool m_available = false;
    QString m_serverName;
    QHash<uint, QString> m_targets;
};

} // namespace ivcap::ui
