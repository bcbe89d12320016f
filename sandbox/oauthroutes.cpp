#include "oauthroutes.h"
#include "httpreply.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace {
QHttpServerResponse oauthError(int status, const QString &error)
{
    return HttpReply::json({{"error", error}}, status);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
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

QHttpServerResponse OAuthRoutes::handle(const QHttpServerRequest &request,
                                        const QString &path) const
{
    if (request.method() != QHttpServerRequest::Method::Post)
        return oauthError(405, QStringLiteral("invalid_request"));
    if (path == QLatin1String("/oauth/device/code"))
        return deviceCode(request);
    if (path == QLatin1String("/oauth/token"))
        return token(request);
    return oauthError(404, QStringLiteral("invalid_request"));
}

QHttpServerResponse OAuthRoutes::deviceCode(const QHttpServerRequest &request) const
{
    const QString verify = HttpReply::baseUrl(request) + QStringLiteral("/oauth/activate");
    return HttpReply::json(
        {{"device_code", "sandbox-device-code"},
         {"user_code", "SAND-BOX1"},
         {"verification_uri", verify},
         {"verification_uri_complete", QString(verify + QStringLiteral("?user_code=SAND-BOX1"))},
         {"expires_in", 600},
         {"interval", 1}});
}

QHttpServerResponse OAuthRoutes::token(const QHttpServerRequest &request) const
{
    const QUrlQuery form(QString::fromUtf8(request.body()));
    const QString grant = form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded);
    if (grant != QLatin1String("urn:ietf:params:oauth:grant-type:device_code") &&
        grant != QLatin1String("refresh_token"))
        return oauthError(400, QStringLiteral("unsupported_grant_type"));
    return HttpReply::json({{"access_token", m_token},
                            {"refresh_token", "sandbox-refresh-token"},
                            {"id_token", idToken()},
                            {"expires_in", 3600},
                            {"scope", "openid profile email offline_access"},
                            {"token_type", "Bearer"}});
}
