#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>

class OrderRunner;
class QHttpServerRequest;
class Store;
struct Exchange;

// v0.48 legacy /1/orders (PROTOCOL-0.48.md §2.3): list, create (OrderRequestT with `service`
// and string parameters, run as a job of that service), read, and the order's products,
// metadata (the aspects about the order, its job and its products), logs (text, `from`/`to`
// in unix seconds) and top (the job's container while it executes).
class Order48Routes
{
public:
    Order48Routes(Store *store, OrderRunner *runner) : m_store(store), m_runner(runner) {}
    // Exchange segments: {"orders", id?, "products"|"metadata"|"logs"|"top"?}.
    QHttpServerResponse handle(Exchange &exchange);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse products(const QHttpServerRequest &request, const QSqlRecord &order);
    QHttpServerResponse metadata(const QHttpServerRequest &request, const QSqlRecord &order);
    QHttpServerResponse logs(const QHttpServerRequest &request, const QSqlRecord &order);
    QHttpServerResponse top(const QSqlRecord &order);
    QJsonObject statusBody(const QString &base, const QSqlRecord &order) const;

    Store *m_store;
    OrderRunner *m_runner;
};
