#include "list48.h"
#include "httpreply.h"
#include "listquery.h"

#include <QHttpServerRequest>
#include <QUrl>

namespace List48 {

std::optional<QHttpServerResponse> parse(const QHttpServerRequest &request, ListQuery *query,
                                         const QStringList &orderFields,
                                         const QStringList &extraKeys)
{
    query->orderDescDefault = true;
    return query->parse(request, orderFields, extraKeys);
}

QJsonObject link(const QString &rel, const QString &href, const QString &type)
{
    return {{"rel", rel}, {"type", type}, {"href", href}};
}

QJsonArray recordLinks(const QString &base, const QString &self, const QString &schemaName)
{
    return {
        link(QStringLiteral("self"), self),
        link(QStringLiteral("describedBy"),
             base + QStringLiteral("/1/openapi/openapi3.json#/components/schemas/") + schemaName,
             QStringLiteral("application/openapi3+json"))};
}

QJsonArray listLinks(const QHttpServerRequest &request, const QString &path, const ListQuery &query,
                     bool hasNext)
{
    const QString base = HttpReply::baseUrl(request) + QStringLiteral("/1/") + path;
    const QString rawQuery = request.url().query(QUrl::FullyEncoded);
    QJsonArray links{
        link(QStringLiteral("self"),
             rawQuery.isEmpty() ? base : QString(base + QLatin1Char('?') + rawQuery)),
        link(QStringLiteral("first"), base + QStringLiteral("?page=") + query.pageToken(false))};
    if (hasNext)
        links.append(
            link(QStringLiteral("next"), base + QStringLiteral("?page=") + query.pageToken(true)));
    return links;
}

QJsonObject body(const QHttpServerRequest &request, const QString &path, const ListQuery &query,
                 const QJsonArray &items, bool hasNext)
{
    return {{"items", items},
            {"at-time", query.atTime},
            {"links", listLinks(request, path, query, hasNext)}};
}

QJsonValue withoutNulls(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject result;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isNull())
                result.insert(it.key(), withoutNulls(it.value()));
        }
        return result;
    }
    if (value.isArray()) {
        QJsonArray result;
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isNull())
                result.append(withoutNulls(item));
        }
        return result;
    }
    return value;
}

QString pathId(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id, ":"));
}

} // namespace List48
