#pragma once

#include <QHttpServerResponse>
#include <QSqlRecord>
#include <QString>

class QHttpServerRequest;
class Store;

// IVCAP v0.48 /1/aspects (the datafabric): list with entity, schema pattern, content-path,
// include-content, order-by/order-direction, at-time and paging; read (retracted records stay
// readable); create (POST, raw JSON body); update (PUT: retract + create, 424 not-unique);
// retract (DELETE, 204). Shapes: AspectListRT, AspectRT, AspectIDRT of the 0.48 document.
class AspectRoutes
{
public:
    explicit AspectRoutes(Store *store);
    // `id` is the decoded path segment after /1/aspects/ ("" for the collection).
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse read(const QHttpServerRequest &request, const QString &id);
    QHttpServerResponse write(const QHttpServerRequest &request, bool update);
    QHttpServerResponse retract(const QString &id);

    Store *m_store;
};
