#pragma once

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace ivcap {

// One deployment the user can connect to, as the IVCAP CLI names it. Tokens are not part of
// it: they live in the keychain (TokenStore), never next to these settings.
struct Context
{
    QString name;
    QUrl url;
    QString accountId;
    // Sent as the Host header instead of the URL's host (for SSH tunnels).
    QString hostOverride;
    // Imported from the IVCAP CLI, whose config file then receives refreshed tokens.
    bool fromCli = false;
    // The API version to speak ("0.28", "0.48"), pinned by the user; empty: detect it on
    // connecting (Connection::detectApi). Not the CLI's `api-version`, which nothing reads.
    QString apiVersion;
    // A PEM file of CA certificates trusted for this deployment besides the system store and
    // SSL_CERT_FILE / SSL_CERT_DIR (a deployment with its own CA), as an absolute path; empty
    // for none. Set on the context's Connection (Connection::setCaFile); CaFile checks it.
    QString caFile;

    bool isValid() const;
    // Plain http to anything but this machine: the token would cross the network readable.
    bool isInsecure() const;
    static bool isLoopback(const QUrl &url);
    // BaseUrl::normalized(): no trailing slash (later CLIs trim it too), query or fragment.
    static QUrl normalizedUrl(const QUrl &url);

    bool operator==(const Context &) const = default;
};

} // namespace ivcap

Q_DECLARE_METATYPE(ivcap::Context)
