#include "oauthroutes.h"
#include "httpreply.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace {
// Auth0 answers the pending states of the device flow with 403, as PROTOCOL.md §9 records.
QHttpServerResponse oauthError(int status, const QString &error)
{
    return HttpReply::json({{"error", error}}, status);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString randomString(const char *prefix)
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(prefix + base64Url(bytes));
}

// Unsigned (alg "none") so clients that skip JWKS verification can still read the claims.
QString idToken()
{
    const QJsonObject header{{"alg", "none"}, {"typ", "JWT"}};
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{"sub", "sandbox|user"},
                             {"name", "Sandbox User"},
                             {"nickname", "sandbox"},
                             {"email", "sandbox@localhost"},
                             {"acc", "4c65b865-df6a-4977-982a-f96b19c1fda0"},
                             {"iat", now},
                             {"exp", now + 3600}};
    return QString::fromLatin1(
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.');
}
} // namespace

QHttpServerResponse OAuthRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    if (request.method() != QHttpServerRequest::Method::Post)
        return oauthError(405, QStringLiteral("invalid_request"));
    if (path == QLatin1String("/oauth/device/code"))
        return deviceCode(request);
    if (path == QLatin1String("/oauth/token"))
        return token(request);
    return oauthError(404, QStringLiteral("invalid_request"));
}

bool OAuthRoutes::acceptsAccessToken(const QByteArray &token) const
{
    const auto it = m_accessTokens.constFind(token);
    return it != m_accessTokens.cend() && QDateTime::currentSecsSinceEpoch() < it.value();
}

QHttpServerResponse OAuthRoutes::deviceCode(const QHttpServerRequest &request)
{
    const QString code = randomString("dc-");
    const QString user = QStringLiteral("SAND-%1").arg(m_codes.size() + 1, 4, 10, QLatin1Char('0'));
    m_codes.insert(code, {0, QDateTime::currentSecsSinceEpoch() + 600});
    const QString verify = HttpReply::baseUrl(request) + QStringLiteral("/oauth/activate");
    return HttpReply::json(
        {{"device_code", code},
         {"user_code", user},
         {"verification_uri", verify},
         {"verification_uri_complete", QString(verify + QStringLiteral("?user_code=") + user)},
         {"expires_in", 600},
         {"interval", 1}});
}

QHttpServerResponse OAuthRoutes::issueTokens()
{
    const QString access = randomString("sbx-at-");
    const QString refresh = randomString("sbx-rt-");
    m_accessTokens.insert(access.toLatin1(),
                          QDateTime::currentSecsSinceEpoch() + m_options.tokenLifetime);
    m_refreshTokens.insert(refresh, true);
    return HttpReply::json({{"access_token", access},
                            {"refresh_token", refresh},
                            {"id_token", idToken()},
                            {"expires_in", m_options.tokenLifetime},
                            {"scope", "openid profile email offline_access"},
                            {"token_type", "Bearer"}});
}

QHttpServerResponse OAuthRoutes::token(const QHttpServerRequest &request)
{
    const QUrlQuery form(QString::fromUtf8(request.body()));
    const QString grant = form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded);
    if (grant == QLatin1String("refresh_token")) {
        const QString refresh =
            form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded);
        // Refresh tokens rotate: each works once, as with IdPs that enforce rotation.
        if (!m_refreshTokens.remove(refresh))
            return oauthError(403, QStringLiteral("invalid_grant"));
        return issueTokens();
    }
    if (grant != QLatin1String("urn:ietf:params:oauth:grant-type:device_code"))
        return oauthError(400, QStringLiteral("unsupported_grant_type"));

    const QString code = form.queryItemValue(QStringLiteral("device_code"), QUrl::FullyDecoded);
    const auto it = m_codes.find(code);
    if (it == m_codes.end())
        return oauthError(403, QStringLiteral("invalid_grant"));
    const int poll = ++it->polls;
    if (QDateTime::currentSecsSinceEpoch() >= it->expiresAt || m_options.expire) {
        m_codes.erase(it);
        return oauthError(403, QStringLiteral("expired_token"));
    }
    if (poll <= m_options.slowDown)
        return oauthError(429, QStringLiteral("slow_down"));
    if (m_options.deny) {
        m_codes.erase(it);
        return oauthError(403, QStringLiteral("access_denied"));
    }
    if (poll - m_options.slowDown <= m_options.approveAfter)
        return oauthError(403, QStringLiteral("authorization_pending"));
    m_codes.erase(it);
    return issueTokens();
}
