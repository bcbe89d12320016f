#include "listquery.h"
#include "httpreply.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {
QString item(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}
} // namespace

std::optional<QHttpServerResponse> ListQuery::parse(const QHttpServerRequest &request,
                                                    const QStringList &orderFields,
                                                    const QStringList &extraKeys)
{
    return parse(HttpReply::query(request), orderFields, extraKeys);
}

std::optional<QHttpServerResponse> ListQuery::parse(const QUrlQuery &query,
                                                    const QStringList &orderFields,
                                                    const QStringList &extraKeys)
{
    const QString limitText = item(query, QStringLiteral("limit"));
    if (!limitText.isEmpty()) {
        bool ok = false;
        limit = limitText.toInt(&ok);
        if (!ok || limit < 1 || limit > 50)
            return HttpReply::goaError(400, QStringLiteral("invalid_range"),
                                       QStringLiteral("limit must be between 1 and 50"));
    }
    const QString page = item(query, QStringLiteral("page"));
    if (!page.isEmpty()) {
        const QJsonObject state =
            QJsonDocument::fromJson(
                QByteArray::fromBase64(page.toLatin1(), QByteArray::Base64UrlEncoding |
                                                            QByteArray::OmitTrailingEquals))
                .object();
        if (state.isEmpty())
            return HttpReply::goaError(400, QStringLiteral("invalid_format"),
                                       QStringLiteral("page is not a valid cursor"));
        offset = qMax(0, state.value("offset").toInt());
        if (limitText.isEmpty())
            limit = qBound(1, state.value("limit").toInt(10), 50);
        filterText = state.value("filter").toString();
        orderBy = state.value("order-by").toString();
        orderDesc = state.value("order-desc").toBool();
        atTime = state.value("at-time").toString();
        extra = state.value("extra").toObject();
        after = state.value("after").toArray();
    } else {
        filterText = item(query, QStringLiteral("filter"));
        orderBy = item(query, QStringLiteral("order-by"));
        const QString desc = item(query, QStringLiteral("order-desc"));
        orderDesc = desc.isEmpty() ? orderDescDefault : desc == QLatin1String("true");
        atTime = item(query, QStringLiteral("at-time"));
        for (const QString &key : extraKeys) {
            if (query.hasQueryItem(key))
                extra.insert(key, item(query, key));
        }
    }
    if (!orderBy.isEmpty() && !orderFields.contains(orderBy))
        return HttpReply::invalidParameter(QStringLiteral("order-by"), orderBy,
                                           QStringLiteral("expected one of ") +
                                               orderFields.join(QStringLiteral(", ")));
    if (atTime.isEmpty()) {
        atTime = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    } else {
        static const QRegularExpression zone(QStringLiteral("(Z|[+-]\\d\\d:\\d\\d)$"));
        const QDateTime time = QDateTime::fromString(atTime, Qt::ISODateWithMs);
        if (!time.isValid() || !zone.match(atTime).hasMatch())
            return HttpReply::goaError(
                400, QStringLiteral("invalid_format"),
                QStringLiteral("at-time must be RFC 3339, got '%1'").arg(atTime));
    }
    atTimeSql = HttpReply::toUtcText(QDateTime::fromString(atTime, Qt::ISODateWithMs));
    return parseFilter();
}

std::optional<QHttpServerResponse> ListQuery::parseFilter()
{
    if (filterText.trimmed().isEmpty())
        return std::nullopt;
    static const QRegularExpression grammar(
        QStringLiteral("^\\s*([A-Za-z_$][A-Za-z0-9_.$-]*?)\\s*(~=|==|=|\\seq\\s)\\s*(?:'([^']*)'|"
                       "\"([^\"]*)\"|(\\S+))\\s*$"));
    const auto match = grammar.match(filterText);
    if (!match.hasMatch())
        return HttpReply::invalidParameter(QStringLiteral("filter"), filterText,
                                           QStringLiteral("expected <field> ~= '<value>'"));
    filterField = match.captured(1);
    filterOp = match.captured(2).trimmed() == QLatin1String("~=") ? QStringLiteral("like")
                                                                  : QStringLiteral("eq");
    for (int i = 3; i <= 5; ++i) {
        if (match.capturedStart(i) >= 0)
            filterValue = match.captured(i);
    }
    return std::nullopt;
}

QString ListQuery::token(int at, const QJsonArray &position) const
{
    QJsonObject state{{"offset", at},        {"limit", limit},          {"filter", filterText},
                      {"order-by", orderBy}, {"order-desc", orderDesc}, {"at-time", atTime},
                      {"extra", extra}};
    if (!position.isEmpty())
        state.insert("after", position);
    return QString::fromLatin1(
        QJsonDocument(state)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QJsonObject ListQuery::links(const QHttpServerRequest &request, const QString &collection,
                             bool hasNext) const
{
    const QString base = HttpReply::baseUrl(request) + QStringLiteral("/1/") + collection;
    const QString rawQuery = request.url().query(QUrl::FullyEncoded);
    const QString self = rawQuery.isEmpty() ? base : QString(base + QLatin1Char('?') + rawQuery);
    QJsonObject nav{{"self", self},
                    {"first", QString(base + QStringLiteral("?page=") + token(0, {}))}};
    if (hasNext)
        nav.insert("next",
                   QString(base + QStringLiteral("?page=") + token(offset + limit, nextAfter)));
    return nav;
}
