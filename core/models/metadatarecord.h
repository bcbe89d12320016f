#pragma once

#include "entitydetails.h"

#include <QDateTime>

namespace ivcap {

// One metadata record (GET /1/metadata/{record-id}); every field of MetadataRecordRT is optional.
class MetadataRecord : public EntityDetails
{
    Q_OBJECT
public:
    MetadataRecord(Connection *connection, const QString &recordId, QObject *parent = nullptr);

    QString entityId() const { return field(QLatin1String("entity")); }
    QString schema() const { return field(QLatin1String("schema")); }
    // The aspect is a JSON object on the wire, although the spec calls it a binary string.
    QJsonObject aspect() const;
    QDateTime validFrom() const;
    // Invalid while the record is active.
    QDateTime validTo() const;
    QString asserter() const { return field(QLatin1String("asserter")); }
    // An entity id, although the spec gives it a date-time format.
    QString revoker() const { return field(QLatin1String("revoker")); }
    bool isRevoked() const { return validTo().isValid(); }

protected:
    ApiRequest *makeRequest() override;
};

} // namespace ivcap
