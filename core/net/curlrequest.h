#pragma once

#include "api/apierror.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <curl/curl.h>

#include <functional>

namespace ivcap::net {

class CurlMulti;
struct CurlTransfer;

// One HTTP exchange over libcurl (RFC 9110 semantics, HTTP/1.1 or HTTP/2 as the server offers
// over TLS), run by the thread's CurlMulti in the Qt event loop. Configure it, call start(), and
// read the answer from the signals; destroying the object cancels the transfer at once (the
// connection is closed, no signal follows).
//
// What it does for every request:
// - asks for any content coding libcurl can decode (gzip, deflate, br, zstd) and hands out the
//   decoded bytes; the raw `content-encoding` header is still in headers();
// - never follows a redirect: a 3xx arrives as an answer, so the caller decides (RedirectPolicy);
// - verifies the server's certificate and host name against the system store, or the CA bundle
//   named by `CURL_CA_BUNDLE` or `SSL_CERT_FILE` and the directory in `SSL_CERT_DIR` as curl and
//   OpenSSL honour them, plus the request's own CA file (setCaFile);
// - uses the proxy from `http_proxy` / `https_proxy` / `all_proxy`, except for `no_proxy` hosts
//   (libcurl reads these itself);
// - aborts with ApiError::Kind::TooLarge once the body (decoded) or its declared length passes
//   maxBodyBytes().
//
// An HTTP status, 4xx or 5xx included, is an answer, not an error: error() is about the transfer
// (connection, TLS, timeout, cap, cancellation). Mapping a status to an ApiError is the caller's.
class CurlRequest : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>; // names in lower case, in order

    static constexpr qint64 DefaultMaxBodyBytes = 64 * 1024 * 1024;

    explicit CurlRequest(QObject *parent = nullptr);
    ~CurlRequest() override;

    // Configuration; takes effect at start().
    void setMethod(const QByteArray &method) { m_method = method; } // "GET" by default
    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    // Adds a request header (sent as given; a later one with the same name is sent too).
    void setHeader(const QByteArray &name, const QByteArray &value);
    // Drops every request header named `name` (case-insensitive), so that a caller can replace
    // one a factory such as Connection::newRequest put in (Accept, Authorization).
    void removeHeader(const QByteArray &name);
    // Replaces every request header of that name (case-insensitive) given so far with this one.
    void replaceHeader(const QByteArray &name, const QByteArray &value);
    // The first request header of that name (case-insensitive) given so far; null when none.
    QByteArray requestHeader(const QByteArray &name) const;
    // The request body, sent with a Content-Length.
    void setBody(const QByteArray &body) { m_body = body; }
    // Fills at most `max` bytes of the body into `buffer` and returns how many it wrote (0 only
    // at the end), or -1 when the data cannot be read.
    using BodySource = std::function<qint64(char *buffer, qint64 max)>;
    // A body of `size` bytes read from `source` as the connection takes it (a file part), so
    // it is never all in memory. A source that returns -1 ends the request with
    // ApiError::Kind::Local. `source` is called in this object's thread, only while it lives.
    void setBodySource(qint64 size, BodySource source)
    {
        m_bodySize = size;
        m_bodySource = std::move(source);
    }
    // Seconds allowed to set up the connection (TCP and TLS); 0 = libcurl's default (300 s).
    void setConnectTimeout(int seconds) { m_connectTimeout = seconds; }
    // Aborts with ApiError::Kind::Timeout when fewer than `bytesPerSecond` bytes move in
    // either direction for `seconds` in a row (a stalled server or link). 0 = never.
    void setLowSpeedTimeout(int seconds, int bytesPerSecond = 1)
    {
        m_lowSpeedTime = seconds;
        m_lowSpeedLimit = bytesPerSecond;
    }
    // Ends the request with ApiError::Kind::Timeout when no byte of the answer (or of the
    // request body) moves for `ms` milliseconds, connection setup included; 0 = never. The
    // same rule as QNetworkRequest::setTransferTimeout, to the millisecond.
    void setTransferTimeout(int ms) { m_transferTimeoutMs = ms; }
    // A PEM file of CA certificates trusted for this request in addition to the system store
    // (a deployment whose CA is not in it). An unreadable file fails the request with
    // ApiError::Kind::Local.
    void setCaFile(const QString &path) { m_caFile = path; }
    // Off: no content coding is asked for or decoded, and the body is handed out exactly as it
    // came, so byte offsets (Range, Content-Range: RFC 9110 §14) count the bytes received, as a
    // resumed download needs. On (the default): gzip, deflate, br and zstd, decoded.
    void setDecodeContent(bool on) { m_decodeContent = on; }
    // The most body bytes (after decoding) accepted; the default is 64 MiB.
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    // How many bytes libcurl reads from the connection at a time (CURLOPT_BUFFERSIZE, 1 KiB to
    // 512 KiB; 0, the default, keeps libcurl's 16 KiB). A large body read in larger pieces costs
    // fewer reads and turns of the event loop per byte; readyRead() still comes for every
    // 16 KiB at most, as libcurl hands its body out in pieces of that size.
    void setReceiveBufferBytes(int bytes) { m_receiveBufferBytes = bytes; }

    // Starts the transfer. Every outcome, a failure to start included, ends in finished(),
    // which is always emitted from the event loop, never from inside start().
    void start();
    // Ends the transfer now with ApiError::Kind::Cancelled; finished() is emitted (queued).
    void abort();

    // The answer so far.
    int status() const { return m_status; } // 0 until headersReceived()
    // The status line's reason phrase ("Not Found"); empty over HTTP/2, which has none.
    QString reasonPhrase() const { return m_reasonPhrase; }
    const Headers &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const; // first value, case-insensitive name
    // The decoded body received since the last readAll().
    QByteArray readAll() { return std::exchange(m_buffer, {}); }
    qint64 bytesReceived() const { return m_received; }
    // 10, 11, 20 or 30 (HTTP/1.0, 1.1, 2, 3) once the answer's headers have arrived; 0 before.
    int httpVersion() const { return m_httpVersion; }
    bool isFinished() const { return m_finished; }

    // The outcome, once finished() has been emitted: Kind::None for a complete answer.
    ApiError::Kind errorKind() const { return m_errorKind; }
    QString errorString() const { return m_errorString; }
    int curlCode() const { return m_curlCode; }
    // The X.509 verification result (OpenSSL's X509_V_* code) of a failed certificate check.
    long sslVerifyResult() const { return m_sslVerifyResult; }

Q_SIGNALS:
    // The final status line and headers (interim 1xx answers and a proxy's CONNECT answer are
    // not reported).
    void headersReceived(int status, const ivcap::net::CurlRequest::Headers &headers);
    // More body bytes are ready for readAll().
    void readyRead();
    // Request body bytes handed to the connection so far, of `total`.
    void uploadProgress(qint64 sent, qint64 total);
    // The transfer ended (answer complete or error()); emitted once.
    void finished();

private:
    friend class CurlMulti;
    static size_t headerCallback(char *data, size_t size, size_t count, void *userp);
    static size_t writeCallback(char *data, size_t size, size_t count, void *userp);
    static size_t readCallback(char *data, size_t size, size_t count, void *userp);
    static int progressCallback(void *userp, curl_off_t dlTotal, curl_off_t dlNow,
                                curl_off_t ulTotal, curl_off_t ulNow);
    bool onHeaderLine(const QByteArray &line);
    bool onBody(const char *data, qsizetype size);
    // Called by CurlMulti when libcurl is done with the transfer, before the easy handle goes.
    void takeResult(CurlTransfer *transfer, CURLcode result);
    void emitFinished();
    // Called by CurlMulti when the handle could not be added, or when the thread's multi
    // handle goes away while the transfer runs.
    void failToStart();
    void detach();
    void failLater(ApiError::Kind kind, const QString &message);
    void touch(); // data moved: the transfer timeout starts again
    void onStalled();
    QString certificateMessage(long verifyResult, const QString &curlMessage) const;

    QByteArray m_method = "GET";
    QUrl m_url;
    Headers m_requestHeaders;
    QByteArray m_body;
    qint64 m_bodySize = -1; // of m_bodySource
    BodySource m_bodySource;
    int m_connectTimeout = 0;
    int m_transferTimeoutMs = 0;
    QTimer *m_stallTimer = nullptr;
    int m_lowSpeedTime = 0;
    int m_lowSpeedLimit = 1;
    QString m_caFile;
    qint64 m_maxBodyBytes = DefaultMaxBodyBytes;
    bool m_decodeContent = true;
    int m_receiveBufferBytes = 0;

    CurlMulti *m_multi = nullptr; // the thread's, while a transfer runs
    CurlTransfer *m_transfer = nullptr;
    int m_status = 0;
    Headers m_headers;
    Headers m_pendingHeaders;
    int m_pendingStatus = 0;
    QString m_reasonPhrase;
    QString m_pendingReason;
    QByteArray m_buffer;
    qint64 m_received = 0;
    int m_httpVersion = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_headersDone = false;
    bool m_tooLarge = false;
    bool m_sourceFailed = false;
    qint64 m_lastUploadReported = -1;

    ApiError::Kind m_errorKind = ApiError::Kind::None;
    QString m_errorString;
    int m_curlCode = 0;
    long m_sslVerifyResult = 0;
};

} // namespace ivcap::net

Q_DECLARE_METATYPE(ivcap::net::CurlRequest::Headers)
