#pragma once

#include <QString>

#include <optional>

namespace ivcap::decimal {

// Exact arithmetic on JSON number text (RFC 8259 §6), for the checks JSON Schema defines on
// the mathematical value rather than on a binary double: 19.99 is a multiple of 0.01, 0.3 of
// 0.1, and 1e400 of 7 is decidable although no double holds it.

// Whether `value` / `divisor` is an integer; both are JSON number text ("19.99", "-1.5e-3").
// nullopt when either is not a number, the divisor is zero, or the work would be out of all
// proportion (a divisor of more than 36 significant digits, an exponent gap over 100000).
std::optional<bool> isMultipleOf(const QString &value, const QString &divisor);

// The shortest decimal text that reads back as `value` (what a person most likely wrote).
QString shortestText(double value);

} // namespace ivcap::decimal
