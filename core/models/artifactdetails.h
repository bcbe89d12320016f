#pragma once

#include "entitydetails.h"

#include <QDateTime>
#include <QUrl>

namespace ivcap {

// One artifact record: what the preview pane and downloads need to know before touching content.
class ArtifactDetails : public EntityDetails
{
    Q_OBJECT
public:
    ArtifactDetails(Connection *connection, const QString &artifactId, QObject *parent = nullptr);

    QString name() const { return field(QLatin1String("name")); }
    QString status() const { return field(QLatin1String("status")); }
    QString mimeType() const { return field(QLatin1String("mime-type")); }
    // -1 when the server has not said (pending artifacts may omit it).
    qint64 size() const;
    QDateTime createdAt() const;
    QDateTime lastModifiedAt() const;
    QString policyId() const;
    QString accountId() const;
    QString etag() const { return field(QLatin1String("etag")); }
    // The content URL (`data-href`, v0.28's `data.self`), already re-based on the connection's base
    // URL.
    QUrl dataUrl() const;
    bool isReady() const { return status() == QLatin1String("ready"); }

protected:
    ApiRequest *makeRequest() override;
};

} // namespace ivcap
