#pragma once

#include <QString>
#include <QStringList>

class Store;

// Demo collections for the v0.48 sandbox. IVCAP has no collection endpoint; collections are
// aspects, in two models today's clients write:
// - the CLI's: one `urn:ivcap:schema:artifact-collection.1` {collection, artifacts[]} aspect on
//   the collection URN;
// - the SDK's: a `urn:ivcap:schema:collection.1` {name, description} aspect plus one
//   `urn:ivcap:schema:collection-item.1` {collection, item} aspect per member, all on the
//   collection URN.
// Seeds two collections in each model over the oldest artifacts, with fixed URNs so demos can
// name them. Does nothing when there are fewer than two artifacts or collections exist already.
// A v0.28 deployment has no aspects: there, membership is one
// `urn:common:schema:in_collection.1` {artifact, collection} metadata record per member on the
// collection URN (the IVCAP CLI's `artifact add-to-collection`); seedLegacy() seeds two such
// collections.
class CollectionSeeder
{
public:
    static constexpr const char *kCliSchema = "urn:ivcap:schema:artifact-collection.1";
    static constexpr const char *kSdkSchema = "urn:ivcap:schema:collection.1";
    static constexpr const char *kSdkItemSchema = "urn:ivcap:schema:collection-item.1";
    static constexpr const char *kInCollectionSchema = "urn:common:schema:in_collection.1";

    // Returns the URNs of the collections it created (empty when it created none).
    static QStringList seed(Store *store);
    // The v0.28 collections (metadata records); same rules, same URNs as collections 1 and 2.
    static QStringList seedLegacy(Store *store);
    // The fixed URN of demo collection `n` (1-based).
    static QString collectionUrn(int n);
};
