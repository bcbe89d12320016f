#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace ivcap {

// What a sign-in yields. There is deliberately no QDebug operator or toString(): tokens must
// never reach a log.
struct AuthTokens
{
    QString accessToken;
    QString refreshToken;
    QString idToken;
    // When the access token stops working; invalid when unknown.
    QDateTime expiry;

    bool isEmpty() const { return accessToken.isEmpty() && refreshToken.isEmpty(); }
    bool canRefresh() const { return !refreshToken.isEmpty(); }
    bool isExpired(const QDateTime &now = QDateTime::currentDateTimeUtc()) const
    {
        return expiry.isValid() && now >= expiry;
    }
    bool operator==(const AuthTokens &) const = default;
};

} // namespace ivcap

Q_DECLARE_METATYPE(ivcap::AuthTokens)
