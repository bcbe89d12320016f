#include "collectionscan.h"

#include "apicalls.h"
#include "connection.h"

#include <QCoreApplication>
#include <QTimer>

namespace ivcap {

CollectionScan::CollectionScan(Connection *connection, const QStringList &schemas,
                               const QString &collection, const QString &contentPath,
                               QObject *parent)
    : QObject(parent), m_connection(connection), m_schemas(schemas), m_collection(collection),
      m_contentPath(contentPath)
{}

void CollectionScan::start()
{
    if (m_schemaIndex >= 0)
        return;
    if (!m_connection) {
        m_done = true;
        // Never synchronously: the caller connects after start() as often as before.
        QTimer::singleShot(0, this, [this] {
            Q_EMIT failed(ApiError::local(QCoreApplication::translate(
                "ivcap::CollectionScan", "Not connected to a deployment.")));
        });
        return;
    }
    if (m_connection->isDetectingApi()) {
        m_detectionWait = connect(m_connection, &Connection::apiDetectionFinished, this, [this] {
            QObject::disconnect(m_detectionWait);
            next();
        });
        m_schemaIndex = 0;
        return;
    }
    m_schemaIndex = 0;
    requestPage(QString());
}

void CollectionScan::cancel()
{
    m_done = true;
    QObject::disconnect(m_detectionWait);
    if (m_request) {
        m_request->disconnect(this);
        m_request->deleteLater();
    }
}

void CollectionScan::next()
{
    if (m_done)
        return;
    if (m_schemaIndex >= m_schemas.size()) {
        m_done = true;
        Q_EMIT finished();
        return;
    }
    requestPage(QString());
}

void CollectionScan::requestPage(const QString &token)
{
    if (m_schemaIndex >= m_schemas.size()) {
        next();
        return;
    }
    ListQuery query;
    query.limit = 50;
    query.schemaPrefix = m_schemas.at(m_schemaIndex);
    query.entityId = m_collection;
    if (m_connection->dialect().hasAspects())
        query.aspectPath = m_contentPath;
    ApiRequest *request = Api::listEntities(m_connection, EntityKind::Aspects, query, token, this);
    connect(request, &ApiRequest::finished, this, &CollectionScan::onPage);
    connect(request, &ApiRequest::failed, this, [this](const ApiError &error) {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT failed(error);
    });
    m_request = request;
    request->start();
}

void CollectionScan::onPage(const QJsonDocument &doc)
{
    if (m_done || !m_connection)
        return;
    const QJsonObject page = doc.object();
    const std::shared_ptr<const Dialect> dialect =
        m_connection->adoptDialect(EntityKind::Aspects, page);
    ApiError error;
    const QJsonArray items = dialect->pageItems(
        EntityKind::Aspects, page,
        m_connection->apiUrl(dialect->collectionPath(EntityKind::Aspects)), &error);
    if (error.isError()) {
        m_done = true;
        Q_EMIT failed(error);
        return;
    }
    const QLatin1String contentKey = dialect->key(EntityKind::Aspects, Field::AspectContent);
    const QString schema = m_schemas.at(m_schemaIndex);
    QList<CollectionRecord> found;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        // The schema query is a prefix or a pattern on some deployments: keep exact matches.
        if (item.value(QLatin1String("schema")).toString() != schema)
            continue;
        CollectionRecord record = CollectionRecord::read(item, contentKey);
        if (record.isValid() && (m_collection.isEmpty() || record.collection == m_collection))
            found << record;
    }
    if (!found.isEmpty())
        Q_EMIT records(found);
    if (m_done)
        return; // a receiver cancelled
    const QString token = ListQuery::pageToken(dialect->nextLink(page));
    if (!token.isEmpty() && !items.isEmpty()) {
        requestPage(token);
        return;
    }
    ++m_schemaIndex;
    next();
}

} // namespace ivcap
