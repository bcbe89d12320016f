#pragma once

#include <QProcess>
#include <QString>

// A private D-Bus session bus (dbus-daemon --session) for tests of D-Bus clients and services:
// desktop notifications, single-instance hand-over. The daemon is a child of the test and ends
// with it, even when the test crashes.
class PrivateBus
{
public:
    PrivateBus();
    ~PrivateBus();

    // Starts dbus-daemon and waits for its address. Returns false (and sets errorString())
    // when it cannot be started, e.g. when dbus-daemon is not installed.
    bool start();
    // The address for DBUS_SESSION_BUS_ADDRESS.
    QString address() const { return m_address; }
    QString errorString() const { return m_error; }

private:
    QProcess m_daemon;
    QString m_address;
    QString m_error;
};
