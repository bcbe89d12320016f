#include "metadatarecord.h"

#include "api/apicalls.h"
#include "aspect/jsonnumbers.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ivcap {

MetadataRecord::MetadataRecord(Connection *connection, const QString &recordId, QObject *parent,
                               EntityKind kind)
    : EntityDetails(connection, recordId, parent), m_kind(kind)
{}

QString MetadataRecord::revoker() const
{
    const QString revoker = field(QLatin1String("revoker"));
    return revoker.isEmpty() ? field(QLatin1String("retracter")) : revoker;
}

QJsonObject MetadataRecord::aspect() const
{
    // `aspect` on metadata, `content` on the datafabric's aspects.
    QJsonValue value = raw().value(QLatin1String("aspect"));
    if (value.isUndefined())
        value = raw().value(QLatin1String("content"));
    if (value.isObject())
        return value.toObject();
    // Tolerate a server that follows the spec's "binary string" literally.
    if (value.isString())
        return QJsonDocument::fromJson(value.toString().toUtf8()).object();
    return QJsonObject();
}

QByteArray MetadataRecord::aspectText() const
{
    QByteArray text = jsonnumbers::valueText(rawText(), {QStringLiteral("aspect")});
    if (text.isEmpty())
        text = jsonnumbers::valueText(rawText(), {QStringLiteral("content")});
    if (text.startsWith('"')) // the spec's "binary string": JSON text inside a string
        return QJsonDocument::fromJson("[" + text + "]").array().first().toString().toUtf8();
    return text;
}

QDateTime MetadataRecord::validFrom() const
{
    return json::time(raw(), QLatin1String("valid-from"));
}

QDateTime MetadataRecord::validTo() const
{
    return json::time(raw(), QLatin1String("valid-to"));
}

ApiRequest *MetadataRecord::makeRequest()
{
    return Api::readEntity(connection(), m_kind, id(), this);
}

} // namespace ivcap
