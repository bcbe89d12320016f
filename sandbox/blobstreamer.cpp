#include "blobstreamer.h"

#include <QTcpSocket>

namespace {
constexpr qint64 kBlock = 256 * 1024;
constexpr qint64 kMaxQueued = 1024 * 1024; // bytes handed to the socket but not yet sent
} // namespace

void BlobStreamer::send(QTcpSocket *socket, const Range &range, qint64 dropAfter)
{
    auto *streamer = new BlobStreamer(socket, range, dropAfter);
    streamer->pump();
}

BlobStreamer::BlobStreamer(QTcpSocket *socket, const Range &range, qint64 dropAfter)
    : QObject(socket), m_socket(socket), m_file(range.path), m_left(range.length),
      m_dropBudget(dropAfter)
{
    QByteArray head = range.partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n";
    head += "Content-Type: " + range.mimeType + "\r\n";
    head += "Content-Length: " + QByteArray::number(range.length) + "\r\n";
    head += "Accept-Ranges: bytes\r\n";
    if (range.partial) {
        head += "Content-Range: bytes " + QByteArray::number(range.start) + '-' +
                QByteArray::number(range.start + range.length - 1) + '/' +
                QByteArray::number(range.total) + "\r\n";
    }
    head += "\r\n";
    m_socket->write(head);
    if (!m_file.open(QIODevice::ReadOnly) || !m_file.seek(range.start)) {
        // The headers are out; all that is left is to end the connection.
        m_left = 0;
        m_socket->disconnectFromHost();
        return;
    }
    connect(m_socket, &QTcpSocket::bytesWritten, this, &BlobStreamer::pump);
}

void BlobStreamer::pump()
{
    while (m_left > 0 && m_socket->bytesToWrite() < kMaxQueued) {
        qint64 want = qMin(kBlock, m_left);
        if (m_dropBudget >= 0)
            want = qMin(want, m_dropBudget);
        if (want == 0) {
            // Let what is queued go out, then close: the client sees a short body.
            m_left = 0;
            m_socket->disconnectFromHost();
            break;
        }
        const QByteArray block = m_file.read(want);
        if (block.isEmpty()) {
            m_left = 0;
            m_socket->disconnectFromHost();
            break;
        }
        m_socket->write(block);
        m_left -= block.size();
        if (m_dropBudget >= 0)
            m_dropBudget -= block.size();
    }
    if (m_left == 0) {
        disconnect(m_socket, &QTcpSocket::bytesWritten, this, &BlobStreamer::pump);
        deleteLater();
    }
}
