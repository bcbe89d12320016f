#pragma once

#include <QString>
#include <QUrl>

namespace ivcap {

// The one normalisation of a deployment's base URL, used by every way a user can name one
// (--url, IVCAP_URL, the welcome and Connections dialogs, the CLI's config.yaml, saved
// contexts) and again by Connection::setBaseUrl, so requests always go to `<base>/1/...`.
class BaseUrl
{
public:
    // Scheme and host in lower case (RFC 3986 §6.2.2.1), the scheme's default port dropped
    // (§6.2.3), the path's runs of '/' collapsed and trailing '/' removed, so "http://h:80/"
    // becomes "http://h" and "https://H/api//" becomes "https://h/api"; a path prefix is kept
    // (requests then go to /api/1/...). Query, fragment and user info are dropped: a base URL
    // carries none, and credentials in it would travel with every request. An invalid or
    // empty URL is returned unchanged.
    static QUrl normalized(const QUrl &url);
    // What a person typed or pasted: trimmed, "https://" added when no scheme is given, then
    // normalized(). Returns an empty QUrl unless the result is http(s) with a host.
    static QUrl fromUserText(const QString &text);
};

} // namespace ivcap
