#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace ivcap::test {

// What a scripted server does with one request: write an answer, a fault, or nothing.
using Behaviour = std::function<void(QTcpSocket *)>;

// An HTTP/1.1 answer with a Content-Length.
QByteArray httpResponse(const QByteArray &status, const QByteArray &headers,
                        const QByteArray &body);

// A loopback HTTP server for faults the sandbox cannot produce: it answers each request (GETs,
// without a body) with the next scripted behaviour, and with `fallback` once the script is used
// up. It keeps every request it saw and counts the connections it accepted.
class ScriptedServer : public QTcpServer
{
public:
    explicit ScriptedServer(const QHostAddress &address = QHostAddress::LocalHost);
    QUrl url(const QString &host = QStringLiteral("127.0.0.1")) const;

    QList<Behaviour> script;
    Behaviour fallback;
    QList<QByteArray> requests;
    int connectionsAccepted = 0;

private:
    void onData(QTcpSocket *socket);
    QHash<QTcpSocket *, QByteArray> m_pending;
};

} // namespace ivcap::test
