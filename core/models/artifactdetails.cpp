#include "artifactdetails.h"

#include "api/apicalls.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "jsonfields.h"

namespace ivcap {

ArtifactDetails::ArtifactDetails(Connection *connection, const QString &artifactId, QObject *parent)
    : EntityDetails(connection, artifactId, parent)
{}

qint64 ArtifactDetails::size() const
{
    if (!raw().contains(QLatin1String("size")))
        return -1;
    return json::int64(raw(), QLatin1String("size"));
}

QDateTime ArtifactDetails::createdAt() const
{
    return json::time(raw(), QLatin1String("created-at"));
}

QDateTime ArtifactDetails::lastModifiedAt() const
{
    return json::time(raw(), QLatin1String("last-modified-at"));
}

QString ArtifactDetails::policyId() const
{
    return Dialect::reference(raw(), QLatin1String("policy"));
}

QString ArtifactDetails::accountId() const
{
    return Dialect::reference(raw(), QLatin1String("account"));
}

QUrl ArtifactDetails::dataUrl() const
{
    const QString self = Dialect::dataUrl(raw());
    if (self.isEmpty() || !connection())
        return QUrl();
    return connection()->rebase(QUrl(self));
}

ApiRequest *ArtifactDetails::makeRequest()
{
    return Api::readArtifact(connection(), id(), this);
}

} // namespace ivcap
