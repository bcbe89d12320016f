#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace ivcap {

class Connection;

// GET of an artifact's content (`data.self`, PROTOCOL.md §7.3) that keeps at most maxBytes of
// the body. A preview needs only the head of a large artifact, so the transfer is aborted once
// enough bytes arrived instead of buffering the whole body as ApiRequest would.
// finished() or failed() is emitted exactly once, never from within start(); a cancelled request
// reports nothing.
class ContentRequest : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultMaxBytes = 8 * 1024 * 1024;

    ContentRequest(Connection *connection, const QUrl &url, qint64 maxBytes = DefaultMaxBytes,
                   QObject *parent = nullptr);
    ~ContentRequest() override;

    QUrl url() const { return m_url; }
    qint64 maxBytes() const { return m_maxBytes; }
    // Delete the request after it reported its result (the default).
    void setAutoDelete(bool on) { m_autoDelete = on; }

    void start();
    void cancel();

Q_SIGNALS:
    // `truncated` is true when the body had more than maxBytes and only its head is given.
    void finished(const QByteArray &data, bool truncated);
    void failed(const ivcap::ApiError &error);

private:
    void send();
    void onReadyRead();
    void onFinished();
    void dropReply();
    void report(const ApiError &error, bool truncated);

    QPointer<Connection> m_connection;
    QUrl m_url;
    qint64 m_maxBytes;
    QByteArray m_buffer;
    QPointer<QNetworkReply> m_reply;
    bool m_started = false;
    bool m_done = false;
    bool m_autoDelete = true;
};

} // namespace ivcap
