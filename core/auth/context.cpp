#include "context.h"

#include "api/baseurl.h"

#include <QHostAddress>

namespace ivcap {

bool Context::isValid() const
{
    const QString scheme = url.scheme();
    return !name.trimmed().isEmpty() && url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("https") || scheme == QLatin1String("http"));
}

bool Context::isInsecure() const
{
    return url.scheme() == QLatin1String("http") && !isLoopback(url);
}

QUrl Context::normalizedUrl(const QUrl &url)
{
    return BaseUrl::normalized(url);
}

bool Context::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace ivcap
