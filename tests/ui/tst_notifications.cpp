// Notifications through the desktop's notification service, tried against a fake
// org.freedesktop.Notifications server on a private D-Bus session bus: the backend is chosen
// by whether a server answers, the Notify call carries the summary, body, urgency and the
// "default" action, a click (ActionInvoked "default") reports the item, and the status bar
// shows every notice whatever the backend.
#include "mainwindow.h"
#include "notifier.h"
#include "privatebus.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

#include <memory>

using ivcap::ui::MainWindow;
using ivcap::ui::Notifier;

namespace {
std::unique_ptr<PrivateBus> bus;
const QString fakeBusName = QStringLiteral("fake-notification-server");
} // namespace

// A notification server as GNOME Shell or dunst would be, reduced to what the client uses.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString app, summary, body;
        QStringList actions;
        QVariantMap hints;
    };
    QList<Call> calls;

public Q_SLOTS:
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("test");
        version = QStringLiteral("1");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("fake");
    }
    uint Notify(const QString &app, uint, const QString &, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int)
    {
        calls.append({app, summary, body, actions, hints});
        return uint(calls.size()) + 100;
    }
};

class TestNotifications : public QObject
{
    Q_OBJECT
private:
    static QDBusConnection fakeBus() { return QDBusConnection(fakeBusName); }

    static void invokeAction(uint id, const QString &action)
    {
        QDBusMessage signal = QDBusMessage::createSignal(
            QStringLiteral("/org/freedesktop/Notifications"),
            QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("ActionInvoked"));
        signal << id << action;
        fakeBus().send(signal);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(bus);
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        QVERIFY(QDBusConnection::connectToBus(bus->address(), fakeBusName).isConnected());
    }

    void withoutAServerTheStatusBarCarriesTheNotice()
    {
        MainWindow window;
        Notifier notifier(&window);
        QCOMPARE(notifier.backend(), Notifier::Backend::StatusBar); // no tray offscreen either
        notifier.notify(QStringLiteral("Transfers finished"), QStringLiteral("2 done"));
        QCOMPARE(window.statusBar()->currentMessage(),
                 QStringLiteral("Transfers finished: 2 done"));
    }

    void withAServerNoticesGoThroughItAndClicksOpenTheItem()
    {
        FakeNotifications server;
        QVERIFY(fakeBus().registerObject(QStringLiteral("/org/freedesktop/Notifications"), &server,
                                         QDBusConnection::ExportAllSlots));
        QVERIFY(fakeBus().registerService(QStringLiteral("org.freedesktop.Notifications")));

        MainWindow window;
        Notifier notifier(&window);
        QTRY_COMPARE(notifier.backend(), Notifier::Backend::DesktopService);
        QSignalSpy activated(&notifier, &Notifier::activated);

        notifier.notify(QStringLiteral("Order finished"), QStringLiteral("Gradient is succeeded"),
                        false, QStringLiteral("orders:urn:ivcap:order:1"));
        notifier.notify(QStringLiteral("Transfers finished with problems"),
                        QStringLiteral("1 done, 1 failed"), true, QStringLiteral("uploads"));
        QTRY_COMPARE(server.calls.size(), 2);
        const FakeNotifications::Call first = server.calls.at(0);
        QCOMPARE(first.app, QStringLiteral("IVCAP Desktop"));
        QCOMPARE(first.summary, QStringLiteral("Order finished"));
        QCOMPARE(first.body, QStringLiteral("Gradient is succeeded"));
        QVERIFY(first.actions.contains(QStringLiteral("default")));
        QCOMPARE(first.hints.value(QStringLiteral("urgency")).toInt(), 1);
        QCOMPARE(server.calls.at(1).hints.value(QStringLiteral("urgency")).toInt(), 2);
        // The window shows the notice too.
        QCOMPARE(window.statusBar()->currentMessage(),
                 QStringLiteral("Transfers finished with problems: 1 done, 1 failed"));

        // Someone else's notification: not ours to open.
        invokeAction(999, QStringLiteral("default"));
        // Ours: the first one (id 101) opens its order.
        invokeAction(101, QStringLiteral("default"));
        QTRY_COMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("orders:urn:ivcap:order:1"));
        invokeAction(102, QStringLiteral("default"));
        QTRY_COMPARE(activated.count(), 2);
        QCOMPARE(activated.at(1).at(0).toString(), QStringLiteral("uploads"));

        fakeBus().unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        fakeBus().unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
    }
};

int main(int argc, char *argv[])
{
    // The bus must exist before anything connects to the session bus.
    bus = std::make_unique<PrivateBus>();
    if (!bus->start()) {
        qCritical("cannot start a private session bus: %s", qPrintable(bus->errorString()));
        return 1;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", bus->address().toLocal8Bit());
    int result = 0;
    {
        QApplication app(argc, argv);
        QApplication::setApplicationDisplayName(QStringLiteral("IVCAP Desktop"));
        TestNotifications test;
        result = QTest::qExec(&test, argc, argv);
    }
    bus.reset();
    return result;
}

#include "tst_notifications.moc"
