#include "routes48.h"
#include "httpreply.h"

#include <QHttpServerRequest>

namespace {
QHttpServerResponse notFound(const Exchange &exchange)
{
    return HttpReply::notFound(exchange.request.url().path(QUrl::FullyDecoded));
}
} // namespace

Routes48::Routes48(Store *store, OrderRunner *runner)
    : RouteTable(ApiDialect::V048), m_services(store), m_jobs(store, runner),
      m_orders(store, runner), m_artifacts(store), m_aspects(store), m_metadata(store)
{
    add(QStringLiteral("services2"), [this](Exchange &e) {
        if (e.segments.size() <= 2)
            return m_services.handle(e.request, e.segment(1));
        return e.segment(2) == QLatin1String("jobs") ? m_jobs.handle(e) : notFound(e);
    });
    add(QStringLiteral("orders"), [this](Exchange &e) { return m_orders.handle(e); });
    add(QStringLiteral("artifacts"), [this](Exchange &e) { return m_artifacts.handle(e); });
    add(QStringLiteral("aspects"), [this](Exchange &e) {
        return e.segments.size() <= 2 ? m_aspects.handle(e.request, e.segment(1)) : notFound(e);
    });
    add(QStringLiteral("metadata"), [this](Exchange &e) {
        return e.segments.size() <= 2 ? m_metadata.handle(e.request, e.segment(1)) : notFound(e);
    });
}
