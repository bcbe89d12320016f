#pragma once

#include <QHash>
#include <QHttpServerResponse>
#include <QString>

class QHttpServerRequest;

// A loopback identity provider for the device flow advertised in /1/authinfo.yaml. It issues
// access tokens that expire and refresh tokens that rotate, and can be told how the user
// "answers" so clients can test every outcome of the flow.
class OAuthRoutes
{
public:
    struct Options
    {
        int approveAfter = 0;     // answer authorization_pending to this many polls first
        bool deny = false;        // the user denies: access_denied
        bool expire = false;      // the code expires before approval: expired_token
        int slowDown = 0;         // answer slow_down to this many polls first
        int tokenLifetime = 3600; // seconds an issued access token is accepted
    };

    explicit OAuthRoutes(QString token) : m_token(std::move(token)) {}
    void setOptions(const Options &options) { m_options = options; }

    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &path);
    // True for an unexpired access token this provider issued.
    bool acceptsAccessToken(const QByteArray &token) const;

private:
    struct DeviceCode
    {
        int polls = 0;
        qint64 expiresAt = 0;
    };

    QHttpServerResponse deviceCode(const QHttpServerRequest &request);
    QHttpServerResponse token(const QHttpServerRequest &request);
    QHttpServerResponse issueTokens();

    QString m_token;
    Options m_options;
    QHash<QString, DeviceCode> m_codes;
    QHash<QByteArray, qint64> m_accessTokens; // token -> expiry (seconds since epoch)
    QHash<QString, bool> m_refreshTokens;
};
