#include "scriptedserver.h"

#include <QTcpSocket>

namespace ivcap::test {

QByteArray httpResponse(const QByteArray &status, const QByteArray &headers, const QByteArray &body)
{
    return "HTTP/1.1 " + status + "\r\n" + headers +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

ScriptedServer::ScriptedServer(const QHostAddress &address)
{
    listen(address);
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = nextPendingConnection()) {
            ++connectionsAccepted;
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QObject::destroyed, this, [this, s] { m_pending.remove(s); });
            connect(s, &QTcpSocket::readyRead, s, [this, s] { onData(s); });
        }
    });
}

QUrl ScriptedServer::url(const QString &host) const
{
    return QUrl(QStringLiteral("http://%1:%2").arg(host).arg(serverPort()));
}

void ScriptedServer::onData(QTcpSocket *s)
{
    QByteArray &pending = m_pending[s];
    pending += s->readAll();
    qsizetype end;
    while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
        requests.append(pending.left(end + 4));
        pending.remove(0, end + 4);
        const Behaviour behaviour = script.isEmpty() ? fallback : script.takeFirst();
        if (behaviour)
            behaviour(s);
    }
}

} // namespace ivcap::test
