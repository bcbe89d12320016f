#pragma once

#include "apierror.h"
#include "listquery.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>

#include <memory>

namespace ivcap {

// The kinds of entity the core lists and reads. `Metadata` is the legacy `/1/metadata`;
// `Aspects` is the datafabric `/1/aspects` where the deployment has it and `/1/metadata`
// where it does not (v0.28), so an aspects view works on both. `Jobs` exist only where the
// dialect says hasJobs(); their list is scoped by a service id.
enum class EntityKind { Services, Orders, Artifacts, Metadata, Aspects, Jobs };

// Field names that differ between the dialects (PROTOCOL-0.48 §7.6).
enum class Field {
    RecordId,      // metadata/aspect record id: `record-id` (v0.28) | `id`
    AspectContent, // the record's document: `aspect` (metadata) | `content` (aspects)
    AspectContext, // `aspectContext` (v0.28) | `aspect-context`
    EntityQuery,   // list query naming the entity: `entity-id` | `entity` (aspects)
    ContentPath,   // list query JSONPath: `aspect-path` | `content-path` (aspects)
    OrderService,  // an order list item's service: `service-id` (v0.28) | `service`
};

// The ways a deployment's clients record that an artifact belongs to a collection. IVCAP has
// no collection resource; all three are records on the collection URN.
enum class CollectionModel {
    // The CLI's `urn:ivcap:schema:artifact-collection.1` {collection, artifacts[]} aspect, one
    // per collection, written whole with PUT /1/aspects (PROTOCOL-0.48 §2.7).
    ArtifactList,
    // The SDK's `urn:ivcap:schema:collection.1` {name, description} definition plus one
    // `urn:ivcap:schema:collection-item.1` {collection, item} aspect per member.
    ItemAspects,
    // v0.28's `urn:common:schema:in_collection.1` {artifact, collection} metadata records
    // (PROTOCOL.md §7.4), beside the `X-Collection` header of the upload.
    InCollectionRecords,
};

// How one IVCAP API dialect writes the same world: paths, list envelopes and their `next`
// links, field names, references, the upload URL, metadata vs aspects. One implementation per
// dialect (v0.28; the shapes of v0.30 and later, with jobs from v0.44); a Connection holds the
// one its deployment speaks (Dialect::forVersion), so models, transfers and views need no
// version checks of their own.
//
// Reading is tolerant in both dialects (a RefT object and a URN string are both read as the
// reference's id; `data-href` and `data.self` are both read as the data URL); what differs is
// what a dialect expects to find first and what it writes.
class Dialect
{
public:
    virtual ~Dialect() = default;

    // "major.minor" as detected or pinned ("0.28", "0.48"); empty when nothing told us yet.
    QString version() const { return m_version; }
    // The v0.28 shapes (per-resource list keys, `links` object, RefT objects, `data.self`).
    virtual bool isLegacy() const = 0;
    // /1/services2 and its jobs (v0.44 and later).
    bool hasJobs() const { return m_jobs; }
    // /1/aspects, the datafabric (v0.31 and later).
    bool hasAspects() const { return m_aspects; }
    // The free-text `search` of /1/services2 (v0.48).
    bool hasServiceSearch() const { return m_search; }

    // Path of a collection below the base URL ("/1/services2"). `scope` is the service id of
    // a job list and ignored otherwise.
    virtual QString collectionPath(EntityKind kind, const QString &scope = {}) const = 0;
    // Path of one entity: the collection path and the id, ':' kept readable.
    QString entityPath(EntityKind kind, const QString &id, const QString &scope = {}) const;

    // The query of a list's first page, in the order and with the defaults today's clients use.
    virtual Connection::QueryItems firstPageItems(EntityKind kind,
                                                  const ListQuery &query) const = 0;
    // The key of a list answer's items in this dialect ("artifacts" | "items").
    virtual QString itemsKey(EntityKind kind) const = 0;
    // The items of a list answer. An answer without them fails with one ApiError that says
    // which envelope was expected and what came instead (its top-level keys).
    QJsonArray pageItems(EntityKind kind, const QJsonObject &page, const QUrl &url,
                         ApiError *error) const;
    // The `next` link of a list answer (`links.next` | the `links` entry with rel "next"),
    // empty on the last page.
    virtual QString nextLink(const QJsonObject &page) const = 0;

    virtual QLatin1String key(EntityKind kind, Field field) const = 0;

    // The collection models this deployment's clients write, in the order a collection's
    // members are read and written: the datafabric's two where there is one, v0.28's
    // metadata records where there is not.
    virtual QList<CollectionModel> collectionModels() const = 0;

    // A reference as this dialect writes it: RefT `{"id": urn}` (v0.28) or the URN itself.
    virtual QJsonValue writeReference(const QString &urn) const = 0;
    // The body of POST /1/orders.
    virtual QJsonObject orderRequestBody(const QString &serviceId,
                                         const QList<QPair<QString, QString>> &parameters,
                                         const QString &name, const QString &accountId,
                                         const QString &policyId) const = 0;

    // Reads a reference in either form (RefT object or URN string).
    static QString reference(const QJsonObject &o, QLatin1String key);
    // The upload/download URL of an artifact record as the server wrote it (`data-href`, or
    // v0.28's `data.self`); empty when there is none.
    static QString dataUrl(const QJsonObject &artifact);
    // The data URL of an order or job product (`data-href`, or v0.28's `links.data`).
    static QString productDataUrl(const QJsonObject &product);
    // The products of an order or job record: a plain array (v0.28) or `{items, links}`.
    static QJsonArray products(const QJsonObject &record);

    // The dialect for an API version ("0.28", "0.48"; a missing minor counts as 0). `paths`,
    // the keys of the deployment's OpenAPI `paths`, decide the capabilities when given;
    // otherwise they follow from the version. Returns nullptr for a string that is no version.
    static std::shared_ptr<const Dialect> forVersion(const QString &version,
                                                     const QStringList &paths = {});
    // The dialect a list answer is written in, or nullptr when it fits neither.
    static std::shared_ptr<const Dialect> sniff(EntityKind kind, const QJsonObject &page);
    // major * 1000 + minor, or -1 for a string that is no "major.minor" version.
    static int versionNumber(const QString &version);

protected:
    Dialect(const QString &version, bool jobs, bool aspects, bool search)
        : m_version(version), m_jobs(jobs), m_aspects(aspects), m_search(search)
    {}

private:
    QString m_version;
    bool m_jobs;
    bool m_aspects;
    bool m_search;
};

} // namespace ivcap
