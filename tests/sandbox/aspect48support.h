#pragma once

// Helpers of the v0.48 datafabric tests (/1/aspects, /1/metadata, collections).

#include "sandboxapi.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace aspect48 {

inline QString uniqueUrn(const QString &kind)
{
    return QStringLiteral("urn:ivcap:%1:%2")
        .arg(kind, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

// POST or PUT /1/aspects with the raw JSON text as body, as the CLI and SDK send it.
inline ApiReply write(SandboxApi &api, const QByteArray &verb, const QString &entity,
                      const QString &schema, const QByteArray &json,
                      const QByteArray &contentType = "application/json")
{
    HeaderList headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    return api.send(verb,
                    QStringLiteral("/1/aspects?entity=%1&schema=%2")
                        .arg(SandboxApi::enc(entity), SandboxApi::enc(schema)),
                    json, headers);
}

inline QString create(SandboxApi &api, const QString &entity, const QString &schema,
                      const QByteArray &json)
{
    const ApiReply reply = write(api, "POST", entity, schema, json);
    return reply.status == 200 ? reply.json().value(QLatin1String("id")).toString() : QString();
}

// The value at a dotted path ("items.0.content.name"; numbers index arrays), or undefined.
inline QJsonValue dig(QJsonValue value, const QString &dotted)
{
    for (const QString &key : dotted.split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = key.toInt(&isIndex);
        value =
            isIndex && value.isArray() ? value.toArray().at(index) : value.toObject().value(key);
    }
    return value;
}

// QJsonDocument refuses numbers beyond double range (1e400); to validate the shape of a body
// that holds some, they are replaced by small ones first (the exact text is checked apart).
inline ApiReply withoutHugeNumbers(ApiReply reply)
{
    reply.body.replace("-1.5E-400", "0").replace("1e400", "1");
    return reply;
}

// The ids of a list answer's items, in order.
inline QStringList ids(const ApiReply &reply)
{
    QStringList out;
    const QJsonObject body = withoutHugeNumbers(reply).json();
    for (const QJsonValue &item : body.value(QLatin1String("items")).toArray())
        out << item.toObject().value(QLatin1String("id")).toString();
    return out;
}

// The href of the link with `rel`, or "".
inline QString link(const ApiReply &reply, const QString &rel)
{
    for (const QJsonValue &l : reply.json().value(QLatin1String("links")).toArray()) {
        if (l.toObject().value(QLatin1String("rel")).toString() == rel)
            return l.toObject().value(QLatin1String("href")).toString();
    }
    return {};
}

// True when some field of an answer is JSON null (IVCAP omits unset fields). Aspect content
// (`content`, `aspect`) is the client's document, returned as written, and is not looked into.
inline bool hasNull(const QJsonValue &value)
{
    if (value.isNull())
        return true;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (hasNull(v))
                return true;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("content") || it.key() == QLatin1String("aspect"))
                continue;
            if (hasNull(it.value()))
                return true;
        }
    }
    return false;
}

} // namespace aspect48

// Status, schema of the 0.48 document, and no JSON null anywhere in the body.
#define VERIFY_ANSWER48(reply, expectedStatus, schemaName)                                         \
    do {                                                                                           \
        const ApiReply tamed_ = aspect48::withoutHugeNumbers(reply);                               \
        QVERIFY2(tamed_.status == (expectedStatus), qPrintable(tamed_.describe()));                \
        VERIFY_SCHEMA48(tamed_, schemaName);                                                       \
        QVERIFY2(!aspect48::hasNull(QJsonValue(tamed_.json())), qPrintable(tamed_.describe()));    \
    } while (false)
