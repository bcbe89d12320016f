#include "sseparser.h"

namespace ivcap {

QList<SseEvent> SseParser::feed(QByteArrayView chunk)
{
    QList<SseEvent> out;
    if (m_error)
        return out;
    qsizetype i = 0;
    if (!m_started) {
        // The BOM may itself arrive in pieces: wait until three bytes are there.
        static const QByteArray bom("\xEF\xBB\xBF");
        m_line.append(chunk.data(), chunk.size());
        if (m_line.size() < 3 && bom.startsWith(m_line))
            return out;
        m_started = true;
        const QByteArray pending = std::exchange(m_line, QByteArray());
        const qsizetype skip = pending.startsWith(bom) ? 3 : 0;
        return feed(QByteArrayView(pending).sliced(skip));
    }
    const qsizetype n = chunk.size();
    while (i < n && !m_error) {
        if (m_afterCr) {
            m_afterCr = false;
            if (chunk.at(i) == '\n') {
                ++i;
                continue;
            }
        }
        qsizetype end = i;
        while (end < n && chunk.at(end) != '\n' && chunk.at(end) != '\r')
            ++end;
        if (end == n) {
            m_line.append(chunk.data() + i, end - i);
            if (m_line.size() > m_maxBytes)
                m_error = true;
            break;
        }
        if (m_line.size() + (end - i) > m_maxBytes) {
            m_error = true;
        } else if (m_line.isEmpty()) {
            processLine(chunk.sliced(i, end - i), out);
        } else {
            m_line.append(chunk.data() + i, end - i);
            processLine(std::exchange(m_line, QByteArray()), out);
        }
        m_afterCr = chunk.at(end) == '\r';
        i = end + 1;
    }
    if (m_error) {
        m_line.clear();
        m_data.clear();
    }
    return out;
}

void SseParser::finish()
{
    m_line.clear();
    m_data.clear();
    m_eventType.clear();
    m_hasData = false;
    m_afterCr = false;
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.at(0) == ':')
        return; // a comment (servers send them to keep the connection alive)
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    if (field == "data") {
        m_data += QString::fromUtf8(value);
        m_data += QLatin1Char('\n');
        m_hasData = true;
        if (m_data.size() > m_maxBytes)
            m_error = true;
    } else if (field == "event") {
        m_eventType = QString::fromUtf8(value);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventId = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool digits = !value.isEmpty();
        for (const char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (digits) {
            bool ok = false;
            const qint64 ms = value.toLongLong(&ok);
            if (ok)
                m_retryMs = ms;
        }
    }
    // Any other field is ignored, as the standard says.
}

void SseParser::dispatch(QList<SseEvent> &out)
{
    if (!m_hasData) {
        m_eventType.clear();
        return;
    }
    SseEvent event;
    m_data.chop(1); // the last line's "\n"
    event.data = std::exchange(m_data, QString());
    if (!m_eventType.isEmpty())
        event.type = std::exchange(m_eventType, QString());
    event.lastEventId = m_lastEventId;
    m_hasData = false;
    out.append(std::move(event));
}

} // namespace ivcap
