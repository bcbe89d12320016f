#include "aspectreply.h"
#include "httpreply.h"
#include "rawjson.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QRegularExpression>

namespace AspectReply {

std::optional<QHttpServerResponse> readContent(const QHttpServerRequest &request,
                                               QByteArray *content, bool typeRequired)
{
    const QByteArray type =
        HttpReply::header(request, "Content-Type").split(';').first().trimmed().toLower();
    if (type != "application/json" && (typeRequired || !type.isEmpty())) {
        auto response = HttpReply::json(
            {{"message", QStringLiteral("Content-Type must be application/json, not '%1'")
                             .arg(QString::fromLatin1(type))}},
            415);
        response.setHeader("goa-error", "unsupported-content-type");
        return response;
    }
    QString error;
    const std::optional<QByteArray> compact = RawJson::compact(request.body(), &error);
    if (!compact)
        return HttpReply::goaError(400, QStringLiteral("bad-request"),
                                   QStringLiteral("the body is not JSON: %1").arg(error));
    // IVCAP's clients always send an object (the SDK adds "$schema" and "$entity" to it).
    if (!RawJson::isObject(*compact))
        return HttpReply::goaError(400, QStringLiteral("bad-request"),
                                   QStringLiteral("the aspect content must be a JSON object"));
    *content = *compact;
    return std::nullopt;
}

bool readBool(const QJsonObject &extra, const QString &name, bool fallback, bool *value,
              std::optional<QHttpServerResponse> *error)
{
    *value = fallback;
    if (!extra.contains(name))
        return true;
    static const QStringList yes{"1", "t", "T", "TRUE", "true", "True"};
    static const QStringList no{"0", "f", "F", "FALSE", "false", "False"};
    const QString text = extra.value(name).toString();
    if (yes.contains(text) || no.contains(text)) {
        *value = yes.contains(text);
        return true;
    }
    *error =
        HttpReply::goaError(400, QStringLiteral("invalid_format"),
                            QStringLiteral("%1 must be true or false, got '%2'").arg(name, text));
    return false;
}

QHttpServerResponse missing(const QString &name)
{
    return HttpReply::goaError(400, QStringLiteral("missing_field"),
                               QStringLiteral("\"%1\" is missing from query string").arg(name));
}

std::optional<QHttpServerResponse> requireUri(const QString &name, const QString &value)
{
    if (value.isEmpty())
        return missing(name);
    static const QRegularExpression uri(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:\\S+$"));
    if (!uri.match(value).hasMatch())
        return HttpReply::goaError(
            400, QStringLiteral("invalid_format"),
            QStringLiteral("%1 must be a URI such as urn:example:1, got '%2'").arg(name, value));
    return std::nullopt;
}

} // namespace AspectReply
