#include "httpresponseparser.h"

#include <algorithm>
#include <cctype>

namespace ivcap {

namespace {
// Longer lines or more headers than any API answer has: a sign of a broken or hostile peer.
constexpr qsizetype kMaxLine = 64 * 1024;
constexpr int kMaxHeaders = 200;

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool hasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

void HttpResponseParser::reset()
{
    *this = HttpResponseParser();
}

HttpResponseParser::Result HttpResponseParser::fail(const QString &why)
{
    m_error = why;
    m_buffer.clear();
    m_result = Result::Error;
    return m_result;
}

bool HttpResponseParser::takeLine(QByteArray *line)
{
    const qsizetype end = m_buffer.indexOf('\n');
    if (end < 0)
        return false;
    qsizetype length = end;
    if (length > 0 && m_buffer.at(length - 1) == '\r')
        --length;
    *line = m_buffer.left(length);
    m_buffer.remove(0, end + 1);
    return true;
}

HttpResponseParser::Result HttpResponseParser::feed(QByteArrayView data)
{
    if (m_result == Result::Complete && !data.isEmpty())
        return fail(tr("The server sent more than one answer."));
    if (m_result != Result::Incomplete)
        return m_result;
    if (!data.isEmpty())
        m_started = true;
    m_buffer.append(data);
    while (m_result == Result::Incomplete) {
        QByteArray line;
        switch (m_stage) {
        case Stage::StatusLine:
        case Stage::Headers:
        case Stage::ChunkSize:
        case Stage::ChunkEnd:
        case Stage::Trailers:
            if (!takeLine(&line)) {
                if (m_buffer.size() > kMaxLine)
                    return fail(tr("The server's answer has a line that is too long."));
                return m_result;
            }
            if (m_stage == Stage::StatusLine) {
                if (!parseStatusLine(line))
                    return m_result;
                m_stage = Stage::Headers;
            } else if (m_stage == Stage::Headers) {
                if (!line.isEmpty()) {
                    if (!parseHeader(line))
                        return m_result;
                } else if (!startBody()) {
                    return m_result;
                }
            } else if (m_stage == Stage::ChunkSize) {
                if (!parseChunkSize(line))
                    return m_result;
            } else if (m_stage == Stage::ChunkEnd) {
                if (!line.isEmpty())
                    return fail(tr("The server's chunked answer is malformed."));
                m_stage = Stage::ChunkSize;
            } else if (line.isEmpty()) { // the end of the trailers
                m_stage = Stage::Done;
            }
            break;
        case Stage::Body:
        case Stage::ChunkData: {
            if (m_buffer.isEmpty())
                return m_result;
            const qsizetype n = m_untilClose
                                    ? m_buffer.size()
                                    : qsizetype(qMin<qint64>(m_remaining, m_buffer.size()));
            appendBody(QByteArrayView(m_buffer).first(n));
            m_buffer.remove(0, n);
            if (m_untilClose)
                return m_result;
            m_remaining -= n;
            if (m_remaining == 0)
                m_stage = m_stage == Stage::Body ? Stage::Done : Stage::ChunkEnd;
            break;
        }
        case Stage::Done:
            // Bytes after a complete answer were never asked for: the connection is unusable.
            if (!m_buffer.isEmpty())
                return fail(tr("The server sent more than one answer."));
            m_result = Result::Complete;
            break;
        }
    }
    return m_result;
}

HttpResponseParser::Result HttpResponseParser::finishAtClose()
{
    if (m_result != Result::Incomplete)
        return m_result;
    if (m_stage == Stage::Body && m_untilClose) {
        m_stage = Stage::Done;
        m_result = Result::Complete;
        return m_result;
    }
    return fail(m_started ? tr("The connection closed in the middle of the server's answer.")
                          : tr("The connection closed before the server answered."));
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line)
{
    // HTTP/1.x SP 3DIGIT [SP reason]
    const bool versionOk = line.size() >= 12 && line.startsWith("HTTP/1.") &&
                           (line.at(7) == '0' || line.at(7) == '1') && line.at(8) == ' ';
    const QByteArrayView code = versionOk ? QByteArrayView(line).sliced(9, 3) : QByteArrayView();
    if (!versionOk || !isDigits(code) || (line.size() > 12 && line.at(12) != ' ')) {
        fail(tr("The server's answer is not HTTP: \"%1\"")
                 .arg(QString::fromLatin1(line.left(40)).toHtmlEscaped()));
        return false;
    }
    m_http10 = line.at(7) == '0';
    m_status = code.toInt();
    m_reason = line.mid(13).trimmed();
    m_headers.clear();
    return true;
}

bool HttpResponseParser::parseHeader(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line.at(0) == ' ' || line.at(0) == '\t') {
        fail(tr("The server's answer has a malformed header."));
        return false;
    }
    if (m_headers.size() >= kMaxHeaders) {
        fail(tr("The server's answer has too many headers."));
        return false;
    }
    m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    return true;
}

bool HttpResponseParser::startBody()
{
    if (m_status >= 100 && m_status < 200) {
        if (m_status == 101) {
            fail(tr("The server switched protocols, which this client did not ask for."));
            return false;
        }
        // An interim answer (100 Continue, 103 Early Hints): the real one follows.
        m_status = 0;
        m_headers.clear();
        m_stage = Stage::StatusLine;
        return true;
    }
    if (m_status == 204 || m_status == 304) {
        m_stage = Stage::Done;
        return true;
    }
    const QByteArray transferEncoding = header("Transfer-Encoding");
    if (!transferEncoding.isEmpty()) {
        if (!transferEncoding.trimmed().toLower().endsWith("chunked")) {
            fail(tr("The server's answer uses an unknown transfer encoding."));
            return false;
        }
        m_stage = Stage::ChunkSize;
        return true;
    }
    QByteArray length;
    for (const auto &[name, value] : std::as_const(m_headers)) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        if (!isDigits(value) || value.size() > 18 || (!length.isEmpty() && value != length)) {
            fail(tr("The server's answer has an invalid Content-Length."));
            return false;
        }
        length = value;
    }
    if (length.isEmpty()) {
        m_untilClose = true;
        m_stage = Stage::Body;
        return true;
    }
    m_remaining = length.toLongLong();
    m_stage = m_remaining > 0 ? Stage::Body : Stage::Done;
    return true;
}

bool HttpResponseParser::parseChunkSize(const QByteArray &line)
{
    const qsizetype extension = line.indexOf(';');
    const QByteArray hex = (extension < 0 ? line : line.left(extension)).trimmed();
    bool ok = hex.size() <= 15 && !hex.isEmpty() &&
              std::all_of(hex.cbegin(), hex.cend(), [](char c) { return isxdigit(uchar(c)); });
    const qint64 size = ok ? hex.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0) {
        fail(tr("The server's chunked answer is malformed."));
        return false;
    }
    m_remaining = size;
    m_stage = size > 0 ? Stage::ChunkData : Stage::Trailers;
    return true;
}

void HttpResponseParser::appendBody(QByteArrayView data)
{
    const qsizetype room = kMaxBody - m_body.size();
    if (room > 0)
        m_body.append(data.first(qMin(room, data.size())));
}

QByteArray HttpResponseParser::header(QByteArrayView name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponseParser::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : m_headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpResponseParser::keepAlive() const
{
    if (m_result != Result::Complete || m_untilClose)
        return false;
    const QByteArray connection = header("Connection");
    if (m_http10)
        return hasToken(connection, "keep-alive");
    return !hasToken(connection, "close");
}

} // namespace ivcap
