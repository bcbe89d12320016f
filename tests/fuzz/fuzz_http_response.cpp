// HttpResponseParser: what a server (or anything answering on its port) sends back to the
// connection's own HTTP channel. Input: one byte choosing how the bytes are split into reads,
// one choosing the body limit, then the bytes as they come off the socket.
#include "api/httpresponseparser.h"

#include "fuzzsupport.h"

using ivcap::HttpResponseParser;

IVCAP_FUZZ_INITIALIZE()

namespace {
HttpResponseParser::Result parse(HttpResponseParser &parser, QByteArrayView bytes, qsizetype step,
                                 bool closeAtEnd)
{
    HttpResponseParser::Result result = HttpResponseParser::Result::Incomplete;
    for (qsizetype at = 0; at < bytes.size() && result == HttpResponseParser::Result::Incomplete;
         at += step)
        result = parser.feed(bytes.sliced(at, qMin(step, bytes.size() - at)));
    if (closeAtEnd)
        result = parser.finishAtClose();
    return result;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype step = 1 + data[0] % 64;
    const qsizetype limit = 1 + qsizetype(data[1]) * 64;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    for (const bool closeAtEnd : {false, true}) {
        HttpResponseParser whole;
        whole.setBodyLimit(limit);
        HttpResponseParser pieces;
        pieces.setBodyLimit(limit);
        const auto wholeResult = parse(whole, bytes, qMax<qsizetype>(1, bytes.size()), closeAtEnd);
        const auto piecesResult = parse(pieces, bytes, step, closeAtEnd);
        // How the bytes were cut into reads must not change what the answer was.
        fuzz::check(wholeResult == piecesResult, "the result depends on how the bytes arrived");
        fuzz::check(whole.statusCode() == pieces.statusCode(), "the status depends on the reads");
        fuzz::check(whole.body() == pieces.body(), "the body depends on the reads");
        fuzz::check(whole.body().size() <= limit, "a body over the limit was kept");
        if (piecesResult == HttpResponseParser::Result::Complete) {
            fuzz::check(pieces.statusCode() >= 200 && pieces.statusCode() <= 999,
                        "a complete answer without a final status");
            fuzz::check(!pieces.overLimit() || pieces.body().size() == limit,
                        "over the limit but the body is not full");
        }
        if (piecesResult == HttpResponseParser::Result::Error)
            fuzz::check(!pieces.errorString().isEmpty(), "an error without a reason");
        if (piecesResult != HttpResponseParser::Result::Complete)
            fuzz::check(!pieces.keepAlive(), "an unfinished answer keeps the connection");
    }
    return 0;
}
