#pragma once

#include "authprovider.h"
#include "authtokens.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

class QTimer;

namespace ivcap {
namespace net {
class CurlRequest;
}

class Connection;

// Keeps a connection's access token fresh with the refresh-token grant: shortly before the
// token expires, and when a request got a 401 (the request is then sent once more with the
// new token, see Connection::setRefreshHandler). Requests that fail together share one
// refresh. The refresh token travels only to the provider's token endpoint (RFC 6749 §6), on
// the one HTTP stack with the connection's CA file (TokenResponse::newFormRequest). New tokens
// are announced through tokensRefreshed() so they can be stored (and,
// for a context imported from the CLI, written back to its file).
class TokenRefresher : public QObject
{
    Q_OBJECT
public:
    explicit TokenRefresher(Connection *connection, QObject *parent = nullptr);
    ~TokenRefresher() override;

    void setProvider(const AuthProvider &provider) { m_provider = provider; }
    AuthProvider provider() const { return m_provider; }
    // Puts the access token on the connection and schedules the next refresh.
    void setTokens(const AuthTokens &tokens);
    AuthTokens tokens() const { return m_tokens; }
    // How long before expiry the token is renewed.
    void setMarginMs(int ms) { m_marginMs = ms; }
    bool isRefreshing() const { return !m_request.isNull(); }

    // Asks the provider for new tokens now (once, however often it is called meanwhile);
    // tokensRefreshed() or refreshFailed() follows from the event loop.
    void refresh();

Q_SIGNALS:
    void tokensRefreshed(const ivcap::AuthTokens &tokens);
    // `signInRequired` when the IdP no longer accepts the refresh token (invalid_grant,
    // access_denied); otherwise the IdP could not be reached or answered something else, and
    // `message` says which.
    void refreshFailed(const QString &message, bool signInRequired);

private:
    void schedule();
    void onReply();
    void finish(bool refreshed);

    QPointer<Connection> m_connection;
    AuthProvider m_provider;
    AuthTokens m_tokens;
    QPointer<net::CurlRequest> m_request;
    QTimer *m_timer;
    int m_marginMs = 60000;
    std::vector<std::function<void(bool)>> m_waiting;
};

} // namespace ivcap
