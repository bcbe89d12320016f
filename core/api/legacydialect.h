#pragma once

#include "dialect.h"

namespace ivcap {

// The v0.28 dialect (PROTOCOL.md): per-resource list keys (`services`, `orders`, `artifacts`,
// `records`) with a `links` object, RefT `{id, links}` references, `data.self` upload URLs,
// metadata records under `record-id` with `aspectContext`. It has no jobs and no aspects;
// the aspects of a view are its metadata.
class LegacyDialect : public Dialect
{
public:
    explicit LegacyDialect(const QString &version = QStringLiteral("0.28"))
        : Dialect(version, false, false, false)
    {}

    bool isLegacy() const override { return true; }
    QString collectionPath(EntityKind kind, const QString &scope = {}) const override;
    Connection::QueryItems firstPageItems(EntityKind kind, const ListQuery &query) const override;
    QString itemsKey(EntityKind kind) const override;
    QString nextLink(const QJsonObject &page) const override;
    QLatin1String key(EntityKind kind, Field field) const override;
    QJsonValue writeReference(const QString &urn) const override;
    QList<CollectionModel> collectionModels() const override
    {
        return {CollectionModel::InCollectionRecords};
    }
    QJsonObject orderRequestBody(const QString &serviceId,
                                 const QList<QPair<QString, QString>> &parameters,
                                 const QString &name, const QString &accountId,
                                 const QString &policyId) const override;
};

} // namespace ivcap
