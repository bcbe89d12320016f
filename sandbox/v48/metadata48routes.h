#pragma once

#include <QHttpServerResponse>
#include <QString>

class QHttpServerRequest;
class Store;

// v0.48 legacy /1/metadata in today's shapes (PROTOCOL-0.48.md §2.5), over the same `aspects`
// table as /1/aspects. Until implemented every request is answered 404.
class Metadata48Routes
{
public:
    explicit Metadata48Routes(Store *store) : m_store(store) {}
    // `id` is the decoded path segment after /1/metadata/ ("" for the collection).
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

private:
    Store *m_store;
};
