#pragma once

#include "authprovider.h"
#include "authtokens.h"
#include "context.h"
#include "identity.h"

#include <QObject>
#include <QPointer>

namespace ivcap {
namespace net {
class CurlRequest;
}

class Connection;
class TokenRefresher;
class TokenStore;

// The signed-in state of one connection: which context it talks to, its tokens and who they
// belong to. It puts the context on the Connection, keeps the token fresh (discovering the
// identity provider from authinfo.yaml when there is a refresh token, on the one HTTP stack
// with the connection's CA file), stores renewed tokens
// in the TokenStore and, for a context imported from the IVCAP CLI, writes them back to the
// CLI's config file so the CLI stays signed in.
class AuthSession : public QObject
{
    Q_OBJECT
public:
    AuthSession(Connection *connection, TokenStore *store, QObject *parent = nullptr);

    // Where contexts imported from the CLI get their refreshed tokens written.
    void setCliConfigPath(const QString &path) { m_cliConfigPath = path; }

    void activate(const Context &context, const AuthTokens &tokens);
    // After a sign-in for the active context (device flow or a pasted token); a context
    // imported from the CLI gets the tokens written back to the CLI's config file as well.
    void setTokens(const AuthTokens &tokens);
    // Forgets the tokens of the active context, here and in the keychain.
    void signOut();

    Context context() const { return m_context; }
    AuthTokens tokens() const;
    Identity identity() const { return Identity::fromIdToken(tokens().idToken); }
    TokenStore *tokenStore() const { return m_store; }
    // The connection the active context is put on (its detected API version, for example).
    Connection *connection() const { return m_connection; }

Q_SIGNALS:
    void contextChanged(const ivcap::Context &context);
    void tokensChanged();
    // The token can no longer be renewed; the user has to sign in again.
    void signInRequired(const QString &message);
    // Writing a refreshed token back to the CLI's config failed.
    void warning(const QString &message);

private:
    void discoverProvider();
    void onRefreshed(const AuthTokens &tokens);
    void writeBackToCli(const AuthTokens &tokens);

    QPointer<Connection> m_connection;
    TokenStore *m_store;
    TokenRefresher *m_refresher;
    QPointer<net::CurlRequest> m_discovery;
    Context m_context;
    QString m_cliConfigPath;
};

} // namespace ivcap
