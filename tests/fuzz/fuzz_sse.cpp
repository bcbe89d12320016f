// The job event stream (text/event-stream) a server sends: the SSE parser must never crash,
// never grow without bound, and find the same events however the bytes are split into chunks.
#include "api/sseparser.h"

#include "fuzzsupport.h"

using namespace ivcap;

IVCAP_FUZZ_INITIALIZE()

namespace {
struct Outcome
{
    QList<SseEvent> events;
    QString lastEventId;
    qint64 retryMs = -1;
    bool error = false;
};

Outcome parse(QByteArrayView input, qsizetype step, qsizetype maxBytes)
{
    SseParser parser(maxBytes);
    Outcome outcome;
    for (qsizetype at = 0; at < input.size() && !parser.hasError(); at += step)
        outcome.events += parser.feed(input.sliced(at, qMin(step, input.size() - at)));
    parser.finish();
    outcome.lastEventId = parser.lastEventId();
    outcome.retryMs = parser.retryMs();
    outcome.error = parser.hasError();
    return outcome;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte chooses a chunk size, the rest is the stream.
    const qsizetype step = 1 + data[0] % 17;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const qsizetype maxBytes = 4096;

    const Outcome whole = parse(input, qMax<qsizetype>(1, input.size()), maxBytes);
    const Outcome pieces = parse(input, step, maxBytes);
    fuzz::check(whole.error == pieces.error, "chunking changed whether the stream is broken");
    if (!whole.error) {
        fuzz::check(whole.events == pieces.events, "chunking changed the events");
        fuzz::check(whole.lastEventId == pieces.lastEventId, "chunking changed the last id");
        fuzz::check(whole.retryMs == pieces.retryMs, "chunking changed the retry time");
    }
    for (const SseEvent &event : whole.events) {
        fuzz::check(!event.type.isEmpty(), "an event without a type");
        fuzz::check(event.data.size() <= maxBytes + 1, "an event larger than the limit");
        fuzz::check(!event.lastEventId.contains(QChar(0)), "an id with NUL was accepted");
    }
    return 0;
}
