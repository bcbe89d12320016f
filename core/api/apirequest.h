#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace ivcap {

class Connection;
namespace net {
class CurlRequest;
}

// One call against the API: builds the request through the Connection (on libcurl,
// core/net), owns its transfer, turns
// every failure into an ApiError and retries idempotent GETs on transient failures. It follows
// the redirects RedirectPolicy allows (same origin, idempotent, a few hops); url() is then
// where the answer came from.
// finished() or failed() is emitted exactly once, never from within start().
class ApiRequest : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultMaxBodyBytes = 64 * 1024 * 1024;

    ApiRequest(Connection *connection, const QByteArray &method, const QUrl &url,
               QObject *parent = nullptr);

    void setBody(const QByteArray &body, const QByteArray &contentType = "application/json");
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    // Tries in total for idempotent GETs (1 disables retries); POST/PUT/DELETE never retry.
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }
    void setRetryBaseMs(int ms) { m_retryBaseMs = ms; }
    // Delete the request after it reported its result (the default).
    void setAutoDelete(bool on) { m_autoDelete = on; }

    QByteArray method() const { return m_method; }
    QUrl url() const { return m_url; }
    int attempts() const { return m_attempt; }
    bool isRunning() const { return m_started && !m_done; }

    void start();
    // Sends at once instead of from the event loop, for a caller that has connected already
    // and wants the request on the wire before it goes on with other work. Only a missing
    // connection can then report (failed) before this returns.
    void startNow();
    // Stops the call without reporting anything: the caller no longer wants the answer.
    void cancel();

    ~ApiRequest() override;

Q_SIGNALS:
    void finished(const QJsonDocument &document);
    // The raw body of a successful answer, just before it is parsed, for a caller that can use
    // a cheap look at it early (the list models guess the next page link from it).
    void bodyReceived(const QByteArray &body);
    void failed(const ivcap::ApiError &error);

private:
    void send();
    void onFinished();
    // `location`: the Location header, for a redirect (followed as RedirectPolicy allows).
    void handleAnswer(const ApiError &error, const QString &contentType,
                      const QByteArray &location);
    void fail(const ApiError &error);
    bool retryWithNewToken(const ApiError &error);
    void succeed(const QJsonDocument &document);
    void dropReply();

    QPointer<Connection> m_connection;
    QByteArray m_method;
    QUrl m_url;
    QByteArray m_body;
    QByteArray m_contentType;
    QByteArray m_buffer;
    // The token this attempt went out with: if it changed meanwhile, a 401 needs no refresh.
    QString m_sentToken;
    QPointer<net::CurlRequest> m_curl;
    qint64 m_maxBodyBytes = DefaultMaxBodyBytes;
    int m_maxAttempts = 3;
    int m_retryBaseMs = 500;
    int m_attempt = 0;
    int m_hops = 0; // redirects followed
    bool m_started = false;
    bool m_done = false;
    bool m_autoDelete = true;
    bool m_refreshTried = false;
};

} // namespace ivcap
