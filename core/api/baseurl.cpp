#include "baseurl.h"

namespace ivcap {

QUrl BaseUrl::normalized(const QUrl &url)
{
    if (url.isEmpty() || !url.isValid())
        return url;
    QUrl result = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    result.setScheme(result.scheme().toLower());
    result.setHost(result.host().toLower());
    const int defaultPort = result.scheme() == QLatin1String("https")  ? 443
                            : result.scheme() == QLatin1String("http") ? 80
                                                                       : -1;
    if (defaultPort > 0 && result.port() == defaultPort)
        result.setPort(-1);
    QString path = result.path(QUrl::FullyEncoded);
    while (path.contains(QLatin1String("//")))
        path.replace(QLatin1String("//"), QLatin1String("/"));
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    result.setPath(path, QUrl::TolerantMode);
    return result;
}

QUrl BaseUrl::fromUserText(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // People type host names; a deployment is always reached over HTTP(S).
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("https://"));
    const QUrl url = normalized(QUrl(trimmed, QUrl::StrictMode));
    const bool web =
        url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
    return url.isValid() && web && !url.host().isEmpty() ? url : QUrl();
}

} // namespace ivcap
