#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>

#include <curl/curl.h>

#include <functional>

class QSocketNotifier;
class QTimer;

namespace ivcap::net {

class CurlRequest;

// One libcurl transfer as the multi handle sees it. It outlives its CurlRequest when the request
// is destroyed inside one of its own callbacks: the easy handle cannot be removed from the multi
// handle while libcurl is calling into it, so `request` is cleared, every callback of the
// transfer then aborts it, and the multi handle cleans it up once libcurl has returned.
struct CurlTransfer
{
    CURL *easy = nullptr;
    CurlRequest *request = nullptr;
    curl_slist *headers = nullptr;
    QByteArray body;     // the request body, read by libcurl from here
    qint64 bodySent = 0; // bytes of `body` handed to libcurl
    // Or the caller's source of the body (CurlRequest::setBodySource).
    std::function<qint64(char *, qint64)> source;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

// The libcurl multi handle of one thread, driven by that thread's Qt event loop (libcurl's
// "multi_socket" API): libcurl says which sockets to watch through CURLMOPT_SOCKETFUNCTION, which
// become QSocketNotifiers, and when to call back through CURLMOPT_TIMERFUNCTION, which becomes one
// single-shot QTimer. No extra thread and no nested event loop: activity on a socket or the timer
// runs curl_multi_socket_action, and finished transfers are read with curl_multi_info_read.
//
// Every transfer of the thread shares the handle's connection cache, so kept-alive HTTP/1.1
// connections are reused and HTTP/2 streams to one origin are multiplexed on one connection
// (CURLMOPT_PIPELINING = CURLPIPE_MULTIPLEX).
//
// Owned by the thread: created on first use by forCurrentThread(), deleted when the thread
// finishes (worker threads) or when the QCoreApplication is destroyed (the main thread). A
// CurlRequest still running then finishes with ApiError::Kind::Cancelled.
class CurlMulti : public QObject
{
    Q_OBJECT
public:
    // The calling thread's multi handle, created (and libcurl initialised) on first use.
    static CurlMulti *forCurrentThread();
    ~CurlMulti() override;

    // Adds a prepared transfer; the multi handle owns `transfer` from here on. Returns false
    // (and owns nothing) when libcurl refuses the handle.
    bool add(CurlTransfer *transfer);
    // Lets libcurl act on the transfers just added now rather than on the next turn of the
    // event loop, so that a request started from a handler (the next page of a list) is on the
    // wire before the handler goes on with other work. Reports nothing synchronously: finished
    // transfers are reported from the event loop. Does nothing inside libcurl's callbacks.
    void kick();
    // Ends a transfer whose request goes away. Safe inside libcurl callbacks: the easy handle is
    // then removed as soon as libcurl returns.
    void cancel(CurlTransfer *transfer);
    // Frees a transfer libcurl no longer holds (not added, or removed).
    static void destroyTransfer(CurlTransfer *transfer);

    // Number of transfers in the handle (tests).
    int transferCount() const { return int(m_transfers.size()); }

private:
    CurlMulti();
    static int socketCallback(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
    static int timerCallback(CURLM *multi, long timeoutMs, void *userp);
    void onSocketActivity(curl_socket_t s, int eventMask);
    void onTimeout();
    // Reads finished transfers and hands them to their requests; then removes what was
    // cancelled inside callbacks.
    void drain();

    struct SocketWatch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    CURLM *m_multi = nullptr;
    QTimer *m_timer = nullptr;
    QHash<CURL *, CurlTransfer *> m_transfers;
    QHash<curl_socket_t, SocketWatch> m_sockets;
    QList<CurlTransfer *> m_cancelled;  // cancelled inside callbacks, removed by drain()
    QList<CurlTransfer *> m_pendingAdd; // started inside callbacks, added by onTimeout()
    int m_inCurl = 0; // > 0 while libcurl is running (its callbacks may be on the stack)
    bool m_drainQueued = false; // kick() asked for a drain() from the event loop
};

} // namespace ivcap::net
