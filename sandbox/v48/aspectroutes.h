#pragma once

#include <QHttpServerResponse>
#include <QString>

class QHttpServerRequest;
class Store;

// v0.48 /1/aspects: list, read, create, update and retract (PROTOCOL-0.48.md §2.4), over the
// `aspects` table (AspectTable). Until implemented every request is answered 404.
class AspectRoutes
{
public:
    explicit AspectRoutes(Store *store) : m_store(store) {}
    // `id` is the decoded path segment after /1/aspects/ ("" for the collection).
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

private:
    Store *m_store;
};
