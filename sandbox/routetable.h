#pragma once

#include "blobstreamer.h"
#include "dialect.h"

#include <QHash>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QHttpServerRequest;
class QTcpSocket;

// One authorised API request as a route sees it.
struct Exchange
{
    const QHttpServerRequest &request;
    QTcpSocket *socket;
    // The decoded path segments after "/1/": {collection, id, sub, ...}.
    QStringList segments;
    // Set by a route whose answer is a blob the server streams from its file.
    std::optional<BlobStreamer::Range> stream;
    // Set by defer(): the route answers later itself, and its return value is ignored.
    bool deferred = false;
    std::function<std::shared_ptr<QHttpServerResponder>()> responderFactory;

    QString segment(int index) const { return segments.value(index); }
    // For an answer that is not ready yet (a job being waited for, an event stream): the
    // responder writes to this request's socket; the route must stop using it once the socket
    // is gone (connect to the socket's destroyed/disconnected signals).
    std::shared_ptr<QHttpServerResponder> defer()
    {
        deferred = true;
        return responderFactory();
    }
    // For a route that writes a raw HTTP answer (a stream) to the socket itself.
    QTcpSocket *takeSocket()
    {
        deferred = true;
        return socket;
    }
};

// The routes of one dialect, keyed by the collection (the path segment after "/1/"). ApiServer
// checks the token and splits the path; a table maps requests to the shared store and runner.
class RouteTable
{
public:
    using Route = std::function<QHttpServerResponse(Exchange &)>;

    explicit RouteTable(ApiDialect dialect) : m_dialect(dialect) {}
    virtual ~RouteTable() = default;
    RouteTable(const RouteTable &) = delete;
    RouteTable &operator=(const RouteTable &) = delete;

    ApiDialect dialect() const { return m_dialect; }
    // The Qt resource GET /1/openapi/openapi3.json serves.
    QString openApiResource() const
    {
        return m_dialect == ApiDialect::V048 ? QStringLiteral(":/sandbox/openapi-0.48.json")
                                             : QStringLiteral(":/sandbox/openapi3.json");
    }
    // The most segments a path may have after "/1/" (longer paths are 404).
    int maxSegments() const { return m_dialect == ApiDialect::V048 ? 5 : 3; }
    const Route *find(const QString &collection) const
    {
        const auto it = m_routes.constFind(collection);
        return it == m_routes.cend() ? nullptr : &it.value();
    }

protected:
    void add(const QString &collection, Route route)
    {
        m_routes.insert(collection, std::move(route));
    }

private:
    ApiDialect m_dialect;
    QHash<QString, Route> m_routes;
};
