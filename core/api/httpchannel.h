#pragma once

#include "apierror.h"
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

// One kept-alive HTTP/1.1 connection in the caller's thread, for the two kinds of request
// whose speed QNetworkAccessManager (Qt 6.4) holds back:
// - small GETs in a row (list pages): Qt hands every answer from its HTTP thread to ours and
//   every new request back, so several thread hops lie between one page arriving and the
//   request for the next leaving; here the next request leaves from the handler that received
//   the answer;
// - large uploads (TUS PATCHes): Qt writes a body 16 KiB at a time and waits for both threads
//   to hand each piece over, which leaves a fast server waiting; here a few MiB stay in flight.
// Plain HTTP and TLS straight to the server only: see reachesDirectly() for proxies.
class HttpChannel : public QObject
{
    Q_OBJECT
public:
    explicit HttpChannel(QObject *parent = nullptr);
    ~HttpChannel() override;

    // Whether `network` would reach `url` without a proxy, so that a channel may stand in.
    static bool reachesDirectly(QNetworkAccessManager *network, const QUrl &url);

    // Sends `request` (URL, headers, transfer timeout, TLS configuration) with `method` and
    // `body`. finished() follows, never from within send(), unless abort() comes first.
    void send(const QNetworkRequest &request, const QByteArray &method, const QByteArray &body);
    // The same with a body of the request's Content-Length bytes streamed from `body`, which
    // the channel takes over.
    void send(const QNetworkRequest &request, const QByteArray &method, QIODevice *body);
    // Drops the request in flight (no finished()) and closes the connection.
    void abort();
    bool isBusy() const { return m_busy; }
    // Idle and connected to the origin of `url`: can carry the next request at once.
    bool isReusableFor(const QUrl &url) const;

    // Answers above this size are refused (error() is TooLarge) without reading on.
    void setMaxBodyBytes(qint64 bytes) { m_parser.setBodyLimit(qsizetype(bytes)); }

    // The outcome of the last request, its answer's headers and (up to the limit) body.
    ApiError error() const;
    QUrl url() const { return m_request.url(); }
    bool hasRawHeader(QByteArrayView name) const { return m_parser.hasHeader(name); }
    QByteArray rawHeader(QByteArrayView name) const { return m_parser.header(name); }
    QByteArray body() const { return m_parser.body(); }

Q_SIGNALS:
    void finished();

private:
    void start(const QNetworkRequest &request, const QByteArray &method);
    void connectSocket();
    void writeRequest();
    void pump();
    void touch();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void onTimeout();
    void complete();
    void failTransport(int networkError, const QString &why);
    void finish();
    void dropSocket();
    static QString originOf(const QUrl &url);

    QPointer<QAbstractSocket> m_socket;
    QString m_origin; // scheme://host:port the socket is connected to
    QNetworkRequest m_request;
    QByteArray m_method;
    QByteArray m_body;                   // a body held in memory
    std::unique_ptr<QIODevice> m_device; // or one streamed from a device
    qint64 m_deviceStart = 0;
    qint64 m_length = 0; // of the body
    qint64 m_sent = 0;   // body bytes handed to the socket
    QByteArray m_block;
    HttpResponseParser m_parser;
    ApiError::Response m_result;
    QString m_localError; // the body could not be read
    QTimer m_timer;       // no progress for the request's transfer timeout
    quint64 m_serial = 0; // of the request in flight, for reports from the event loop
    bool m_busy = false;
    bool m_reused = false;      // this request went out on a connection used before
    bool m_resentStale = false; // and was sent again after that connection turned out closed
};

} // namespace ivcap
