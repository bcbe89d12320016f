#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace ivcap {

class Connection;

// Which redirects a request follows (RFC 9110 §15.4). The API has none of its own, but a
// deployment behind a proxy or load balancer may move a path (307/308) or canonicalise it
// (301/302/303). Followed: a redirect to the configured origin (Connection::isSameOrigin, so
// the bearer token never leaves it), for an idempotent request — 307/308 for GET, HEAD, PUT,
// DELETE and OPTIONS with method and body unchanged; 301/302/303 only for GET and HEAD —
// and at most kMaxHops times per request. Anything else is not followed and the error names
// the target, so a user can see where the server wanted to send the request.
class RedirectPolicy
{
public:
    static constexpr int kMaxHops = 5;

    struct Decision
    {
        bool follow = false;
        QUrl target;     // absolute; resolved against the request URL
        QString refusal; // why not followed (English, through tr()), naming the target
    };

    // `status` is the answer's HTTP status; `location` the raw Location header; `hops` how
    // many redirects this request followed already. For a status that is not a redirect,
    // returns follow = false and an empty refusal.
    static Decision decide(const Connection &connection, const QByteArray &method, int status,
                           const QUrl &requestUrl, const QByteArray &location, int hops);
    static bool isRedirect(int status);
    // The message of a redirect that is not followed: "... redirected the request to <target>".
    static QString notFollowed(const QUrl &target, const QString &why);
};

} // namespace ivcap
