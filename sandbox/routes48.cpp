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
    : RouteTable(ApiDialect::V048), m_aspects(store), m_metadata(store)
{
    Q_UNUSED(runner);
    add(QStringLiteral("aspects"), [this](Exchange &e) {
        return e.segments.size() <= 2 ? m_aspects.handle(e.request, e.segment(1)) : notFound(e);
    });
    add(QStringLiteral("metadata"), [this](Exchange &e) {
        return e.segments.size() <= 2 ? m_metadata.handle(e.request, e.segment(1)) : notFound(e);
    });
}
