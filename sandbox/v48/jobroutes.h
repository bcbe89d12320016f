#pragma once

#include <QHttpServerResponse>
#include <QString>

class OrderRunner;
class QHttpServerRequest;
class Store;
struct Exchange;

// v0.48 /1/services2/{service}/jobs… (PROTOCOL-0.48.md §2.2): create (the service's own JSON
// request, checked against its fn_schema; the Timeout header decides between 202 at once and
// waiting for the result), list, read, output and the Server-Sent-Events stream.
class JobRoutes
{
public:
    JobRoutes(Store *store, OrderRunner *runner) : m_store(store), m_runner(runner) {}
    // Exchange segments: {"services2", service, "jobs", job?, "output"|"events"?}.
    QHttpServerResponse handle(Exchange &exchange);

private:
    QHttpServerResponse create(Exchange &exchange, const QString &serviceId);
    QHttpServerResponse list(const QHttpServerRequest &request, const QString &serviceId);
    QHttpServerResponse read(const QHttpServerRequest &request, const QString &serviceId,
                             const QString &jobId);
    QHttpServerResponse events(Exchange &exchange, const QString &jobId);

    Store *m_store;
    OrderRunner *m_runner;
};
