#include "artifact48routes.h"
#include "httpreply.h"
#include "list48.h"
#include "listquery.h"
#include "routetable.h"
#include "serviceroutes.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
QString blobUrl(const QString &base, const QString &id)
{
    return Artifact48Routes::selfUrl(base, id) + QStringLiteral("/blob");
}
} // namespace

QString Artifact48Routes::selfUrl(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/artifacts/") + List48::pathId(id);
}

QJsonObject Artifact48Routes::productItem(const QString &base, const QSqlRecord &row)
{
    const QJsonObject product = ArtifactRoutes::productBody(base, row);
    const QString id = product.value("id").toString();
    return {{"id", id},
            {"name", product.value("name")},
            {"status", product.value("status")},
            {"mime-type", product.value("mime-type")},
            {"size", product.value("size")},
            {"href", selfUrl(base, id)},
            {"data-href", blobUrl(base, id)}};
}

QJsonObject Artifact48Routes::statusBody(const QString &base, const QSqlRecord &row) const
{
    const QString id = row.value("id").toString();
    QJsonObject body = productItem(base, row);
    body.remove("href");
    body.insert("created-at", row.value("created_at").toString());
    body.insert("last-modified-at", row.value("last_modified_at").toString());
    if (!row.value("etag").toString().isEmpty())
        body.insert("etag", row.value("etag").toString());
    body.insert("policy", row.value("policy").toString());
    body.insert("account", ServiceRoutes::accountId());
    body.insert("links",
                List48::recordLinks(base, selfUrl(base, id), QStringLiteral("ArtifactStatusRT")));
    return body;
}

QHttpServerResponse Artifact48Routes::handle(Exchange &exchange)
{
    using M = QHttpServerRequest::Method;
    const QHttpServerRequest &request = exchange.request;
    const QString id = exchange.segment(1);
    const QString sub = exchange.segment(2);
    if (exchange.segments.size() > 3)
        return HttpReply::notFound(request.url().path(QUrl::FullyDecoded));
    if (id.isEmpty()) {
        if (request.method() == M::Get)
            return list(request);
        if (request.method() == M::Post)
            return create(request);
        return HttpReply::bareError(405, "method-not-allowed");
    }
    if (!sub.isEmpty()) {
        QHttpServerResponse response = m_core.handle(request, id, sub);
        exchange.stream = m_core.takeStream();
        return response;
    }
    if (request.method() != M::Get)
        return HttpReply::bareError(405, "method-not-allowed");
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("artifact"));
    const QString urn = QStringLiteral("urn:ivcap:artifact:") + uuid;
    const auto row =
        uuid.isEmpty()
            ? std::nullopt
            : m_store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"), {urn});
    if (!row)
        return HttpReply::notFound(uuid.isEmpty() ? id : urn);
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
}

QHttpServerResponse Artifact48Routes::list(const QHttpServerRequest &request)
{
    static const QHash<QString, QString> columns{{"name", "name"},
                                                 {"id", "id"},
                                                 {"status", "status"},
                                                 {"mime-type", "mime_type"},
                                                 {"size", "size"},
                                                 {"created-at", "created_at"},
                                                 {"collection", "collection"}};
    ListQuery query;
    if (auto error = List48::parse(request, &query,
                                   {"name", "id", "status", "mime-type", "size", "created-at"}))
        return std::move(*error);
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    if (!m_store->select(QStringLiteral("artifacts"), {}, {}, query, columns,
                         QStringLiteral("created_at"), &rows, &hasNext))
        return HttpReply::invalidParameter(QStringLiteral("filter"), query.filterText,
                                           QStringLiteral("unknown field ") + query.filterField);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows) {
        QJsonObject item = productItem(base, row);
        item.remove("data-href");
        item.insert("created-at", row.value("created_at").toString());
        items.append(item);
    }
    return HttpReply::json(
        List48::body(request, QStringLiteral("artifacts"), query, items, hasNext));
}

QHttpServerResponse Artifact48Routes::create(const QHttpServerRequest &request)
{
    // The record is made as in v0.28; only the answer is reshaped.
    const QHttpServerResponse created = m_core.handle(request, {}, {});
    if (int(created.statusCode()) != 201) {
        // v0.48 lists no 422 for uploads: a bad header is a bad request.
        const QString message =
            QJsonDocument::fromJson(created.data()).object().value("message").toString();
        return HttpReply::goaError(400, QStringLiteral("bad-request"), message);
    }
    const QString id = QJsonDocument::fromJson(created.data()).object().value("id").toString();
    const auto row = m_store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"), {id});
    const QString base = HttpReply::baseUrl(request);
    auto response = HttpReply::json(statusBody(base, *row), 201);
    response.setHeader("Location", blobUrl(base, id).toUtf8());
    response.setHeader("Tus-Resumable", "1.0.0");
    response.setHeader("Upload-Offset", "0");
    return response;
}
