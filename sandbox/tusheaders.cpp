#include "tusheaders.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>

namespace TusHeaders {

QString decodeName(const QByteArray &raw)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(raw, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || raw.size() % 4 != 0)
        return QString::fromUtf8(raw);
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(*decoded);
    const bool clean = !utf8.hasError() && !text.contains(QChar(0));
    return clean ? text : QString::fromUtf8(raw);
}

std::optional<qint64> byteCount(const QByteArray &value)
{
    const QByteArray digits = value.trimmed();
    // toLongLong alone would take a sign ("-0", "+5") as a count.
    if (digits.isEmpty() ||
        !std::all_of(digits.cbegin(), digits.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    bool ok = false;
    const qint64 count = digits.toLongLong(&ok);
    return ok ? std::optional<qint64>(count) : std::nullopt;
}

std::optional<qint64> declaredLength(const QByteArray &value)
{
    if (value.trimmed() == "-1")
        return -1;
    return byteCount(value);
}

std::optional<Range> byteRange(const QByteArray &header, qint64 total)
{
    static const QRegularExpression spec(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
    const auto match = spec.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 first = match.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    qint64 last = total - 1;
    if (!match.captured(2).isEmpty()) {
        // A LAST beyond 64 bits still means "to the end".
        const qint64 asked = match.captured(2).toLongLong(&ok);
        if (ok)
            last = qMin(asked, last);
    }
    if (first > last)
        return std::nullopt;
    return Range{first, last - first + 1};
}

} // namespace TusHeaders
