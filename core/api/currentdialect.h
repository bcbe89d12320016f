#pragma once

#include "dialect.h"

namespace ivcap {

// The shapes of v0.30 and later (PROTOCOL-0.48 §2): every list is `{items, at-time,
// links: [{rel, type, href}]}`, references are URN strings, the upload URL is `data-href`,
// metadata records are keyed `id` with `aspect-context`. What a deployment offers beyond that
// depends on its version: `/1/aspects` from v0.31, `/1/services2` and jobs from v0.44, the
// services' free-text `search` from v0.48.
class CurrentDialect : public Dialect
{
public:
    CurrentDialect(const QString &version, bool jobs, bool aspects, bool search)
        : Dialect(version, jobs, aspects, search)
    {}

    bool isLegacy() const override { return false; }
    QString collectionPath(EntityKind kind, const QString &scope = {}) const override;
    Connection::QueryItems firstPageItems(EntityKind kind, const ListQuery &query) const override;
    QString itemsKey(EntityKind kind) const override;
    QString nextLink(const QJsonObject &page) const override;
    QLatin1String key(EntityKind kind, Field field) const override;
    QJsonValue writeReference(const QString &urn) const override;
    // Where the deployment has no datafabric (v0.30) the v0.28 metadata records remain.
    QList<CollectionModel> collectionModels() const override
    {
        if (!hasAspects())
            return {CollectionModel::InCollectionRecords};
        return {CollectionModel::ArtifactList, CollectionModel::ItemAspects};
    }
    QJsonObject orderRequestBody(const QString &serviceId,
                                 const QList<QPair<QString, QString>> &parameters,
                                 const QString &name, const QString &accountId,
                                 const QString &policyId) const override;

private:
    bool usesAspects(EntityKind kind) const { return kind == EntityKind::Aspects && hasAspects(); }
};

} // namespace ivcap
