#include "tusheaders.h"

#include <QRegularExpression>
#include <QString>

namespace ivcap::tus {

qint64 uploadOffset(const QByteArray &value)
{
    bool ok = false;
    const qint64 offset = value.trimmed().toLongLong(&ok);
    return ok && offset >= 0 ? offset : -1;
}

std::pair<qint64, qint64> contentRange(const QByteArray &value)
{
    static const QRegularExpression spec(QStringLiteral("^bytes (\\d+)-\\d+/(\\d+|\\*)$"));
    const auto match = spec.match(QString::fromLatin1(value.trimmed()));
    if (!match.hasMatch())
        return {-1, -1};
    // Digits beyond 64 bits would otherwise read as 0, which looks like a valid first byte.
    bool ok = false;
    const qint64 first = match.captured(1).toLongLong(&ok);
    if (!ok)
        return {-1, -1};
    const QString totalText = match.captured(2);
    qint64 total = -1;
    if (totalText != QLatin1String("*")) {
        total = totalText.toLongLong(&ok);
        if (!ok)
            total = -1;
    }
    return {first, total};
}

} // namespace ivcap::tus
