#include "jsonnumbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <charconv>
#include <optional>

namespace ivcap::jsonnumbers {

namespace {
class Walker
{
public:
    explicit Walker(const QByteArray &in) : m_in(in) {}
    QList<Number> numbers;
    // When set, the span of the (last) value at this path is recorded in found.
    std::optional<QStringList> wanted;
    qsizetype foundStart = -1;
    qsizetype foundEnd = -1;

    void value(const QStringList &path, int depth)
    {
        skip();
        if (m_pos >= m_in.size() || depth > 512)
            return;
        const qsizetype begin = m_pos;
        valueAt(path, depth);
        if (wanted && path == *wanted) {
            foundStart = begin;
            foundEnd = qMin(m_pos, m_in.size());
        }
    }

private:
    void valueAt(const QStringList &path, int depth)
    {
        const char c = m_in.at(m_pos);
        if (c == '{') {
            ++m_pos;
            while (true) {
                skip();
                if (m_pos >= m_in.size() || m_in.at(m_pos) == '}') {
                    ++m_pos;
                    return;
                }
                if (m_in.at(m_pos) == ',') {
                    ++m_pos;
                    continue;
                }
                const QString key = string();
                skip();
                ++m_pos; // ':'
                value(path + QStringList{key}, depth + 1);
            }
        }
        if (c == '[') {
            ++m_pos;
            int index = 0;
            while (true) {
                skip();
                if (m_pos >= m_in.size() || m_in.at(m_pos) == ']') {
                    ++m_pos;
                    return;
                }
                if (m_in.at(m_pos) == ',') {
                    ++m_pos;
                    continue;
                }
                const qsizetype before = m_pos;
                value(path + QStringList{QString::number(index++)}, depth + 1);
                if (m_pos == before)
                    ++m_pos; // not JSON (`[1e400 }`, which parse() sees): never stand still
            }
        }
        if (c == '"') {
            string();
            return;
        }
        const qsizetype start = m_pos;
        while (m_pos < m_in.size() && !QByteArrayView(",]} \t\r\n").contains(m_in.at(m_pos)))
            ++m_pos;
        const QByteArray token = m_in.mid(start, m_pos - start);
        if (!token.isEmpty() && (token.at(0) == '-' || (token.at(0) >= '0' && token.at(0) <= '9')))
            numbers.append({path, QString::fromLatin1(token), start});
    }

    void skip()
    {
        while (m_pos < m_in.size() && QByteArrayView(" \t\r\n").contains(m_in.at(m_pos)))
            ++m_pos;
    }
    // Reads a string token and returns its value (escapes decoded).
    QString string()
    {
        const qsizetype start = m_pos;
        ++m_pos;
        while (m_pos < m_in.size() && m_in.at(m_pos) != '"')
            m_pos += m_in.at(m_pos) == '\\' ? 2 : 1;
        ++m_pos;
        const QByteArray token = m_in.mid(start, m_pos - start);
        if (token.size() >= 2 && !token.contains('\\'))
            return QString::fromUtf8(token.mid(1, token.size() - 2));
        // A one-element array lets QJsonDocument decode the escapes.
        return QJsonDocument::fromJson("[" + token + "]").array().first().toString();
    }

    const QByteArray &m_in;
    qsizetype m_pos = 0;
};
} // namespace

QList<Number> numbersIn(const QByteArray &json)
{
    Walker walker(json);
    walker.value({}, 0);
    return walker.numbers;
}

namespace {
// The power of ten of a number text's first significant digit (`1e400` 400, `0.05` -2), for
// telling an overflow from an underflow; exponents are capped far beyond a double's range.
qint64 decimalExponent(const QByteArray &text)
{
    const qsizetype e = qMax(text.indexOf('e'), text.indexOf('E'));
    const QByteArray mantissa = e < 0 ? text : text.left(e);
    const qint64 exponent = e < 0 ? 0 : qBound(-1000000LL, text.mid(e + 1).toLongLong(), 1000000LL);
    const qsizetype point = mantissa.indexOf('.');
    QByteArray whole = QByteArray(point < 0 ? mantissa : mantissa.left(point)).replace('-', "");
    qsizetype lead = 0;
    while (lead < whole.size() && whole.at(lead) == '0')
        ++lead;
    if (lead < whole.size())
        return exponent + (whole.size() - lead - 1);
    const QByteArray fraction = point < 0 ? QByteArray() : mantissa.mid(point + 1);
    qsizetype zeros = 0;
    while (zeros < fraction.size() && fraction.at(zeros) == '0')
        ++zeros;
    return exponent - zeros - 1;
}
} // namespace

QJsonDocument parse(const QByteArray &json, QJsonParseError *error)
{
    QJsonParseError first;
    QJsonDocument doc = QJsonDocument::fromJson(json, &first);
    if (first.error != QJsonParseError::IllegalNumber) {
        if (error)
            *error = first;
        return doc;
    }
    QByteArray clamped = json;
    const QList<Number> numbers = numbersIn(json);
    for (auto it = numbers.crbegin(); it != numbers.crend(); ++it) {
        const QByteArray text = it->text.toLatin1();
        // from_chars, unlike strtod, does not depend on the C locale's decimal point
        double value = 0;
        const auto [end, ec] =
            std::from_chars(text.constData(), text.constData() + text.size(), value);
        // Only a number JSON allows (no leading zeros): the text is kept and written back.
        static const QRegularExpression jsonNumber(
            QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
        if (ec != std::errc::result_out_of_range || !jsonNumber.match(it->text).hasMatch())
            continue;
        const bool negative = text.startsWith('-');
        QByteArray finite = decimalExponent(text) >= 0 ? "1.7976931348623157e308" : "0";
        if (negative)
            finite.prepend('-');
        clamped.replace(it->offset, text.size(), finite);
    }
    QJsonParseError second;
    doc = QJsonDocument::fromJson(clamped, &second);
    if (error)
        *error = second;
    return second.error == QJsonParseError::NoError ? doc : QJsonDocument();
}

QByteArray valueText(const QByteArray &json, const QStringList &path)
{
    Walker walker(json);
    walker.wanted = path;
    walker.value({}, 0);
    if (walker.foundStart < 0)
        return {};
    return json.mid(walker.foundStart, walker.foundEnd - walker.foundStart);
}

QByteArray splice(const QByteArray &json, const QHash<QByteArray, QByteArray> &texts)
{
    QByteArray out = json;
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        out.replace(QByteArray('"' + it.key() + '"'), it.value());
    return out;
}

QByteArray write(const QJsonValue &value, bool indented, const QHash<QByteArray, QByteArray> &texts)
{
    const auto format = indented ? QJsonDocument::Indented : QJsonDocument::Compact;
    QByteArray text;
    if (value.isObject()) {
        text = QJsonDocument(value.toObject()).toJson(format);
    } else if (value.isArray()) {
        text = QJsonDocument(value.toArray()).toJson(format);
    } else { // wrap the scalar in an array and unwrap it
        text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        text = text.mid(1, text.size() - 2);
    }
    return splice(text, texts);
}

} // namespace ivcap::jsonnumbers
