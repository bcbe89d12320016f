#include "desktopnotifications.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QGuiApplication>
#include <QVariantMap>

namespace ivcap::ui {

namespace {
const QString service = QStringLiteral("org.freedesktop.Notifications");
const QString path = QStringLiteral("/org/freedesktop/Notifications");
const QString interface = QStringLiteral("org.freedesktop.Notifications");
} // namespace

DesktopNotifications::DesktopNotifications(QObject *parent) : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    bus.connect(service, path, interface, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(service, path, interface, QStringLiteral("NotificationClosed"), this,
                SLOT(onNotificationClosed(uint, uint)));
    const QDBusMessage call = QDBusMessage::createMethodCall(
        service, path, interface, QStringLiteral("GetServerInformation"));
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusPendingReply<QString, QString, QString, QString> reply = *finished;
                if (reply.isError())
                    return;
                m_serverName = reply.argumentAt<0>();
                m_available = true;
                Q_EMIT availabilityChanged(true);
            });
}

void DesktopNotifications::notify(const QString &summary, const QString &body, bool problem,
                                  const QString &target)
{
    if (!m_available)
        return;
    QDBusMessage call =
        QDBusMessage::createMethodCall(service, path, interface, QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(problem ? 2 : 1));
    hints.insert(QStringLiteral("desktop-entry"), QGuiApplication::desktopFileName());
    call << QGuiApplication::applicationDisplayName() << uint(0)
         << QStringLiteral("net.ivcap.Desktop") << summary << body
         << QStringList{QStringLiteral("default"), tr("Open")} << hints << int(-1);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, target](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusPendingReply<uint> reply = *finished;
                if (!reply.isError() && !target.isEmpty())
                    m_targets.insert(reply.value(), target);
            });
}

void DesktopNotifications::onActionInvoked(uint id, const QString &action)
{
    // Every client sees every ActionInvoked on the bus: only ours have a target here.
    const auto it = m_targets.constFind(id);
    if (it == m_targets.cend() || action != QLatin1String("default"))
        return;
    Q_EMIT activated(it.value());
}

void DesktopNotifications::onNotificationClosed(uint id, uint)
{
    m_targets.remove(id);
}

} // namespace ivcap::ui
