#pragma once

#include "authtokens.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

class QNetworkRequest;
class QUrl;

namespace ivcap {

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
    // A POST of form fields to an IdP: no bearer token, no redirects.
    static QNetworkRequest formRequest(const QUrl &url);
};

} // namespace ivcap
