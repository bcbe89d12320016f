#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>

namespace ivcap::app {

namespace {
const QString objectPath = QStringLiteral("/net/ivcap/Desktop");
const QString interfaceName = QStringLiteral("net.ivcap.Desktop");
constexpr int answerTimeoutMs = 10000;
// A hand-over is a few paths; anything much larger is not one of ours.
constexpr qint64 maxRequestBytes = 1 << 20;

QByteArray encode(const QStringList &files, const QString &view)
{
    QJsonObject object;
    object.insert(QStringLiteral("files"), QJsonArray::fromStringList(files));
    object.insert(QStringLiteral("view"), view);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}
} // namespace

// The object the primary exports on the bus; D-Bus calls arrive on its scriptable slot.
class HandOverAdaptor : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "net.ivcap.Desktop")
public:
    explicit HandOverAdaptor(SingleInstance *instance) : QObject(instance), m_instance(instance) {}

public Q_SLOTS:
    Q_SCRIPTABLE void HandOver(const QStringList &files, const QString &view)
    {
        Q_EMIT m_instance->handOverReceived(files, view);
    }

private:
    SingleInstance *m_instance;
};

SingleInstance::SingleInstance(const QString &profileId, QObject *parent)
    : QObject(parent),
      m_key(QString::fromLatin1(
          QCryptographicHash::hash(profileId.toUtf8(), QCryptographicHash::Sha1).toHex().left(16)))
{}

SingleInstance::~SingleInstance()
{
    if (m_adaptor) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        bus.unregisterObject(objectPath);
        bus.unregisterService(serviceName());
    }
}

QString SingleInstance::serviceName() const
{
    // Bus name elements must not start with a digit.
    return QStringLiteral("net.ivcap.Desktop.p") + m_key;
}

QString SingleInstance::serverName() const
{
    return QStringLiteral("ivcap-desktop-") + m_key;
}

SingleInstance::Role SingleInstance::claimOrHandOver(const QStringList &files, const QString &view)
{
    if (QDBusConnection::sessionBus().isConnected())
        return claimOnBus(files, view);
    return claimLocally(files, view);
}

SingleInstance::Role SingleInstance::claimOnBus(const QStringList &files, const QString &view)
{
    m_transport = QStringLiteral("dbus");
    QDBusConnection bus = QDBusConnection::sessionBus();
    auto *adaptor = new HandOverAdaptor(this);
    bus.registerObject(objectPath, adaptor, QDBusConnection::ExportScriptableSlots);
    // Taking the name is atomic on the bus, so two launches at once cannot both win.
    const auto reply =
        bus.interface()->registerService(serviceName(), QDBusConnectionInterface::DontQueueService,
                                         QDBusConnectionInterface::DontAllowReplacement);
    if (reply.isValid() && reply.value() == QDBusConnectionInterface::ServiceRegistered) {
        m_adaptor = adaptor;
        return Role::Primary;
    }
    bus.unregisterObject(objectPath);
    delete adaptor;
    QDBusMessage call = QDBusMessage::createMethodCall(serviceName(), objectPath, interfaceName,
                                                       QStringLiteral("HandOver"));
    call << files << view;
    // A blocking call before the event loop runs: no events are processed while waiting.
    const QDBusMessage answer = bus.call(call, QDBus::Block, answerTimeoutMs);
    if (answer.type() == QDBusMessage::ReplyMessage)
        return Role::HandedOver;
    m_error = tr("IVCAP Desktop is already running for this profile but did not answer: %1")
                  .arg(answer.errorMessage());
    return Role::Failed;
}

SingleInstance::Role SingleInstance::claimLocally(const QStringList &files, const QString &view)
{
    m_transport = QStringLiteral("local");
    // Two launches at once would otherwise both find no server and both listen; the lock
    // makes "connect, else listen" one step.
    QLockFile claim(QDir::temp().filePath(serverName() + QStringLiteral(".lock")));
    claim.tryLock(answerTimeoutMs);

    QLocalSocket socket;
    socket.connectToServer(serverName());
    if (socket.waitForConnected(answerTimeoutMs)) {
        socket.write(encode(files, view));
        if (socket.waitForBytesWritten(answerTimeoutMs)) {
            QByteArray answer;
            while (!answer.contains('\n') && socket.waitForReadyRead(answerTimeoutMs))
                answer += socket.readAll();
            if (answer.startsWith("ok"))
                return Role::HandedOver;
        }
        m_error = tr("IVCAP Desktop is already running for this profile but did not answer: %1")
                      .arg(socket.errorString());
        return Role::Failed;
    }
    // Nobody answers: a socket file left by an instance that crashed is stale.
    QLocalServer::removeServer(serverName());
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptLocalConnection);
    if (!m_server->listen(serverName()))
        m_error = tr("Cannot claim the profile (%1): a second launch will start a second "
                     "instance.")
                      .arg(m_server->errorString());
    return Role::Primary;
}

void SingleInstance::acceptLocalConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() > maxRequestBytes) {
                socket->abort();
                return;
            }
            if (!socket->canReadLine())
                return;
            const QJsonObject request = QJsonDocument::fromJson(socket->readLine()).object();
            QStringList files;
            for (const auto &file : request.value(QStringLiteral("files")).toArray())
                files.append(file.toString());
            socket->write("ok\n");
            socket->disconnectFromServer();
            Q_EMIT handOverReceived(files, request.value(QStringLiteral("view")).toString());
        });
    }
}

} // namespace ivcap::app

#include "singleinstance.moc"
