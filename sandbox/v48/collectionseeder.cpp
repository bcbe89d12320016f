#include "collectionseeder.h"
#include "aspectstore.h"
#include "metadataroutes.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QString CollectionSeeder::collectionUrn(int n)
{
    static const QUuid space(QStringLiteral("6d0f5bd4-5a9e-4a52-8d0e-2f1c3a3c0c11"));
    return QStringLiteral("urn:ivcap:collection:") +
           QUuid::createUuidV5(space, QStringLiteral("demo-collection-%1").arg(n))
               .toString(QUuid::WithoutBraces);
}

QStringList CollectionSeeder::seed(Store *store)
{
    if (store->one(QStringLiteral("SELECT 1 FROM aspects WHERE schema IN (?, ?)"),
                   {QLatin1String(kCliSchema), QLatin1String(kSdkSchema)}))
        return {};
    QStringList artifacts;
    QSqlQuery rows = store->exec(
        QStringLiteral("SELECT id FROM artifacts WHERE valid_to IS NULL ORDER BY created_at, id "
                       "LIMIT 12"));
    while (rows.next())
        artifacts << rows.value(0).toString();
    if (artifacts.size() < 2)
        return {};
    // Overlapping members, so one artifact belongs to collections of both models.
    const QList<QStringList> members{artifacts.mid(0, 4), artifacts.mid(2, 3), artifacts.mid(1, 5),
                                     artifacts.mid(6, 2)};
    static const char *names[] = {"", "Coastal imagery", "", "Field notes"}; // SDK model only
    QStringList created;
    store->transaction();
    for (int i = 0; i < members.size(); ++i) {
        if (members[i].isEmpty())
            continue;
        const QString urn = collectionUrn(i + 1);
        if (i % 2 == 0) {
            AspectStore::add(store, urn, QLatin1String(kCliSchema),
                             compact({{"collection", urn},
                                      {"artifacts", QJsonArray::fromStringList(members[i])}}),
                             {});
        } else {
            AspectStore::add(
                store, urn, QLatin1String(kSdkSchema),
                compact(
                    {{"$schema", QLatin1String(kSdkSchema)},
                     {"$entity", urn},
                     {"name", QLatin1String(names[i])},
                     {"description",
                      QStringLiteral("A demo collection of %1 artifacts").arg(members[i].size())}}),
                {});
            for (const QString &item : members[i])
                AspectStore::add(store, urn, QLatin1String(kSdkItemSchema),
                                 compact({{"$schema", QLatin1String(kSdkItemSchema)},
                                          {"$entity", urn},
                                          {"collection", urn},
                                          {"item", item}}),
                                 {});
        }
        created << urn;
    }
    store->commit();
    return created;
}

QStringList CollectionSeeder::seedLegacy(Store *store)
{
    if (store->one(QStringLiteral("SELECT 1 FROM metadata WHERE schema = ?"),
                   {QLatin1String(kInCollectionSchema)}))
        return {};
    QStringList artifacts;
    QSqlQuery rows = store->exec(
        QStringLiteral("SELECT id FROM artifacts WHERE valid_to IS NULL ORDER BY created_at, id "
                       "LIMIT 6"));
    while (rows.next())
        artifacts << rows.value(0).toString();
    if (artifacts.size() < 2)
        return {};
    // Overlapping, as in v0.48: the second artifact belongs to both.
    const QList<QStringList> members{artifacts.mid(0, 3), artifacts.mid(1, 3)};
    QStringList created;
    store->transaction();
    for (int i = 0; i < members.size(); ++i) {
        const QString urn = collectionUrn(i + 1);
        for (const QString &artifact : members[i])
            MetadataRoutes::add(store, urn, QLatin1String(kInCollectionSchema),
                                QJsonObject{{"artifact", artifact}, {"collection", urn}},
                                QString());
        created << urn;
    }
    store->commit();
    return created;
}
