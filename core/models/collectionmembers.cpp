#include "collectionmembers.h"

#include "api/collectionscan.h"
#include "api/connection.h"

namespace ivcap {

CollectionMembers::CollectionMembers(Connection *connection, const QString &collection,
                                     QObject *parent)
    : QObject(parent), m_connection(connection), m_collection(collection)
{}

void CollectionMembers::start()
{
    QStringList schemas;
    if (m_connection && !m_connection->isDetectingApi()) {
        for (CollectionModel model : m_connection->dialect().collectionModels())
            schemas << CollectionRecord::schemasOf(model);
    } else if (m_connection) {
        auto wait = std::make_shared<QMetaObject::Connection>();
        *wait = connect(m_connection, &Connection::apiDetectionFinished, this, [this, wait] {
            disconnect(*wait);
            start();
        });
        return;
    }
    startScan(schemas);
}

void CollectionMembers::startScan(const QStringList &schemas)
{
    auto *scan = new CollectionScan(m_connection, schemas, m_collection, {}, this);
    connect(scan, &CollectionScan::records, this, [this](const QList<CollectionRecord> &records) {
        for (const CollectionRecord &record : records) {
            for (const QString &artifact : record.artifacts) {
                if (!m_seen.contains(artifact)) {
                    m_seen.insert(artifact);
                    m_members << artifact;
                }
            }
        }
    });
    connect(scan, &CollectionScan::finished, this, [this] { Q_EMIT finished(m_members); });
    connect(scan, &CollectionScan::failed, this, &CollectionMembers::failed);
    m_scan = scan;
    scan->start();
}

void CollectionMembers::cancel()
{
    if (m_scan)
        m_scan->cancel();
    disconnect(m_connection, nullptr, this, nullptr);
}

} // namespace ivcap
