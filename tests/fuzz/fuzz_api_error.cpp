// Decoding of a server's answer into an ApiError: status, goa-error header and error body.
// Input: two bytes of status, one byte not read (the corpus keeps its layout), then the
// goa-error header up to the first newline, then the body.
#include "api/apierror.h"

#include "fuzzsupport.h"

using namespace ivcap;

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    ApiError::Response response;
    response.url = QUrl(QStringLiteral("http://127.0.0.1:1/1/orders?filter=secret"));
    response.httpStatus = (data[0] << 8 | data[1]) % 700;
    response.reasonPhrase = QStringLiteral("Reason");
    const QByteArray rest(reinterpret_cast<const char *>(data + 3), qsizetype(size - 3));
    const qsizetype newline = rest.indexOf('\n');
    response.goaError = newline < 0 ? rest : rest.left(newline);
    const QByteArray body = newline < 0 ? QByteArray() : rest.mid(newline + 1);

    const ApiError e = ApiError::fromResponse(response, body);
    const bool success = response.httpStatus >= 200 && response.httpStatus < 300;
    fuzz::check(e.isError() != success, "2xx is the only success");
    if (e.isError()) {
        fuzz::check(!e.message.isEmpty(), "an error without a message");
        fuzz::check(!e.kindName().isEmpty(), "an error kind without a name");
        fuzz::check(!e.toString().isEmpty(), "an error that prints as nothing");
    }
    fuzz::check(!e.url.hasQuery(), "the query (filters, cursors) is kept in the error's URL");
    (void)e.isTransient();
    return 0;
}
