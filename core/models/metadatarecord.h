#pragma once

#include "api/dialect.h"
#include "entitydetails.h"

#include <QDateTime>

namespace ivcap {

// One metadata record (GET /1/metadata/{record-id}) or, built with EntityKind::Aspects, one
// aspect (GET /1/aspects/{id} where the deployment has the datafabric); every field of
// MetadataRecordRT / AspectRT is optional.
class MetadataRecord : public EntityDetails
{
    Q_OBJECT
public:
    MetadataRecord(Connection *connection, const QString &recordId, QObject *parent = nullptr,
                   EntityKind kind = EntityKind::Metadata);

    QString entityId() const { return field(QLatin1String("entity")); }
    QString schema() const { return field(QLatin1String("schema")); }
    // The aspect is a JSON object on the wire, although the spec calls it a binary string.
    QJsonObject aspect() const;
    // The aspect's JSON text exactly as the server wrote it, so numbers a double would round
    // (2^64, 0.1000000000000000055511151231257827, 1e400) keep every digit; empty when the
    // record has no aspect.
    QByteArray aspectText() const;
    QDateTime validFrom() const;
    // Invalid while the record is active.
    QDateTime validTo() const;
    QString asserter() const { return field(QLatin1String("asserter")); }
    // An entity id, although the spec gives it a date-time format (`retracter` on aspects).
    QString revoker() const;
    bool isRevoked() const { return validTo().isValid(); }

protected:
    ApiRequest *makeRequest() override;

private:
    EntityKind m_kind;
};

} // namespace ivcap
