#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace ivcap::app {

class HandOverAdaptor;

// One running ivcap-desktop per profile. The first launch claims the profile; a later one
// hands its files and chosen view to it and exits. The claim is a well-known name on the
// D-Bus session bus (net.ivcap.Desktop.p<hash>, method net.ivcap.Desktop.HandOver(as files,
// s view) at /net/ivcap/Desktop) where there is a session bus, and otherwise a QLocalServer
// whose name is derived from the same profile hash (user-only access), as on CI or a bare X
// session. The profile is identified by the path of its settings file, so two users, or two
// XDG_CONFIG_HOMEs, never see each other's instance.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role {
        Primary,    // this launch owns the profile; handOverReceived() reports later launches
        HandedOver, // an instance was running and accepted the request: exit now
        Failed,     // an instance is running but did not accept the request (errorString())
    };
    Q_ENUM(Role)

    // `profileId`: any string naming the profile (the settings file's path).
    explicit SingleInstance(const QString &profileId, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Claims the profile, or hands `files` (absolute paths) and `view` (may be empty) to the
    // instance that holds it. Blocks for at most a few seconds without running an event loop;
    // call it before QApplication::exec().
    Role claimOrHandOver(const QStringList &files, const QString &view);

    // "dbus" or "local": how the claim was made or the hand-over sent.
    QString transport() const { return m_transport; }
    QString errorString() const { return m_error; }
    // The D-Bus service name and the local server name of this profile.
    QString serviceName() const;
    QString serverName() const;

Q_SIGNALS:
    // A later launch handed these over; the window should come forward and offer them.
    void handOverReceived(const QStringList &files, const QString &view);

private:
    Role claimOnBus(const QStringList &files, const QString &view);
    Role claimLocally(const QStringList &files, const QString &view);
    void acceptLocalConnection();

    QString m_key;
    QString m_transport;
    QString m_error;
    HandOverAdaptor *m_adaptor = nullptr;
    QLocalServer *m_server = nullptr;
};

} // namespace ivcap::app
