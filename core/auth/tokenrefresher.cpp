#include "tokenrefresher.h"

#include "api/connection.h"
#include "tokenresponse.h"

#include "net/curlrequest.h"

#include <QCoreApplication>
#include <QTimer>

namespace ivcap {

TokenRefresher::TokenRefresher(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection), m_timer(new QTimer(this))
{
    qRegisterMetaType<ivcap::AuthTokens>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &TokenRefresher::refresh);
    connection->setRefreshHandler(
        [self = QPointer<TokenRefresher>(this)](Connection::RefreshDone done) {
            if (!self) {
                done(false);
                return;
            }
            self->m_waiting.push_back(std::move(done));
            self->refresh();
        });
}

TokenRefresher::~TokenRefresher()
{
    delete m_request.data(); // cancels the exchange; nothing is reported
    if (m_connection)
        m_connection->setRefreshHandler({});
    // Requests still waiting go on with the error they had.
    for (auto &done : std::exchange(m_waiting, {})) {
        if (m_connection)
            QTimer::singleShot(0, m_connection.data(), [done] { done(false); });
        else
            done(false);
    }
}

void TokenRefresher::setTokens(const AuthTokens &tokens)
{
    m_tokens = tokens;
    if (m_connection)
        m_connection->setToken(tokens.accessToken);
    schedule();
}

void TokenRefresher::schedule()
{
    m_timer->stop();
    if (!m_tokens.canRefresh() || !m_tokens.expiry.isValid())
        return;
    const qint64 due = QDateTime::currentDateTimeUtc().msecsTo(m_tokens.expiry) - m_marginMs;
    // Capped so a long-lived token does not overflow the timer.
    m_timer->start(int(qBound<qint64>(0, due, 24LL * 3600 * 1000)));
}

void TokenRefresher::refresh()
{
    if (m_request)
        return;
    if (!m_tokens.canRefresh() || !m_provider.tokenUrl.isValid() || !m_connection) {
        QTimer::singleShot(0, this, [this] { finish(false); });
        return;
    }
    const QString form =
        Connection::encodeQuery({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("client_id"), m_provider.clientId},
                                 {QStringLiteral("refresh_token"), m_tokens.refreshToken}});
    m_request = TokenResponse::newFormRequest(m_provider.tokenUrl, form.toLatin1(),
                                              m_connection->caFile(), this);
    connect(m_request, &net::CurlRequest::finished, this, &TokenRefresher::onReply);
    m_request->start();
}

void TokenRefresher::onReply()
{
    net::CurlRequest *request = m_request;
    if (!request)
        return;
    m_request = nullptr;
    request->deleteLater();
    // A transfer that broke off (status 0, or a body cut short) is "cannot reach".
    const bool reached = request->errorKind() == ApiError::Kind::None;
    const int status = reached ? request->status() : 0;
    const TokenResponse response =
        TokenResponse::parse(request->readAll(), QDateTime::currentDateTimeUtc());
    if (!reached || !response.isSuccess()) {
        const bool signIn = response.error == QLatin1String("invalid_grant") ||
                            response.error == QLatin1String("access_denied");
        const QString message =
            status == 0 ? tr("Cannot reach the identity provider to renew the sign-in: %1")
                              .arg(request->errorString())
            : signIn ? tr("The sign-in has ended; please sign in again.")
                     : tr("The identity provider did not renew the sign-in (HTTP %1 %2)")
                           .arg(status)
                           .arg(response.error);
        finish(false);
        Q_EMIT refreshFailed(message, signIn);
        return;
    }
    AuthTokens tokens = response.tokens;
    // Without rotation the IdP sends no new refresh token, and the old one stays valid.
    if (tokens.refreshToken.isEmpty())
        tokens.refreshToken = m_tokens.refreshToken;
    if (tokens.idToken.isEmpty())
        tokens.idToken = m_tokens.idToken;
    setTokens(tokens);
    Q_EMIT tokensRefreshed(m_tokens);
    finish(true);
}

void TokenRefresher::finish(bool refreshed)
{
    for (auto &done : std::exchange(m_waiting, {}))
        done(refreshed);
}

} // namespace ivcap
