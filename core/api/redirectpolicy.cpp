#include "redirectpolicy.h"

#include "connection.h"

#include <QCoreApplication>

namespace ivcap {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ivcap::RedirectPolicy", text);
}

bool isIdempotent(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS";
}
} // namespace

bool RedirectPolicy::isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QString RedirectPolicy::notFollowed(const QUrl &target, const QString &why)
{
    const QString where = target.isEmpty()
                              ? tr("without saying where (no Location header)")
                              : tr("to %1").arg(target.adjusted(QUrl::RemoveUserInfo).toString());
    return tr("The server redirected the request %1, which was not followed: %2").arg(where, why);
}

RedirectPolicy::Decision RedirectPolicy::decide(const Connection &connection,
                                                const QByteArray &method, int status,
                                                const QUrl &requestUrl, const QByteArray &location,
                                                int hops)
{
    Decision d;
    if (!isRedirect(status))
        return d;
    const QUrl relative = QUrl::fromEncoded(location.trimmed());
    if (location.trimmed().isEmpty() || !relative.isValid()) {
        d.refusal = notFollowed(QUrl(), tr("the answer names no valid target"));
        return d;
    }
    d.target = requestUrl.resolved(relative);
    const bool keepsMethod = status == 307 || status == 308;
    if (!connection.isSameOrigin(d.target)) {
        d.refusal = notFollowed(d.target, tr("it leaves the configured deployment, and the "
                                             "sign-in token is only sent there"));
    } else if (keepsMethod ? !isIdempotent(method) : (method != "GET" && method != "HEAD")) {
        d.refusal = notFollowed(d.target, tr("repeating a %1 request elsewhere could do it twice")
                                              .arg(QString::fromLatin1(method)));
    } else if (hops >= kMaxHops) {
        d.refusal = notFollowed(d.target, tr("more than %1 redirects").arg(kMaxHops));
    } else {
        d.follow = true;
    }
    return d;
}

} // namespace ivcap
