#pragma once

#include <QString>
#include <QUrl>

#include <optional>

class QObject;

namespace ivcap {
namespace net {
class CurlRequest;
}

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

    // The most bytes of authinfo.yaml read (the document is a few hundred bytes).
    static constexpr qint64 MaxAuthInfoBytes = 1024 * 1024;
    // `GET <baseUrl>/1/authinfo.yaml` on the one HTTP stack, not yet started: public, so no
    // token; the app's User-Agent, `hostOverride` as the Host header when set, no redirects
    // followed, 30 s without a byte count as a timeout, answers over MaxAuthInfoBytes fail with
    // ApiError::Kind::TooLarge, and `caFile` (may be empty) trusted beside the system store.
    // `parent` owns it; deleting it cancels the exchange.
    static net::CurlRequest *newDiscoveryRequest(const QUrl &baseUrl, const QString &hostOverride,
                                                 const QString &caFile, QObject *parent);
};

} // namespace ivcap
