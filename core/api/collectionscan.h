#pragma once

#include "apierror.h"
#include "collectionrecords.h"
#include "listquery.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace ivcap {

class ApiRequest;
class Connection;

// Reads every collection record of the given schemas (and optionally of one collection) from
// the deployment: `GET /1/aspects?schema=…[&entity=…][&content-path=…]&include-content=true`
// where it has a datafabric, v0.28's `GET /1/metadata?schema=…[&entity-id=…]` where it has
// not (the connection's dialect decides), following `next` links to the end. Schemas are read
// one after the other; records of other schemas are dropped.
//
// Reports each page's records with `records()`, then exactly one of `finished()` or
// `failed()`. Waits for an API detection under way. A scan is used once.
class CollectionScan : public QObject
{
    Q_OBJECT
public:
    // `collection` empty: every collection; `contentPath` (a JSONPath the datafabric
    // evaluates, ignored by v0.28) narrows the records further.
    CollectionScan(Connection *connection, const QStringList &schemas,
                   const QString &collection = {}, const QString &contentPath = {},
                   QObject *parent = nullptr);

    void start();
    void cancel();

Q_SIGNALS:
    void records(const QList<ivcap::CollectionRecord> &records);
    void finished();
    void failed(const ivcap::ApiError &error);

private:
    void next();
    void requestPage(const QString &token);
    void onPage(const QJsonDocument &doc);

    QPointer<Connection> m_connection;
    QStringList m_schemas;
    QString m_collection;
    QString m_contentPath;
    int m_schemaIndex = -1;
    QPointer<ApiRequest> m_request;
    QMetaObject::Connection m_detectionWait;
    bool m_done = false;
};

} // namespace ivcap
