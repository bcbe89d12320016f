#pragma once

#include "api/apierror.h"
#include "httpresponseparser.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAbstractSocket;
class QIODevice;
class QNetworkAccessManager;

namespace ivcap {

// Sends the TUS PATCHes of one upload over one kept-alive connection of its own, in large
// writes from the event loop's thread. Qt 6.4's HTTP/1 channel writes a request body 16 KiB at a
// time and waits for its HTTP thread and our thread to hand each piece over, which leaves a
// fast server waiting for data; this channel keeps a few MiB in flight instead.
// It speaks only plain HTTP/1.1 and TLS straight to the server: see canReach() for proxies.
class TusPatchChannel : public QObject
{
    Q_OBJECT
public:
    explicit TusPatchChannel(QObject *parent = nullptr);
    ~TusPatchChannel() override;

    // Whether `url` is reached without a proxy, as `network` would reach it.
    static bool canReach(QNetworkAccessManager *network, const QUrl &url);

    // Sends `request` (its URL, raw headers, transfer timeout and TLS configuration) as a
    // PATCH whose body is the Content-Length header's count of bytes read from `body`, which
    // the channel takes over. finished() follows, unless abort() comes first.
    void send(const QNetworkRequest &request, QIODevice *body);
    // Drops a PATCH in flight (no finished()) and closes the connection.
    void abort();
    bool isBusy() const { return m_body != nullptr; }

    // The outcome of the last PATCH, and the headers of its answer.
    ApiError error() const { return m_error; }
    QUrl url() const { return m_request.url(); }
    bool hasRawHeader(QByteArrayView name) const { return m_response.hasHeader(name); }
    QByteArray rawHeader(QByteArrayView name) const { return m_response.header(name); }

Q_SIGNALS:
    void finished();

private:
    void connectSocket();
    void writeHead();
    void pump();
    void onReadyRead();
    void onSocketEnded();
    void touch(); // progress: the timeout starts again
    void onTimeout();
    void complete();
    void failNetwork(int networkError, const QString &why);
    void finish(const ApiError &error);
    void dropSocket();

    QPointer<QAbstractSocket> m_socket;
    QString m_endpoint; // scheme://host:port the socket is connected to
    bool m_reused = false;
    bool m_retriedStale = false;
    QNetworkRequest m_request;
    std::unique_ptr<QIODevice> m_body;
    qint64 m_bodyStart = 0;
    qint64 m_length = 0;
    qint64 m_sent = 0; // body bytes handed to the socket
    QByteArray m_block;
    HttpResponseParser m_response;
    ApiError m_error;
    QTimer m_timer; // no progress for the request's transfer timeout
};

} // namespace ivcap
