#pragma once

#include "apierror.h"
#include "httpresponseparser.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAbstractSocket;
class QNetworkAccessManager;

namespace ivcap {

// One kept-alive HTTP/1.1 connection in the caller's thread, for small requests whose answer
// the caller wants as soon as it arrives. QNetworkAccessManager hands every answer from its
// HTTP thread to ours and every new request back, which puts several thread hops between one
// page of a list arriving and the request for the next one leaving; a list that pages through
// a fast server spends more time in those hops than in the server. Here the next request can
// go out from the very handler that received the answer.
// Plain HTTP and TLS straight to the server only: see reachesDirectly() for proxies.
class HttpChannel : public QObject
{
    Q_OBJECT
public:
    explicit HttpChannel(QObject *parent = nullptr);
    ~HttpChannel() override;

    // Whether `network` would reach `url` without a proxy, so that this channel may stand in.
    static bool reachesDirectly(QNetworkAccessManager *network, const QUrl &url);

    // Sends `request` (URL, headers, transfer timeout, TLS configuration) with `method` and
    // `body`. finished() follows, never from within send(), unless abort() comes first.
    void send(const QNetworkRequest &request, const QByteArray &method, const QByteArray &body);
    // Drops the request in flight (no finished()) and closes the connection.
    void abort();
    bool isBusy() const { return m_busy; }
    // Idle and connected to the origin of `url`: can carry the next request at once.
    bool isReusableFor(const QUrl &url) const;

    // The answers above this size are refused (result().kind == TooLarge) without reading on.
    void setMaxBodyBytes(qint64 bytes) { m_parser.setBodyLimit(qsizetype(bytes)); }

    // What the last request ended with, as ApiError::fromResponse reads it.
    ApiError::Response response() const { return m_result; }
    bool tooLarge() const { return m_tooLarge; }
    QByteArray body() const { return m_parser.body(); }
    QByteArray rawHeader(QByteArrayView name) const { return m_parser.header(name); }

Q_SIGNALS:
    void finished();

private:
    void connectSocket();
    void writeRequest();
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
    QByteArray m_body;
    HttpResponseParser m_parser;
    ApiError::Response m_result;
    QTimer m_timer; // no progress for the request's transfer timeout
    bool m_busy = false;
    bool m_reused = false;      // this request went out on a connection used before
    bool m_resentStale = false; // and was sent again after that connection turned out closed
    bool m_tooLarge = false;
};

} // namespace ivcap
