#include "httpreply.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace {
QHttpServerResponse::StatusCode code(int status)
{
    return static_cast<QHttpServerResponse::StatusCode>(status);
}
} // namespace

QHttpServerResponse HttpReply::json(const QJsonObject &body, int status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), code(status));
}

QHttpServerResponse HttpReply::empty(int status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), QByteArray(), code(status));
}

QHttpServerResponse HttpReply::goaError(int status, const QString &name, const QString &message)
{
    // Goa's ServiceError; the id only has to be unique per occurrence.
    const QJsonObject body{
        {"name", name},       {"id", QUuid::createUuid().toString(QUuid::WithoutBraces).left(8)},
        {"message", message}, {"temporary", false},
        {"timeout", false},   {"fault", false}};
    auto response = json(body, status);
    response.setHeader("goa-error", name.toUtf8());
    return response;
}

QHttpServerResponse HttpReply::notFound(const QString &id)
{
    auto response =
        json({{"id", id}, {"message", QStringLiteral("Resource %1 not found").arg(id)}}, 404);
    response.setHeader("goa-error", "not-found");
    return response;
}

QHttpServerResponse HttpReply::invalidParameter(const QString &name, const QString &value,
                                                const QString &message)
{
    QJsonObject body{{"name", name}, {"message", message}};
    if (!value.isNull())
        body.insert("value", value);
    auto response = json(body, 422);
    response.setHeader("goa-error", "invalid-parameter");
    return response;
}

QHttpServerResponse HttpReply::bareError(int status, const QByteArray &goaName)
{
    auto response = empty(status);
    response.setHeader("goa-error", goaName);
    return response;
}

QUrlQuery HttpReply::query(const QHttpServerRequest &request)
{
    QString raw = request.url().query(QUrl::FullyEncoded);
    raw.replace(QLatin1Char('+'), QLatin1String("%20"));
    return QUrlQuery(raw);
}

QByteArray HttpReply::header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpReply::baseUrl(const QHttpServerRequest &request)
{
    QByteArray host = header(request, "Host");
    if (host.isEmpty())
        host = "127.0.0.1:" + QByteArray::number(request.url().port());
    return QStringLiteral("http://") + QString::fromLatin1(host);
}

QString HttpReply::uuidFromId(const QString &id, const QString &kind)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    QString bare = id;
    const QString prefix = QStringLiteral("urn:ivcap:") + kind + QLatin1Char(':');
    if (bare.startsWith(prefix))
        bare = bare.mid(prefix.size());
    return uuid.match(bare).hasMatch() ? bare.toLower() : QString();
}

QString HttpReply::now()
{
    return toUtcText(QDateTime::currentDateTimeUtc());
}

QString HttpReply::toUtcText(const QDateTime &time)
{
    // Fixed width with milliseconds so timestamps sort correctly as text in SQL.
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}
