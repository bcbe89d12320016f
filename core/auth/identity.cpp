#include "identity.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace ivcap {

QString Identity::displayName() const
{
    if (!name.isEmpty())
        return name;
    return nickname.isEmpty() ? email : nickname;
}

Identity Identity::fromIdToken(const QString &idToken)
{
    const QStringList parts = idToken.split(QLatin1Char('.'));
    if (parts.size() < 2)
        return {};
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    Identity identity;
    identity.name = claims.value(QLatin1String("name")).toString();
    identity.nickname = claims.value(QLatin1String("nickname")).toString();
    identity.email = claims.value(QLatin1String("email")).toString();
    const QString account = claims.value(QLatin1String("acc")).toString();
    const QString provider = claims.value(QLatin1String("ivcap/claims/provider")).toString();
    if (!account.isEmpty()) {
        identity.accountId = QStringLiteral("urn:ivcap:account:") + account;
        identity.providerId =
            QStringLiteral("urn:ivcap:provider:") + (provider.isEmpty() ? account : provider);
    }
    return identity;
}

} // namespace ivcap
