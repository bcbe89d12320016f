#include "jobeventstream.h"
#include "jobbook.h"
#include "orderrunner.h"
#include "store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

void JobEventStream::start(Store *store, OrderRunner *runner, QTcpSocket *socket,
                           const QString &jobId, qint64 lastId, int maxWaitSeconds, int maxMessages)
{
    auto *stream = new JobEventStream(store, socket, jobId, lastId, maxMessages);
    // No Content-Length: the body is the stream, and it ends when the connection closes.
    socket->write("HTTP/1.1 200 OK\r\n"
                  "Content-Type: text/event-stream\r\n"
                  "Cache-Control: no-cache\r\n"
                  "Connection: close\r\n\r\n");
    connect(runner, &OrderRunner::jobEvent, stream, &JobEventStream::pump);
    stream->m_idle.setSingleShot(true);
    stream->m_idle.setInterval(maxWaitSeconds * 1000);
    connect(&stream->m_idle, &QTimer::timeout, stream, &JobEventStream::close);
    stream->m_idle.start();
    stream->pump(jobId);
}

JobEventStream::JobEventStream(Store *store, QTcpSocket *socket, QString jobId, qint64 lastId,
                               int maxMessages)
    : QObject(socket), m_store(store), m_socket(socket), m_jobId(std::move(jobId)),
      m_lastId(lastId), m_left(maxMessages > 0 ? maxMessages : -1)
{}

void JobEventStream::pump(const QString &jobId)
{
    if (jobId != m_jobId || m_closed)
        return;
    QSqlQuery events = m_store->exec(QStringLiteral("SELECT seq, type, schema, data, at FROM "
                                                    "job_events WHERE job_id = ? AND seq > ? "
                                                    "ORDER BY seq"),
                                     {m_jobId, m_lastId});
    bool ended = false;
    while (m_left != 0 && events.next()) {
        m_lastId = events.value(0).toLongLong();
        const QJsonObject data = QJsonDocument::fromJson(events.value(3).toByteArray()).object();
        const QString type = events.value(1).toString();
        const QJsonObject event{{"SeqID", QString::number(m_lastId)},
                                {"eventID", QStringLiteral("%1-%2").arg(m_jobId).arg(m_lastId)},
                                {"type", type},
                                {"schema", events.value(2).toString()},
                                {"source", m_jobId},
                                {"timestamp", events.value(4).toString()},
                                {"data", data}};
        m_socket->write("id: " + QByteArray::number(m_lastId) + "\nevent: " + type.toUtf8() +
                        "\ndata: " + QJsonDocument(event).toJson(QJsonDocument::Compact) + "\n\n");
        if (m_left > 0)
            --m_left;
        m_idle.start();
        ended = type == QLatin1String("ivcap.job.status") &&
                JobBook::isTerminal(data.value("status").toString());
    }
    if (ended || m_left == 0)
        close();
}

void JobEventStream::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_idle.stop();
    m_socket->disconnectFromHost();
    deleteLater();
}
