#include "routes28.h"
#include "httpreply.h"

#include <QHttpServerRequest>

namespace {
QHttpServerResponse notFound(const Exchange &exchange)
{
    return HttpReply::notFound(exchange.request.url().path(QUrl::FullyDecoded));
}
} // namespace

Routes28::Routes28(Store *store, OrderRunner *runner)
    : RouteTable(ApiDialect::V028), m_services(store), m_orders(store, runner), m_artifacts(store),
      m_metadata(store)
{
    add(QStringLiteral("services"), [this](Exchange &e) {
        return e.segment(2).isEmpty() ? m_services.handle(e.request, e.segment(1)) : notFound(e);
    });
    add(QStringLiteral("orders"), [this](Exchange &e) {
        return e.segment(2).isEmpty() ? m_orders.handle(e.request, e.segment(1)) : notFound(e);
    });
    add(QStringLiteral("artifacts"), [this](Exchange &e) {
        QHttpServerResponse response = m_artifacts.handle(e.request, e.segment(1), e.segment(2));
        e.stream = m_artifacts.takeStream();
        return response;
    });
    add(QStringLiteral("metadata"), [this](Exchange &e) {
        return e.segment(2).isEmpty() ? m_metadata.handle(e.request, e.segment(1)) : notFound(e);
    });
}
