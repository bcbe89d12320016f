#include "decimaltext.h"

#include <QLocale>
#include <QRegularExpression>

namespace ivcap::decimal {

namespace {
// value = digits × 10^exponent, digits without leading zeros ("" for zero).
struct Decimal
{
    QString digits;
    qint64 exponent = 0;
};

std::optional<Decimal> parse(const QString &text)
{
    static const QRegularExpression number(
        QStringLiteral("^-?(\\d+)(?:\\.(\\d+))?(?:[eE]([+-]?\\d+))?$"));
    const auto match = number.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    Decimal d;
    const QString fraction = match.captured(2);
    d.digits = match.captured(1) + fraction;
    bool ok = true;
    const QString exponentText = match.captured(3);
    const qint64 exponent = exponentText.isEmpty() ? 0 : exponentText.toLongLong(&ok);
    if (!ok || exponent > (qint64(1) << 40) || exponent < -(qint64(1) << 40))
        return std::nullopt;
    d.exponent = exponent - fraction.size();
    while (d.digits.startsWith(QLatin1Char('0')))
        d.digits.remove(0, 1);
    // Trailing zeros move into the exponent, so "1.50" and "15e-1" are the same.
    while (d.digits.endsWith(QLatin1Char('0'))) {
        d.digits.chop(1);
        ++d.exponent;
    }
    return d;
}

// (digits followed by `zeros` zeros) mod m, for m < 10^36.
unsigned __int128 remainder(const QString &digits, qint64 zeros, unsigned __int128 m)
{
    unsigned __int128 r = 0;
    for (const QChar c : digits)
        r = (r * 10 + unsigned(c.digitValue())) % m;
    for (qint64 i = 0; i < zeros && r != 0; ++i)
        r = (r * 10) % m;
    return r;
}
} // namespace

std::optional<bool> isMultipleOf(const QString &valueText, const QString &divisorText)
{
    const auto value = parse(valueText);
    const auto divisor = parse(divisorText);
    if (!value || !divisor || divisor->digits.isEmpty() || divisor->digits.size() > 36)
        return std::nullopt;
    if (value->digits.isEmpty())
        return true; // zero is a multiple of everything
    unsigned __int128 m = 0;
    for (const QChar c : divisor->digits)
        m = m * 10 + unsigned(c.digitValue());
    // value / divisor = (v / m) × 10^(ev - ed).
    const qint64 gap = value->exponent - divisor->exponent;
    if (gap > 100000)
        return std::nullopt;
    if (gap >= 0)
        return remainder(value->digits, gap, m) == 0;
    // Here v / (m × 10^-gap) would need 10 to divide v, which has no trailing zeros.
    return false;
}

QString shortestText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace ivcap::decimal
