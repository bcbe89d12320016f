#include "metadata48routes.h"
#include "httpreply.h"

#include <QHttpServerRequest>

QHttpServerResponse Metadata48Routes::handle(const QHttpServerRequest &request, const QString &id)
{
    Q_UNUSED(m_store);
    return HttpReply::notFound(id.isEmpty() ? request.url().path() : id);
}
