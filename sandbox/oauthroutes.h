#pragma once

#include <QHttpServerResponse>
#include <QString>

class QHttpServerRequest;

// A stand-in identity provider for the device flow advertised in /1/authinfo.yaml: every
// device code is approved at once and every grant yields the sandbox's one bearer token.
class OAuthRoutes
{
public:
    explicit OAuthRoutes(QString token) : m_token(std::move(token)) {}
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &path) const;

private:
    QHttpServerResponse deviceCode(const QHttpServerRequest &request) const;
    QHttpServerResponse token(const QHttpServerRequest &request) const;
    QString m_token;
};
