#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace ivcap {

// One event of a text/event-stream.
struct SseEvent
{
    QString type = QStringLiteral("message"); // the `event:` field, "message" when absent
    QString data;                             // `data:` lines joined by "\n"
    QString lastEventId;                      // the stream's last event id when dispatched
    bool operator==(const SseEvent &) const = default;
};

// Incremental parser of a text/event-stream as the WHATWG HTML standard defines it
// (§9.2.6 "Interpreting an event stream"): UTF-8 with an optional leading BOM; lines end in
// CRLF, LF or CR, also when a CRLF is split between two chunks; `data`, `event`, `id` (ignored
// when it contains NUL) and `retry` (digits only) fields; `:` comments; a blank line
// dispatches, an event without data is dropped, and an unfinished event at the end of the
// stream is discarded. The last event id persists across events, as the standard says, so a
// reconnecting client sends it back in `Last-Event-Id`.
//
// The chunks fed in may be split anywhere: the events are the same. A line or an event's data
// over maxBytes() puts the parser in an error state (the stream is then not one a client
// should keep reading), which hasError() reports; it ignores further input.
class SseParser
{
public:
    explicit SseParser(qsizetype maxBytes = 16 * 1024 * 1024) : m_maxBytes(maxBytes) {}

    // The events completed by `chunk`, in order.
    QList<SseEvent> feed(QByteArrayView chunk);
    // The stream ended: whatever was not dispatched is discarded (the standard's rule).
    void finish();

    QString lastEventId() const { return m_lastEventId; }
    // The reconnection time the server asked for (`retry:`), in milliseconds; -1 if none.
    qint64 retryMs() const { return m_retryMs; }
    bool hasError() const { return m_error; }
    qsizetype maxBytes() const { return m_maxBytes; }

private:
    void processLine(QByteArrayView line, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);

    QByteArray m_line;
    QString m_data;
    QString m_eventType;
    QString m_lastEventId;
    qint64 m_retryMs = -1;
    qsizetype m_maxBytes;
    bool m_started = false; // past a possible BOM
    bool m_afterCr = false; // the last byte seen was a CR, so a LF next is part of that end
    bool m_hasData = false;
    bool m_error = false;
};

} // namespace ivcap
