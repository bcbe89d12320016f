#include "aspectroutes.h"
#include "httpreply.h"

#include <QHttpServerRequest>

QHttpServerResponse AspectRoutes::handle(const QHttpServerRequest &request, const QString &id)
{
    Q_UNUSED(m_store);
    return HttpReply::notFound(id.isEmpty() ? request.url().path() : id);
}
