#pragma once

#include "apierror.h"
#include "collectionrecords.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace ivcap {

class Connection;

// Records that an artifact belongs to a collection, in the collection models the deployment's
// clients read (Dialect::collectionModels), without duplicating what is there:
// - v0.48 (datafabric): the SDK's `collection-item.1` {collection, item} aspect on the
//   collection URN, unless `content-path=$.item ? (@ == "<artifact>")` finds one already; a
//   collection kept in the CLI's model also gets the artifact appended to its
//   `artifact-collection.1` list (PUT /1/aspects, which replaces the one active record); a
//   collection that neither model defines yet gets an SDK `collection.1` definition named
//   after the URN's last part, as the SDK's create does.
// - v0.28: an `in_collection.1` {artifact, collection} metadata record on the collection URN
//   (PROTOCOL.md §7.4; the `X-Collection` header of the upload is the other half, but no read
//   of the API shows it), unless one exists.
//
// Reports exactly one of finished() or failed() (the first failing call's error; records
// written before it stay, and running it again completes the rest). Used once.
class CollectionMembership : public QObject
{
    Q_OBJECT
public:
    CollectionMembership(Connection *connection, const QString &collection, const QString &artifact,
                         QObject *parent = nullptr);

    QString collection() const { return m_collection; }
    QString artifact() const { return m_artifact; }
    void start();

    // The datafabric's JSONPath that finds the SDK member record of `artifact`.
    static QString itemContentPath(const QString &artifact);

Q_SIGNALS:
    void finished();
    void failed(const ivcap::ApiError &error);

private:
    using Step = std::function<void()>;
    void run();
    void scan(const QStringList &schemas, const QString &contentPath,
              std::function<void(const QList<CollectionRecord> &)> then);
    void write(const QByteArray &method, const char *schema, const QJsonObject &content);
    void fail(const ApiError &error);
    void planModel(CollectionModel model);
    // Plans a scan of `schema` records (narrowed by `contentPath` where the dialect has one)
    // and, when none names the artifact yet, a POST of `content`: one membership, no duplicate.
    void addUnlessPresent(const char *schema, const QString &contentPath,
                          const QJsonObject &content);

    QPointer<Connection> m_connection;
    QString m_collection;
    QString m_artifact;
    QList<Step> m_steps;
    bool m_done = false;
};

} // namespace ivcap
