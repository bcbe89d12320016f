#include "jsontree.h"

#include <algorithm>

const JsonNode *JsonNode::member(const QByteArray &name) const
{
    for (size_t i = keys.size(); i-- > 0;) {
        if (keys[i] == name)
            return &children[i];
    }
    return nullptr;
}

namespace {

class Reader
{
public:
    Reader(QByteArrayView text, int maxDepth) : m_text(text), m_maxDepth(maxDepth) {}

    std::optional<JsonNode> document(QString *error)
    {
        JsonNode node;
        skipSpace();
        if (value(&node, 0)) {
            skipSpace();
            if (m_at == m_text.size())
                return node;
            fail("unexpected text after the value");
        }
        if (error)
            *error = QStringLiteral("%1 at byte %2").arg(m_error).arg(m_at);
        return std::nullopt;
    }

private:
    bool fail(const char *what)
    {
        if (m_error.isEmpty())
            m_error = QString::fromLatin1(what);
        return false;
    }
    char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
    void skipSpace()
    {
        while (m_at < m_text.size() &&
               (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_at;
    }
    bool literal(const char *word)
    {
        const qsizetype n = qsizetype(qstrlen(word));
        if (m_text.size() - m_at < n || m_text.sliced(m_at, n) != QByteArrayView(word, n))
            return fail("invalid literal");
        m_at += n;
        return true;
    }

    bool value(JsonNode *node, int depth)
    {
        switch (peek()) {
        case '{':
        case '[':
            if (depth >= m_maxDepth)
                return fail("nested too deeply");
            return peek() == '{' ? object(node, depth + 1) : array(node, depth + 1);
        case '"':
            node->type = JsonNode::String;
            return string(&node->text);
        case 't':
            node->type = JsonNode::True;
            return literal("true");
        case 'f':
            node->type = JsonNode::False;
            return literal("false");
        case 'n':
            node->type = JsonNode::Null;
            return literal("null");
        default:
            node->type = JsonNode::Number;
            return number(&node->text);
        }
    }

    bool array(JsonNode *node, int depth)
    {
        node->type = JsonNode::Array;
        ++m_at;
        skipSpace();
        if (peek() == ']') {
            ++m_at;
            return true;
        }
        for (;;) {
            node->children.emplace_back();
            if (!value(&node->children.back(), depth))
                return false;
            skipSpace();
            if (peek() == ']') {
                ++m_at;
                return true;
            }
            if (peek() != ',')
                return fail("expected ',' or ']'");
            ++m_at;
            skipSpace();
        }
    }

    bool object(JsonNode *node, int depth)
    {
        node->type = JsonNode::Object;
        ++m_at;
        skipSpace();
        if (peek() == '}') {
            ++m_at;
            return true;
        }
        for (;;) {
            if (peek() != '"')
                return fail("expected a member name");
            node->keys.emplace_back();
            if (!string(&node->keys.back()))
                return false;
            skipSpace();
            if (peek() != ':')
                return fail("expected ':'");
            ++m_at;
            skipSpace();
            node->children.emplace_back();
            if (!value(&node->children.back(), depth))
                return false;
            skipSpace();
            if (peek() == '}') {
                ++m_at;
                return true;
            }
            if (peek() != ',')
                return fail("expected ',' or '}'");
            ++m_at;
            skipSpace();
        }
    }

    bool number(QByteArray *out)
    {
        const qsizetype start = m_at;
        auto digits = [this] {
            const qsizetype from = m_at;
            while (peek() >= '0' && peek() <= '9')
                ++m_at;
            return m_at > from;
        };
        if (peek() == '-')
            ++m_at;
        if (peek() == '0')
            ++m_at;
        else if (!digits())
            return fail("invalid value");
        if (peek() == '.') {
            ++m_at;
            if (!digits())
                return fail("invalid number");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_at;
            if (peek() == '+' || peek() == '-')
                ++m_at;
            if (!digits())
                return fail("invalid number");
        }
        *out = m_text.sliced(start, m_at - start).toByteArray();
        return true;
    }

    int hex4()
    {
        if (m_text.size() - m_at < 4)
            return -1;
        int code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_at + i];
            const int digit = c >= '0' && c <= '9'   ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0)
                return -1;
            code = code * 16 + digit;
        }
        m_at += 4;
        return code;
    }

    static void appendUtf8(QByteArray *out, uint code)
    {
        const char32_t c = char32_t(code);
        *out += QString::fromUcs4(&c, 1).toUtf8();
    }

    bool string(QByteArray *out)
    {
        ++m_at; // opening quote
        for (;;) {
            if (m_at >= m_text.size())
                return fail("unterminated string");
            const unsigned char c = static_cast<unsigned char>(m_text[m_at]);
            if (c == '"') {
                ++m_at;
                return true;
            }
            if (c < 0x20)
                return fail("control character in string");
            if (c != '\\') {
                out->append(char(c));
                ++m_at;
                continue;
            }
            ++m_at;
            const char e = peek();
            ++m_at;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out->append(e);
                break;
            case 'b':
                out->append('\b');
                break;
            case 'f':
                out->append('\f');
                break;
            case 'n':
                out->append('\n');
                break;
            case 'r':
                out->append('\r');
                break;
            case 't':
                out->append('\t');
                break;
            case 'u': {
                int code = hex4();
                if (code < 0)
                    return fail("invalid \\u escape");
                if (code >= 0xD800 && code < 0xDC00 && peek() == '\\' && m_at + 1 < m_text.size() &&
                    m_text[m_at + 1] == 'u') {
                    const qsizetype save = m_at;
                    m_at += 2;
                    const int low = hex4();
                    if (low >= 0xDC00 && low < 0xE000)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    else
                        m_at = save;
                }
                // A lone surrogate has no UTF-8 form; it reads as U+FFFD.
                appendUtf8(out, code >= 0xD800 && code < 0xE000 ? 0xFFFD : uint(code));
                break;
            }
            default:
                return fail("invalid escape");
            }
        }
    }

    QByteArrayView m_text;
    int m_maxDepth;
    qsizetype m_at = 0;
    QString m_error;
};

// A number as 0.<digits> x 10^exponent, digits without leading or trailing zeros.
struct Decimal
{
    bool negative = false;
    QByteArray digits;
    qint64 exponent = 0;
};

Decimal decimal(QByteArrayView text)
{
    Decimal d;
    qsizetype i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        d.negative = text[i++] == '-';
    qint64 pointShift = 0;
    bool seenPoint = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.') {
            seenPoint = true;
            continue;
        }
        d.digits.append(text[i]);
        if (!seenPoint)
            ++pointShift;
    }
    qint64 exp = 0;
    if (i < text.size()) {
        ++i;
        bool negExp = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            negExp = text[i++] == '-';
        // Saturate: beyond 10^15 the digit count (bounded by the text) cannot matter.
        for (; i < text.size(); ++i)
            exp = std::min<qint64>(exp * 10 + (text[i] - '0'), qint64(1) << 50);
        if (negExp)
            exp = -exp;
    }
    qsizetype lead = 0;
    while (lead < d.digits.size() && d.digits[lead] == '0')
        ++lead;
    d.digits.remove(0, lead);
    pointShift -= lead;
    while (!d.digits.isEmpty() && d.digits.back() == '0')
        d.digits.chop(1);
    d.exponent = pointShift + exp;
    if (d.digits.isEmpty())
        d.negative = false;
    return d;
}

} // namespace

std::optional<JsonNode> JsonTree::parse(QByteArrayView text, QString *error, int maxDepth)
{
    return Reader(text, maxDepth).document(error);
}

bool JsonTree::isNumber(QByteArrayView text)
{
    const std::optional<JsonNode> node = parse(text, nullptr, 0);
    return node && node->type == JsonNode::Number;
}

int JsonTree::compareNumbers(QByteArrayView a, QByteArrayView b)
{
    const Decimal x = decimal(a);
    const Decimal y = decimal(b);
    const int sx = x.digits.isEmpty() ? 0 : (x.negative ? -1 : 1);
    const int sy = y.digits.isEmpty() ? 0 : (y.negative ? -1 : 1);
    if (sx != sy || sx == 0)
        return sx < sy ? -1 : (sx > sy ? 1 : 0);
    int magnitude = 0;
    if (x.exponent != y.exponent)
        magnitude = x.exponent < y.exponent ? -1 : 1;
    else
        magnitude = x.digits < y.digits ? -1 : (x.digits == y.digits ? 0 : 1);
    return sx * magnitude;
}
