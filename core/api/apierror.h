#pragma once

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace ivcap {
namespace net {
class CurlRequest;
}

// The one error type of the core: every failure of a call (network, timeout, HTTP status,
// unreadable body) is turned into an ApiError and delivered through one path.
struct ApiError
{
    enum class Kind {
        None,
        Network,           // connection refused, reset, DNS, TLS ...
        Timeout,           // no answer within the call's timeout
        Http,              // a non-2xx status not covered below
        Unauthorized,      // 401, or 400 invalid-credential / missing Authorization
        NotFound,          // 404
        InvalidParameter,  // 422 (field() names the parameter)
        MalformedResponse, // 2xx with a body that is not what the contract says
        TooLarge,          // body over the client's limit
        Cancelled,         // the caller went away or aborted
        Local,             // a local failure: file unreadable, disk full ...
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString goaError; // the `goa-error` response header
    QString message;  // human readable, already combined with the server's `message`
    QString field;    // InvalidParameterValue `name`
    QUrl url;         // the request URL without its query (no secrets in it)
    // Kind::Network because the server's certificate was not trusted (unknown issuer,
    // self-signed, another host name, expired): a CA file may be what is missing.
    bool untrustedCertificate = false;

    bool isError() const { return kind != Kind::None; }
    // Whether repeating the same idempotent request may succeed.
    bool isTransient() const;
    QString kindName() const;
    QString toString() const;

    // What a complete answer says, as plain values, so that its decoding can be exercised
    // without a network (fuzzing).
    struct Response
    {
        QUrl url;
        int httpStatus = 0;
        QByteArray goaError;
        QString reasonPhrase;
        QByteArray location; // the Location header of a redirect
    };
    static ApiError fromResponse(const Response &response, const QByteArray &body);
    // The outcome of a finished libcurl exchange to `url`: its transport error (Timeout,
    // TooLarge, Network with the certificate or connection message, Local, Cancelled) or, for
    // a complete answer, what fromResponse makes of its status, headers and `body`.
    static ApiError fromCurl(const net::CurlRequest &curl, const QUrl &url,
                             const QByteArray &body);
    static ApiError malformed(const QUrl &url, const QString &what);
    // An answer over the client's body limit.
    static ApiError tooLarge(const QUrl &url);
    static ApiError local(const QString &what);
};

} // namespace ivcap

Q_DECLARE_METATYPE(ivcap::ApiError)
