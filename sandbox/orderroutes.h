#pragma once

#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>

class OrderRunner;
class QHttpServerRequest;
class Store;

// /1/orders: list, create (validated against the service's parameter definitions) and read.
class OrderRoutes
{
public:
    OrderRoutes(Store *store, OrderRunner *runner) : m_store(store), m_runner(runner) {}
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

private:
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QJsonObject statusBody(const QString &base, const QSqlRecord &row);
    std::optional<QHttpServerResponse> validate(const QJsonArray &definitions,
                                                const QJsonArray &parameters);

    Store *m_store;
    OrderRunner *m_runner;
};
