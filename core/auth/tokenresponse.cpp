#include "tokenresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrl>

namespace ivcap {

TokenResponse TokenResponse::parse(const QByteArray &body, const QDateTime &now)
{
    TokenResponse response;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    response.error = object.value(QLatin1String("error")).toString();
    response.errorDescription = object.value(QLatin1String("error_description")).toString();
    if (!response.error.isEmpty())
        return response;
    response.tokens.accessToken = object.value(QLatin1String("access_token")).toString();
    response.tokens.refreshToken = object.value(QLatin1String("refresh_token")).toString();
    response.tokens.idToken = object.value(QLatin1String("id_token")).toString();
    const int expiresIn = object.value(QLatin1String("expires_in")).toInt(0);
    if (expiresIn > 0)
        response.tokens.expiry = now.toUTC().addSecs(qMax(0, expiresIn - 10));
    if (response.tokens.accessToken.isEmpty())
        response.error = QStringLiteral("invalid_response");
    return response;
}

QNetworkRequest TokenResponse::formRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30000);
    return request;
}

} // namespace ivcap
