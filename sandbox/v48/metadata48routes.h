#pragma once

#include <QHttpServerResponse>
#include <QString>

class QHttpServerRequest;
class Store;

// The legacy /1/metadata of IVCAP v0.48 (shapes ListMetaRT, MetadataRecordRT, AddMetaRT): the
// same records as /1/aspects, so a record added through either is visible through both. List
// (entity-id, schema pattern, aspect-path evaluated as a content-path, include-content default
// true, order-by/order-desc ascending by default), add, read, update-record (retract + create),
// revoke. There is no PUT /1/metadata since v0.30; it answers 405.
class Metadata48Routes
{
public:
    explicit Metadata48Routes(Store *store);
    // `id` is the decoded path segment after /1/metadata/ ("" for the collection).
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse read(const QHttpServerRequest &request, const QString &id);
    QHttpServerResponse add(const QHttpServerRequest &request);
    QHttpServerResponse updateRecord(const QHttpServerRequest &request, const QString &id);
    QHttpServerResponse revoke(const QString &id);

    Store *m_store;
};
