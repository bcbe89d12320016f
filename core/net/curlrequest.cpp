#include "curlrequest.h"

#include "curlmulti.h"

#include <QFile>
#include <QPointer>

#include <cstring>

namespace ivcap::net {

namespace {

// OpenSSL's X509_V_ERR_* verification results (x509_vfy.h; stable numbers), as libcurl reports
// them in CURLINFO_SSL_VERIFYRESULT.
enum X509Verify : long {
    Unspecified = 1,
    UnableToGetIssuerCert = 2,
    CertNotYetValid = 9,
    CertHasExpired = 10,
    DepthZeroSelfSigned = 18,
    SelfSignedInChain = 19,
    UnableToGetIssuerCertLocally = 20,
    UnableToVerifyLeafSignature = 21,
    CertRevoked = 23,
    HostnameMismatch = 62,
    IpAddressMismatch = 64,
};

CurlTransfer *transferOf(void *userp)
{
    return static_cast<CurlTransfer *>(userp);
}

} // namespace

CurlRequest::CurlRequest(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ivcap::net::CurlRequest::Headers>();
}

CurlRequest::~CurlRequest()
{
    if (m_transfer)
        m_multi->cancel(m_transfer);
}

void CurlRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    m_requestHeaders.append({name, value});
}

void CurlRequest::removeHeader(const QByteArray &name)
{
    m_requestHeaders.removeIf(
        [&name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray CurlRequest::requestHeader(const QByteArray &name) const
{
    for (const auto &[n, value] : m_requestHeaders) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void CurlRequest::replaceHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    m_requestHeaders.append({name, value});
}

QByteArray CurlRequest::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &[n, v] : m_headers) {
        if (n == lower)
            return v;
    }
    return {};
}

void CurlRequest::start()
{
    if (m_started)
        return;
    m_started = true;
    QByteArray extraCa;
    if (!m_caFile.isEmpty()) {
        QFile file(m_caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            failLater(ApiError::Kind::Local, tr("The CA certificate file %1 cannot be read: %2")
                                                 .arg(m_caFile, file.errorString()));
            return;
        }
        extraCa = file.readAll();
    }
    CURL *easy = curl_easy_init();
    if (!easy) {
        failLater(ApiError::Kind::Local, tr("Cannot start a request to %1: out of memory")
                                             .arg(m_url.toDisplayString(QUrl::RemoveQuery)));
        return;
    }
    auto *t = new CurlTransfer;
    t->easy = easy;
    t->request = this;
    t->body = m_body;
    t->source = m_bodySource;

    curl_easy_setopt(easy, CURLOPT_URL, m_url.toEncoded().constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errorBuffer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlRequest::headerCallback);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlRequest::writeCallback);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &CurlRequest::progressCallback);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, t);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    // Every coding this libcurl decodes; the caller sees the decoded bytes. Without it, a
    // coding the server applies anyway is passed through as it came.
    if (m_decodeContent)
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    else
        curl_easy_setopt(easy, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    // Redirects are the caller's decision (the token must not follow to another origin).
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    // Wait for an HTTP/2 connection being set up rather than open a second one beside it.
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    if (m_receiveBufferBytes > 0)
        curl_easy_setopt(easy, CURLOPT_BUFFERSIZE,
                         long(qBound(1024, m_receiveBufferBytes, 512 * 1024)));
    if (m_connectTimeout > 0)
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, long(m_connectTimeout));
    if (m_lowSpeedTime > 0) {
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, long(m_lowSpeedTime));
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, long(m_lowSpeedLimit));
    }

    // TLS: always verified. libcurl built with OpenSSL uses its compile-time bundle and
    // directory, not OpenSSL's defaults, so the variables curl's own tool and OpenSSL honour
    // are applied here; the bundle's directory (the system store) stays in use beside them.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    QByteArray caBundle = qgetenv("CURL_CA_BUNDLE");
    if (caBundle.isEmpty())
        caBundle = qgetenv("SSL_CERT_FILE");
    if (!caBundle.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, caBundle.constData());
    const QByteArray caDir = qgetenv("SSL_CERT_DIR");
    if (!caDir.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAPATH, caDir.constData());
    if (!extraCa.isEmpty()) {
        curl_blob blob{extraCa.data(), size_t(extraCa.size()), CURL_BLOB_COPY};
        curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &blob);
    }

    const bool hasBody =
        !m_body.isEmpty() || m_method == "POST" || m_method == "PUT" || m_method == "PATCH";
    if (m_method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (hasBody) {
        curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE,
                         curl_off_t(m_bodySource ? m_bodySize : m_body.size()));
        curl_easy_setopt(easy, CURLOPT_READFUNCTION, &CurlRequest::readCallback);
        curl_easy_setopt(easy, CURLOPT_READDATA, t);
    }
    if (m_method != "GET" && m_method != "HEAD")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, m_method.constData());

    // No `Expect: 100-continue`: a server that does not answer it would cost a second per
    // upload, and the body cap of the server answers in the status anyway.
    t->headers = curl_slist_append(t->headers, "Expect:");
    for (const auto &[name, value] : std::as_const(m_requestHeaders)) {
        const QByteArray line =
            value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value);
        t->headers = curl_slist_append(t->headers, line.constData());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);

    m_multi = CurlMulti::forCurrentThread();
    if (!m_multi->add(t)) {
        CurlMulti::destroyTransfer(t);
        failLater(ApiError::Kind::Local,
                  tr("Cannot start a request to %1").arg(m_url.toDisplayString(QUrl::RemoveQuery)));
        return;
    }
    m_transfer = t;
    if (m_transferTimeoutMs > 0) {
        m_stallTimer = new QTimer(this);
        m_stallTimer->setSingleShot(true);
        m_stallTimer->setInterval(m_transferTimeoutMs);
        connect(m_stallTimer, &QTimer::timeout, this, &CurlRequest::onStalled);
        m_stallTimer->start();
    }
    m_multi->kick();
}

void CurlRequest::touch()
{
    if (m_stallTimer)
        m_stallTimer->start();
}

void CurlRequest::onStalled()
{
    if (m_finished || !m_transfer)
        return;
    // From the event loop, never inside libcurl: the transfer is removed at once.
    m_multi->cancel(m_transfer);
    m_transfer = nullptr;
    m_curlCode = int(CURLE_OPERATION_TIMEDOUT);
    failLater(ApiError::Kind::Timeout,
              tr("%1 did not answer in time (nothing arrived for %2 ms)")
                  .arg(m_url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo).toDisplayString())
                  .arg(m_transferTimeoutMs));
}

void CurlRequest::abort()
{
    if (m_finished)
        return;
    if (m_transfer) {
        m_multi->cancel(m_transfer);
        m_transfer = nullptr;
    }
    failLater(ApiError::Kind::Cancelled, tr("The request was cancelled"));
}

size_t CurlRequest::headerCallback(char *data, size_t size, size_t count, void *userp)
{
    CurlRequest *r = transferOf(userp)->request;
    if (!r || !r->onHeaderLine(QByteArray::fromRawData(data, qsizetype(size * count))))
        return 0;
    return size * count;
}

size_t CurlRequest::writeCallback(char *data, size_t size, size_t count, void *userp)
{
    CurlRequest *r = transferOf(userp)->request;
    if (!r || !r->onBody(data, qsizetype(size * count)))
        return 0; // libcurl ends the transfer with CURLE_WRITE_ERROR
    return size * count;
}

size_t CurlRequest::readCallback(char *data, size_t size, size_t count, void *userp)
{
    CurlTransfer *t = transferOf(userp);
    if (!t->request)
        return CURL_READFUNC_ABORT;
    if (t->source) {
        const qint64 n = t->source(data, qint64(size * count));
        if (n < 0 || !t->request) {
            if (t->request)
                t->request->m_sourceFailed = true;
            return CURL_READFUNC_ABORT;
        }
        return size_t(n);
    }
    const qint64 n = qMin<qint64>(qint64(size * count), t->body.size() - t->bodySent);
    std::memcpy(data, t->body.constData() + t->bodySent, size_t(n));
    t->bodySent += n;
    return size_t(n);
}

int CurlRequest::progressCallback(void *userp, curl_off_t, curl_off_t, curl_off_t ulTotal,
                                  curl_off_t ulNow)
{
    CurlRequest *r = transferOf(userp)->request;
    if (!r)
        return 1; // aborts the transfer
    if (ulTotal > 0 && ulNow != r->m_lastUploadReported) {
        r->m_lastUploadReported = ulNow;
        r->touch();
        QPointer<CurlRequest> alive(r);
        Q_EMIT r->uploadProgress(qint64(ulNow), qint64(ulTotal));
        if (!alive)
            return 1;
    }
    return 0;
}

bool CurlRequest::onHeaderLine(const QByteArray &raw)
{
    touch();
    if (m_headersDone)
        return true; // trailers
    const QByteArray line = raw.trimmed();
    if (raw.startsWith("HTTP/")) {
        const QList<QByteArray> parts = line.split(' ');
        m_pendingStatus = parts.size() > 1 ? parts.at(1).toInt() : 0;
        m_pendingReason = QString::fromLatin1(line).section(QLatin1Char(' '), 2);
        m_pendingHeaders.clear();
        return true;
    }
    if (!line.isEmpty()) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            m_pendingHeaders.append(
                {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        return true;
    }
    // The end of one header block: interim 1xx answers are not the answer.
    if (m_pendingStatus < 200)
        return true;
    m_headersDone = true;
    m_status = m_pendingStatus;
    m_reasonPhrase = m_pendingReason;
    m_headers = std::exchange(m_pendingHeaders, {});
    long version = 0;
    curl_easy_getinfo(m_transfer->easy, CURLINFO_HTTP_VERSION, &version);
    m_httpVersion = version == CURL_HTTP_VERSION_1_0   ? 10
                    : version == CURL_HTTP_VERSION_1_1 ? 11
                    : version == CURL_HTTP_VERSION_2_0 ? 20
                    : version == CURL_HTTP_VERSION_3   ? 30
                                                       : 0;
    const bool bodyless = m_method == "HEAD" || m_status == 204 || m_status == 304;
    bool lengthOk = true;
    const qint64 declared = header("content-length").toLongLong(&lengthOk);
    if (!bodyless && lengthOk && declared > m_maxBodyBytes) {
        m_tooLarge = true;
        return false;
    }
    QPointer<CurlRequest> alive(this);
    Q_EMIT headersReceived(m_status, m_headers);
    return !alive.isNull();
}

bool CurlRequest::onBody(const char *data, qsizetype size)
{
    touch();
    m_received += size;
    if (m_received > m_maxBodyBytes) {
        m_tooLarge = true;
        return false;
    }
    m_buffer.append(data, size);
    QPointer<CurlRequest> alive(this);
    Q_EMIT readyRead();
    return !alive.isNull();
}

void CurlRequest::takeResult(CurlTransfer *transfer, CURLcode result)
{
    CURL *easy = transfer->easy;
    m_transfer = nullptr;
    if (m_stallTimer)
        m_stallTimer->stop();
    m_curlCode = int(result);
    const QString where =
        m_url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment)
            .toDisplayString();
    // The transfer's error buffer says more than curl_easy_strerror where libcurl filled it.
    const QString curlMessage = QString::fromUtf8(
        transfer->errorBuffer[0] ? transfer->errorBuffer : curl_easy_strerror(result));
    if (result == CURLE_OK) {
        m_errorKind = ApiError::Kind::None;
        return;
    }
    if (m_tooLarge) {
        m_errorKind = ApiError::Kind::TooLarge;
        m_errorString = tr("The answer from %1 is larger than the limit of %2 bytes")
                            .arg(where)
                            .arg(m_maxBodyBytes);
        return;
    }
    if (m_sourceFailed) {
        m_errorKind = ApiError::Kind::Local;
        m_errorString = tr("The data to send to %1 cannot be read").arg(where);
        return;
    }
    switch (result) {
    case CURLE_PEER_FAILED_VERIFICATION: {
        long verify = 0;
        curl_easy_getinfo(easy, CURLINFO_SSL_VERIFYRESULT, &verify);
        m_sslVerifyResult = verify;
        m_errorKind = ApiError::Kind::Network;
        m_errorString = certificateMessage(verify, curlMessage);
        return;
    }
    case CURLE_OPERATION_TIMEDOUT:
        m_errorKind = ApiError::Kind::Timeout;
        m_errorString = tr("%1 did not answer in time (%2)").arg(where, curlMessage);
        return;
    case CURLE_SSL_CACERT_BADFILE:
        m_errorKind = ApiError::Kind::Local;
        m_errorString = tr("The trusted CA certificates cannot be read (%1)").arg(curlMessage);
        return;
    case CURLE_BAD_CONTENT_ENCODING:
        m_errorKind = ApiError::Kind::MalformedResponse;
        m_errorString = tr("The answer from %1 cannot be decoded (%2)").arg(where, curlMessage);
        return;
    case CURLE_ABORTED_BY_CALLBACK:
    case CURLE_WRITE_ERROR:
        m_errorKind = ApiError::Kind::Cancelled;
        m_errorString = tr("The request was cancelled");
        return;
    case CURLE_UNSUPPORTED_PROTOCOL:
        // For an http(s) URL this can only be the answer: no status line (another protocol on
        // the port, which libcurl calls HTTP/0.9), an unsupported HTTP version or status code.
        if (m_url.scheme() == QLatin1String("http") || m_url.scheme() == QLatin1String("https")) {
            m_errorKind = ApiError::Kind::MalformedResponse;
            m_errorString = tr("The answer from %1 is not HTTP").arg(where);
            return;
        }
        Q_FALLTHROUGH();
    case CURLE_URL_MALFORMAT:
        m_errorKind = ApiError::Kind::Local;
        m_errorString = tr("%1 is not an HTTP or HTTPS address (%2)").arg(where, curlMessage);
        return;
    default:
        m_errorKind = ApiError::Kind::Network;
        m_errorString = tr("Cannot reach %1: %2").arg(where, curlMessage);
        return;
    }
}

QString CurlRequest::certificateMessage(long verifyResult, const QString &curlMessage) const
{
    const QString host = m_url.host();
    // OpenSSL checks the chain; libcurl then checks the name itself, and reports a mismatch
    // with an unspecific verify result and its own message, which names the target host name.
    if (verifyResult == HostnameMismatch || verifyResult == IpAddressMismatch ||
        ((verifyResult == 0 || verifyResult == Unspecified) &&
         curlMessage.contains(QLatin1String("target host name"))))
        return tr("The certificate presented by %1 is for another host name (%2).")
            .arg(host, curlMessage);
    switch (verifyResult) {
    case DepthZeroSelfSigned:
    case SelfSignedInChain:
        return tr("The certificate of %1 is self-signed and not trusted. Add its CA certificate "
                  "to the connection or to SSL_CERT_FILE.")
            .arg(host);
    case UnableToGetIssuerCert:
    case UnableToGetIssuerCertLocally:
    case UnableToVerifyLeafSignature:
        return tr("The certificate of %1 was issued by an unknown certificate authority (not in "
                  "the system store, SSL_CERT_FILE, SSL_CERT_DIR or the connection's CA file).")
            .arg(host);
    case CertHasExpired:
        return tr("The certificate of %1 has expired.").arg(host);
    case CertNotYetValid:
        return tr("The certificate of %1 is not valid yet (check the computer's clock).").arg(host);
    case CertRevoked:
        return tr("The certificate of %1 has been revoked.").arg(host);
    default:
        return tr("The certificate of %1 is not trusted: %2").arg(host, curlMessage);
    }
}

void CurlRequest::emitFinished()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

void CurlRequest::failToStart()
{
    m_transfer = nullptr;
    failLater(ApiError::Kind::Local,
              tr("Cannot start a request to %1").arg(m_url.toDisplayString(QUrl::RemoveQuery)));
}

void CurlRequest::detach()
{
    m_transfer = nullptr;
    m_errorKind = ApiError::Kind::Cancelled;
    m_errorString = tr("The request was cancelled");
    m_finished = true;
}

void CurlRequest::failLater(ApiError::Kind kind, const QString &message)
{
    m_errorKind = kind;
    m_errorString = message;
    if (m_stallTimer)
        m_stallTimer->stop();
    QMetaObject::invokeMethod(this, &CurlRequest::emitFinished, Qt::QueuedConnection);
}

} // namespace ivcap::net
