#include "authsession.h"

#include "api/connection.h"
#include "cliconfigimporter.h"
#include "tokenrefresher.h"
#include "tokenstore.h"

#include "net/curlrequest.h"

namespace ivcap {

AuthSession::AuthSession(Connection *connection, TokenStore *store, QObject *parent)
    : QObject(parent), m_connection(connection), m_store(store),
      m_refresher(new TokenRefresher(connection, this)),
      m_cliConfigPath(CliConfigImporter::defaultPath())
{
    connect(m_refresher, &TokenRefresher::tokensRefreshed, this, &AuthSession::onRefreshed);
    connect(m_refresher, &TokenRefresher::refreshFailed, this,
            [this](const QString &message, bool signIn) {
                if (signIn)
                    Q_EMIT signInRequired(message);
            });
}

AuthTokens AuthSession::tokens() const
{
    return m_refresher->tokens();
}

void AuthSession::activate(const Context &context, const AuthTokens &tokens)
{
    // The last context's discovery: deleting it cancels it, and nothing is reported.
    delete m_discovery.data();
    m_context = context;
    m_refresher->setProvider({});
    if (m_connection) {
        m_connection->setBaseUrl(context.url);
        m_connection->setHostOverride(context.hostOverride);
        m_connection->setCaFile(context.caFile);
        m_connection->setAccountId(context.accountId);
        // A pinned version is taken as is; otherwise the deployment is asked which it speaks.
        if (!m_connection->setApiVersion(context.apiVersion))
            m_connection->detectApi();
    }
    m_refresher->setTokens(tokens);
    if (tokens.canRefresh())
        discoverProvider();
    Q_EMIT contextChanged(m_context);
    Q_EMIT tokensChanged();
}

void AuthSession::setTokens(const AuthTokens &tokens)
{
    m_refresher->setTokens(tokens);
    if (!m_context.name.isEmpty())
        m_store->store(m_context.name, tokens);
    writeBackToCli(tokens);
    if (tokens.canRefresh() && !m_refresher->provider().isValid())
        discoverProvider();
    Q_EMIT tokensChanged();
}

void AuthSession::signOut()
{
    m_refresher->setTokens({});
    if (!m_context.name.isEmpty())
        m_store->remove(m_context.name);
    Q_EMIT tokensChanged();
}

void AuthSession::discoverProvider()
{
    if (!m_connection)
        return;
    delete m_discovery.data();
    net::CurlRequest *request = AuthProvider::newDiscoveryRequest(
        m_connection->baseUrl(), m_context.hostOverride, m_connection->caFile(), this);
    m_discovery = request;
    connect(request, &net::CurlRequest::finished, this, [this, request] {
        request->deleteLater();
        const int status = request->status();
        if (request->errorKind() != ApiError::Kind::None || status < 200 || status > 299)
            return; // without a provider a 401 asks the user to sign in again
        QString error;
        if (const auto provider = AuthProvider::fromAuthInfo(request->readAll(), &error))
            m_refresher->setProvider(*provider);
    });
    request->start();
}

void AuthSession::onRefreshed(const AuthTokens &tokens)
{
    if (m_context.name.isEmpty())
        return;
    m_store->store(m_context.name, tokens);
    writeBackToCli(tokens);
    Q_EMIT tokensChanged();
}

void AuthSession::writeBackToCli(const AuthTokens &tokens)
{
    // The CLI keeps using the context too: it must not be left with a token we replaced.
    if (!m_context.fromCli || m_context.name.isEmpty() || tokens.accessToken.isEmpty())
        return;
    QString error;
    if (!CliConfigImporter::writeBackTokens(m_cliConfigPath, m_context.name, tokens, &error))
        Q_EMIT warning(error);
}

} // namespace ivcap
