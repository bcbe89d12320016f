#pragma once

#include "api/apierror.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace ivcap {

class CollectionScan;
class Connection;

// The member artifacts of one collection, read from the deployment in every collection model
// its dialect offers (CollectionRecord, Dialect::collectionModels): the artifacts lists of the
// CLI's records, the items of the SDK's, the artifacts of v0.28's in_collection.1 records.
// Reports exactly one of finished() (the URNs, each once, in the order the records name them;
// empty for a collection no record names) or failed(). Used once.
class CollectionMembers : public QObject
{
    Q_OBJECT
public:
    CollectionMembers(Connection *connection, const QString &collection, QObject *parent = nullptr);

    QString collection() const { return m_collection; }
    void start();
    void cancel();

Q_SIGNALS:
    void finished(const QStringList &artifacts);
    void failed(const ivcap::ApiError &error);

private:
    void startScan(const QStringList &schemas);

    QPointer<Connection> m_connection;
    QString m_collection;
    QStringList m_members;
    QSet<QString> m_seen;
    QPointer<CollectionScan> m_scan;
};

} // namespace ivcap
