#include "rawjson.h"

#include <QJsonDocument>
#include <QStringDecoder>
#include <QUuid>

namespace {
// A recursive-descent check of RFC 8259 that copies every token except insignificant
// whitespace. Numbers are checked for their grammar only, never converted.
class Compactor
{
public:
    Compactor(const QByteArray &in, int maxDepth) : m_in(in), m_maxDepth(maxDepth)
    {
        m_out.reserve(in.size());
    }

    bool run()
    {
        skipSpace();
        if (!value(0))
            return false;
        skipSpace();
        if (m_pos != m_in.size())
            return fail("text after the JSON value");
        return true;
    }

    QString error;
    QByteArray &result() { return m_out; }

private:
    bool fail(const char *what)
    {
        error = QStringLiteral("%1 at byte %2").arg(QLatin1String(what)).arg(m_pos);
        return false;
    }
    char peek() const { return m_pos < m_in.size() ? m_in.at(m_pos) : '\0'; }
    bool atEnd() const { return m_pos >= m_in.size(); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    void take() { m_out.append(m_in.at(m_pos++)); }

    bool value(int depth)
    {
        if (atEnd())
            return fail("a value is missing");
        switch (peek()) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool literal(const char *word)
    {
        const QByteArray w(word);
        if (m_in.mid(m_pos, w.size()) != w)
            return fail("not a JSON value");
        m_out.append(w);
        m_pos += w.size();
        return true;
    }

    bool digits()
    {
        if (atEnd() || peek() < '0' || peek() > '9')
            return false;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            take();
        return true;
    }

    bool number()
    {
        if (peek() == '-')
            take();
        if (peek() == '0')
            take();
        else if (!digits())
            return fail("not a JSON value");
        if (peek() == '.') {
            take();
            if (!digits())
                return fail("a digit must follow the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            take();
            if (peek() == '+' || peek() == '-')
                take();
            if (!digits())
                return fail("an exponent needs digits");
        }
        return true;
    }

    bool string()
    {
        take(); // opening quote
        while (true) {
            if (atEnd())
                return fail("a string is not closed");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                take();
                return true;
            }
            if (c < 0x20)
                return fail("a control character must be escaped in a string");
            if (c != '\\') {
                take();
                continue;
            }
            take();
            const char e = peek();
            if (e == 'u') {
                take();
                for (int i = 0; i < 4; ++i) {
                    if (!isxdigit(static_cast<unsigned char>(peek())))
                        return fail("\\u needs four hex digits");
                    take();
                }
            } else if (e && QByteArrayView("\"\\/bfnrt").contains(e)) {
                take();
            } else {
                return fail("an invalid escape in a string");
            }
        }
    }

    bool object(int depth)
    {
        if (depth > m_maxDepth)
            return fail("nested too deeply");
        take();
        skipSpace();
        if (peek() == '}') {
            take();
            return true;
        }
        while (true) {
            skipSpace();
            if (peek() != '"')
                return fail("an object key must be a string");
            if (!string())
                return false;
            skipSpace();
            if (peek() != ':')
                return fail("':' expected after an object key");
            take();
            skipSpace();
            if (!value(depth))
                return false;
            skipSpace();
            if (peek() == '}') {
                take();
                return true;
            }
            if (peek() != ',')
                return fail("',' or '}' expected in an object");
            take();
        }
    }

    bool array(int depth)
    {
        if (depth > m_maxDepth)
            return fail("nested too deeply");
        take();
        skipSpace();
        if (peek() == ']') {
            take();
            return true;
        }
        while (true) {
            skipSpace();
            if (!value(depth))
                return false;
            skipSpace();
            if (peek() == ']') {
                take();
                return true;
            }
            if (peek() != ',')
                return fail("',' or ']' expected in an array");
            take();
        }
    }

    const QByteArray &m_in;
    int m_maxDepth;
    qsizetype m_pos = 0;
    QByteArray m_out;
};
} // namespace

RawJson::RawJson()
    : m_tag(QByteArrayLiteral("\"ivcap-raw-json-") +
            QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + '-')
{}

std::optional<QByteArray> RawJson::compact(const QByteArray &text, QString *error, int maxDepth)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    // Converting is what sets hasError(); decode() alone is lazy.
    const QString decoded = utf8.decode(text);
    if (utf8.hasError()) {
        if (error)
            *error = QStringLiteral("the text is not valid UTF-8");
        return std::nullopt;
    }
    Compactor compactor(text, maxDepth);
    if (!compactor.run()) {
        if (error)
            *error = compactor.error;
        return std::nullopt;
    }
    return std::move(compactor.result());
}

QJsonValue RawJson::hold(const QByteArray &fragment)
{
    m_fragments.append(fragment);
    // The tag starts with the quote the serialiser writes; the value drops it.
    return QJsonValue(
        QString::fromLatin1(m_tag.mid(1) + QByteArray::number(m_fragments.size() - 1)));
}

QByteArray RawJson::toJson(const QJsonObject &body) const
{
    return splice(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray RawJson::toJson(const QJsonArray &body) const
{
    return splice(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QHttpServerResponse RawJson::reply(const QJsonObject &body, int status) const
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), toJson(body),
                               static_cast<QHttpServerResponse::StatusCode>(status));
}

QByteArray RawJson::splice(const QByteArray &serialized) const
{
    if (m_fragments.isEmpty())
        return serialized;
    // One pass: a placeholder is the tag, a decimal index and a closing quote. A client string
    // cannot contain the tag, which is a fresh UUID; and inside a serialised string a '"' is
    // always escaped, so a match always starts at a real string value.
    QByteArray out;
    qsizetype from = 0;   // first byte not yet copied
    qsizetype search = 0; // where to look for the next placeholder
    while (true) {
        const qsizetype at = serialized.indexOf(m_tag, search);
        if (at < 0)
            break;
        qsizetype end = at + m_tag.size();
        qsizetype index = 0;
        while (end < serialized.size() && serialized.at(end) >= '0' && serialized.at(end) <= '9')
            index = index * 10 + (serialized.at(end++) - '0');
        if (end >= serialized.size() || serialized.at(end) != '"' || index >= m_fragments.size()) {
            search = at + 1;
            continue;
        }
        out.append(serialized.constData() + from, at - from);
        out.append(m_fragments.at(index));
        from = search = end + 1;
    }
    out.append(serialized.constData() + from, serialized.size() - from);
    return out;
}
