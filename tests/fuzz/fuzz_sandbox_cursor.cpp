// The sandbox's page-cursor decoder: a `page` value is unpadded base64url of a JSON state the
// client may have forged. The input is that JSON (encoded here, so the fuzzer explores the
// state rather than the base64 alphabet); inputs starting with '!' are used as the raw value.
#include "sandboxquery.h"

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray page =
        bytes.startsWith('!')
            ? bytes.mid(1)
            : bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"),
                       QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(page))));
    fuzz::runListQuery(query);
    return 0;
}
