#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace ivcap {

namespace net {
class CurlRequest;
}
class Connection;

// GET of an artifact's content (`data.self`, PROTOCOL.md §7.3) that keeps at most maxBytes of
// the body. A preview needs only the head of a large artifact, so the transfer is aborted once
// enough bytes arrived instead of buffering the whole body as ApiRequest would; a larger body
// is therefore never an error, whatever its declared length. It runs over libcurl
// (net::CurlRequest from Connection::newRequest), which decodes a content coding (gzip from an
// ingress), so the bytes given are the content as the artifact holds it. Redirects are followed
// as RedirectPolicy allows; one that is not followed fails with a message naming its target.
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
    QUrl m_requestUrl; // m_url, or where a redirect of it pointed
    int m_hops = 0;
    qint64 m_maxBytes;
    QByteArray m_buffer;
    QByteArray m_errorBody;            // the head of an error answer, for its message
    QPointer<net::CurlRequest> m_curl; // deleting it cancels the transfer
    bool m_started = false;
    bool m_done = false;
    bool m_autoDelete = true;
};

} // namespace ivcap
