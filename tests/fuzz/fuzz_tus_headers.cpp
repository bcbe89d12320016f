// TUS and range headers on both sides: what the sandbox reads from a client (X-Name,
// X-Content-Length, Upload-Offset, Upload-Length, Range) and what the client reads from a
// server (Upload-Offset, Content-Range). Input: one selector byte, then the header value.
#include "transfer/tusheaders.h"
#include "tusheaders.h"

#include "fuzzsupport.h"

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray value(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 5) {
    case 0:
        (void)TusHeaders::decodeName(value);
        break;
    case 1:
        if (const auto count = TusHeaders::byteCount(value))
            fuzz::check(*count >= 0, "a negative byte count");
        if (const auto length = TusHeaders::declaredLength(value))
            fuzz::check(*length >= -1, "a declared length below -1");
        break;
    case 2: {
        // The blob size comes first, as the store knows it.
        const qsizetype comma = value.indexOf(',');
        const qint64 total = comma < 0 ? 1000 : qAbs(value.left(comma).toLongLong() % (1LL << 50));
        if (const auto range = TusHeaders::byteRange(value.mid(comma + 1), total)) {
            fuzz::check(range->first >= 0 && range->length >= 1, "an empty or negative range");
            fuzz::check(range->first + range->length <= total, "a range beyond the blob");
        }
        break;
    }
    case 3:
        fuzz::check(ivcap::tus::uploadOffset(value) >= -1, "an offset below -1");
        break;
    case 4: {
        const auto [first, total] = ivcap::tus::contentRange(value);
        fuzz::check(first >= -1 && total >= -1, "a negative content range");
        break;
    }
    }
    return 0;
}
