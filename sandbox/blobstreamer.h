#pragma once

#include <QByteArray>
#include <QFile>
#include <QObject>

class QTcpSocket;

// Sends one artifact body (or a byte range of it) straight from its blob file, a bounded
// amount at a time as the socket drains, so a large download costs the sandbox no memory.
// With a drop point it closes the connection after that many body bytes (a fault switch).
class BlobStreamer : public QObject
{
    Q_OBJECT
public:
    struct Range
    {
        QString path;
        QByteArray mimeType;
        qint64 start = 0;
        qint64 length = 0;
        qint64 total = 0;
        bool partial = false; // 206 with Content-Range instead of 200
    };

    // Starts at once; the streamer belongs to the socket and ends with it.
    static void send(QTcpSocket *socket, const Range &range, qint64 dropAfter);

private:
    BlobStreamer(QTcpSocket *socket, const Range &range, qint64 dropAfter);
    void pump();

    QTcpSocket *m_socket;
    QFile m_file;
    qint64 m_left;
    qint64 m_dropBudget; // body bytes still to send before cutting off; -1: never
};
