#include "metadatarecord.h"

#include "api/apicalls.h"
#include "jsonfields.h"

#include <QJsonDocument>

namespace ivcap {

MetadataRecord::MetadataRecord(Connection *connection, const QString &recordId, QObject *parent)
    : EntityDetails(connection, recordId, parent)
{}

QJsonObject MetadataRecord::aspect() const
{
    const QJsonValue value = raw().value(QLatin1String("aspect"));
    if (value.isObject())
        return value.toObject();
    // Tolerate a server that follows the spec's "binary string" literally.
    if (value.isString())
        return QJsonDocument::fromJson(value.toString().toUtf8()).object();
    return QJsonObject();
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
    return Api::readMetadata(connection(), id(), this);
}

} // namespace ivcap
