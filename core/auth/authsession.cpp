#include "authsession.h"

#include "api/connection.h"
#include "cliconfigimporter.h"
#include "tokenrefresher.h"
#include "tokenstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

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
    if (m_discovery) {
        disconnect(m_discovery, nullptr, this, nullptr);
        m_discovery->abort();
    }
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
    QNetworkRequest request(m_connection->apiUrl(QStringLiteral("/1/authinfo.yaml")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_context.hostOverride.isEmpty())
        request.setRawHeader("Host", m_context.hostOverride.toUtf8());
    m_discovery = m_connection->network()->get(request);
    connect(m_discovery, &QNetworkReply::finished, this, [this, reply = m_discovery.data()] {
        reply->deleteLater();
        QString error;
        const auto provider = AuthProvider::fromAuthInfo(reply->read(1024 * 1024), &error);
        // Without a provider the token cannot be renewed; a 401 then asks the user to sign in.
        if (reply->error() == QNetworkReply::NoError && provider)
            m_refresher->setProvider(*provider);
    });
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
