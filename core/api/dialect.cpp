#include "dialect.h"

#include "currentdialect.h"
#include "legacydialect.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ivcap {

QString Dialect::entityPath(EntityKind kind, const QString &id, const QString &scope) const
{
    // Keep ':' readable (as the CLI does) but escape anything that could change the path.
    return collectionPath(kind, scope) + QLatin1Char('/') +
           QString::fromLatin1(QUrl::toPercentEncoding(id, ":"));
}

QJsonArray Dialect::pageItems(EntityKind kind, const QJsonObject &page, const QUrl &url,
                              ApiError *error) const
{
    const QString itemKey = itemsKey(kind);
    const QJsonValue items = page.value(itemKey);
    if (items.isArray())
        return items.toArray();
    if (error) {
        QStringList keys = page.keys();
        if (keys.size() > 8)
            keys = keys.mid(0, 8) << QStringLiteral("…");
        const QString what =
            QCoreApplication::translate(
                "ivcap::Dialect",
                "the deployment speaks neither IVCAP API dialect here: expected the list under "
                "“%1” (API %2), got %3")
                .arg(itemKey,
                     version().isEmpty()
                         ? (isLegacy() ? QStringLiteral("0.28") : QStringLiteral("0.30 or later"))
                         : version(),
                     keys.isEmpty() ? QCoreApplication::translate("ivcap::Dialect", "no keys")
                                    : QCoreApplication::translate("ivcap::Dialect", "the keys %1")
                                          .arg(keys.join(QStringLiteral(", "))));
        *error = ApiError::malformed(url, what);
    }
    return QJsonArray();
}

QString Dialect::reference(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue value = o.value(key);
    if (value.isString())
        return value.toString();
    return value.toObject().value(QLatin1String("id")).toString();
}

QString Dialect::dataUrl(const QJsonObject &artifact)
{
    const QString href = artifact.value(QLatin1String("data-href")).toString();
    if (!href.isEmpty())
        return href;
    return artifact.value(QLatin1String("data")).toObject().value(QLatin1String("self")).toString();
}

QString Dialect::productDataUrl(const QJsonObject &product)
{
    const QString href = product.value(QLatin1String("data-href")).toString();
    if (!href.isEmpty())
        return href;
    const QJsonValue links = product.value(QLatin1String("links"));
    if (links.isObject())
        return links.toObject().value(QLatin1String("data")).toString();
    return QString();
}

QJsonArray Dialect::products(const QJsonObject &record)
{
    const QJsonValue value = record.value(QLatin1String("products"));
    if (value.isArray())
        return value.toArray();
    return value.toObject().value(QLatin1String("items")).toArray();
}

int Dialect::versionNumber(const QString &version)
{
    static const QRegularExpression pattern(QStringLiteral("^v?(\\d{1,4})(?:\\.(\\d{1,4}))?"));
    const QRegularExpressionMatch m = pattern.match(version.trimmed());
    if (!m.hasMatch())
        return -1;
    return m.captured(1).toInt() * 1000 + (m.captured(2).isEmpty() ? 0 : m.captured(2).toInt());
}

std::shared_ptr<const Dialect> Dialect::forVersion(const QString &version, const QStringList &paths)
{
    const int number = versionNumber(version);
    if (number < 0)
        return nullptr;
    // Keep "0.48" as the deployment wrote it, minus anything after major.minor ("0.48.1").
    const QString shown = QStringLiteral("%1.%2").arg(number / 1000).arg(number % 1000);
    if (number < 30)
        return std::make_shared<LegacyDialect>(shown);
    const bool known = !paths.isEmpty();
    const bool jobs = known ? paths.contains(QStringLiteral("/1/services2")) : number >= 44;
    const bool aspects = known ? paths.contains(QStringLiteral("/1/aspects")) : number >= 31;
    const bool search = number >= 48;
    return std::make_shared<CurrentDialect>(shown, jobs, aspects, search && jobs);
}

std::shared_ptr<const Dialect> Dialect::sniff(EntityKind kind, const QJsonObject &page)
{
    // Nothing but the answer is known, so the capabilities are the ones every deployment of
    // that dialect has.
    auto legacy = std::make_shared<LegacyDialect>(QString());
    if (page.value(legacy->itemsKey(kind)).isArray() &&
        !page.value(QLatin1String("links")).isArray())
        return legacy;
    if (page.value(QLatin1String("items")).isArray())
        return std::make_shared<CurrentDialect>(QString(), false, false, false);
    return nullptr;
}

} // namespace ivcap
