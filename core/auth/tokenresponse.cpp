#include "tokenresponse.h"

#include "api/connection.h"
#include "net/curlrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
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

net::CurlRequest *TokenResponse::newFormRequest(const QUrl &url, const QByteArray &form,
                                                const QString &caFile, QObject *parent)
{
    auto *request = new net::CurlRequest(parent);
    request->setMethod("POST");
    request->setUrl(url);
    request->setHeader("Content-Type", "application/x-www-form-urlencoded");
    request->setHeader("Accept", "application/json");
    request->setHeader("User-Agent", Connection::userAgent());
    request->setBody(form);
    request->setTransferTimeout(30000);
    request->setMaxBodyBytes(MaxBytes);
    if (!caFile.isEmpty())
        request->setCaFile(caFile);
    return request;
}

} // namespace ivcap
