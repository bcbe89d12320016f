#pragma once

#include <QString>

// The IVCAP API a sandbox speaks. One data directory holds the records of one dialect only.
enum class ApiDialect {
    V028, // IVCAP v0.28 (PROTOCOL.md): per-resource list keys, RefT objects, data.self
    V048, // IVCAP v0.48 (today): items/links[] lists, URN references, services2 and jobs
};

namespace Dialect {

// "0.28" or "0.48", as given to --api and stored in the data directory.
inline QString name(ApiDialect dialect)
{
    return dialect == ApiDialect::V048 ? QStringLiteral("0.48") : QStringLiteral("0.28");
}

// Reads "0.28"/"0.48" (a leading "v" is allowed); returns false for anything else.
inline bool parse(QString text, ApiDialect *dialect)
{
    if (text.startsWith(QLatin1Char('v')))
        text = text.mid(1);
    if (text == QLatin1String("0.28")) {
        *dialect = ApiDialect::V028;
        return true;
    }
    if (text == QLatin1String("0.48")) {
        *dialect = ApiDialect::V048;
        return true;
    }
    return false;
}

} // namespace Dialect
