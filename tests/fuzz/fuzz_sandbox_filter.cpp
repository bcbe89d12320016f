// The sandbox's filter parser: any `filter` text is either refused or becomes a whitelisted
// column and a bound value; it never changes the SQL (a SQL error aborts, see fuzzsupport.h).
#include "sandboxquery.h"

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("filter"),
                       QString::fromLatin1(QUrl::toPercentEncoding(text)));
    fuzz::runListQuery(query);
    // The same text as a whole raw query string, as a client could send it.
    fuzz::runListQuery(QUrlQuery(text));
    return 0;
}
