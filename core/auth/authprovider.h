#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace ivcap {

// The identity provider a deployment names in its /1/authinfo.yaml (PROTOCOL.md §9).
struct AuthProvider
{
    QString id;
    QUrl loginUrl;
    QUrl tokenUrl;
    QUrl codeUrl;
    QUrl jwksUrl;
    QString clientId;
    QString audience;

    bool isValid() const { return tokenUrl.isValid() && codeUrl.isValid() && !clientId.isEmpty(); }

    // The default provider of an authinfo.yaml document (the first one when none is named),
    // or nothing with `error` set; like the CLI, only version 1 is understood.
    static std::optional<AuthProvider> fromAuthInfo(const QByteArray &yaml, QString *error);
};

} // namespace ivcap
