// Pagination links the server hands out: the page token read from links.next, the follow-up
// page URL built from it, and the re-basing of server URLs (links.self, data.self) on the
// configured deployment, which must never lead to another origin (the token would follow).
#include "api/connection.h"
#include "api/listquery.h"

#include "fuzzsupport.h"

#include <QNetworkRequest>

using namespace ivcap;

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString link = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    static Connection plain(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("t"));
    static Connection prefixed(QUrl(QStringLiteral("https://ivcap.example/api")),
                               QStringLiteral("t"));

    const QString token = ListQuery::pageToken(link);
    ListQuery query;
    const QUrl next = plain.apiUrl(QStringLiteral("/1/artifacts"), query.pageItems(token));
    fuzz::check(plain.isSameOrigin(next), "a follow-up page URL left the deployment");
    fuzz::check(ListQuery::pageToken(next.toString(QUrl::FullyEncoded)) == token,
                "the page token does not survive its own URL");

    for (Connection *c : {&plain, &prefixed}) {
        const QUrl rebased = c->rebase(QUrl(link));
        if (!rebased.isEmpty() && rebased.isValid())
            fuzz::check(c->isSameOrigin(rebased), "a re-based server URL left the deployment");
    }
    return 0;
}
