#pragma once

#include "authtokens.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

class QObject;
class QUrl;

namespace ivcap {
namespace net {
class CurlRequest;
}

// The answer of an OAuth token endpoint (RFC 6749 §5, RFC 8628 §3.5): tokens, or an error
// code such as authorization_pending, slow_down, expired_token, access_denied, invalid_grant.
struct TokenResponse
{
    AuthTokens tokens;
    QString error;
    QString errorDescription;

    bool isSuccess() const { return error.isEmpty() && !tokens.accessToken.isEmpty(); }

    // Expiry is now + expires_in - 10 s, as the CLI stores it, so a token is renewed a little
    // before the server starts refusing it.
    static TokenResponse parse(const QByteArray &body, const QDateTime &now);
    // The most bytes of an IdP's answer read (a token answer is a few KiB).
    static constexpr qint64 MaxBytes = 1024 * 1024;
    // A POST of `form` (application/x-www-form-urlencoded, RFC 6749 §4.1.3 / RFC 8628 §3.1)
    // to an identity provider on the one HTTP stack, not yet started: the app's User-Agent, no
    // bearer token (the IdP's credentials are the form's), no redirects followed (a 3xx is an
    // answer), 30 s without a byte count as a timeout, answers over MaxBytes fail with
    // ApiError::Kind::TooLarge, and `caFile` (the context's CA file, may be empty) trusted
    // beside the system store. `parent` owns it; deleting it cancels the exchange.
    static net::CurlRequest *newFormRequest(const QUrl &url, const QByteArray &form,
                                            const QString &caFile, QObject *parent);
};

} // namespace ivcap
