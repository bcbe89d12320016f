#include "serviceroutes.h"
#include "httpreply.h"
#include "listquery.h"
#include "pagedlist.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace {
const QUuid kNamespace(QStringLiteral("{6f6b2d3c-3b0e-4c1a-9a8e-1d2c3b4a5f60}"));

QString serviceSelf(const QString &base, const QString &id)
{
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("service"));
    return base + QStringLiteral("/1/services/") +
           (uuid.isEmpty() ? QString::fromLatin1(QUrl::toPercentEncoding(id, ":")) : uuid);
}
} // namespace

QString ServiceRoutes::accountId()
{
    return QStringLiteral("urn:ivcap:account:4c65b865-df6a-4977-982a-f96b19c1fda0");
}

QString ServiceRoutes::providerId()
{
    return QStringLiteral("urn:ivcap:provider:4c65b865-df6a-4977-982a-f96b19c1fda0");
}

QString ServiceRoutes::serviceId(const QJsonObject &description)
{
    const QString ref =
        description.value("provider-ref").toString(description.value("name").toString());
    const QString key = description.value("provider-id").toString() + QLatin1Char('|') + ref;
    return QStringLiteral("urn:ivcap:service:") +
           QUuid::createUuidV5(kNamespace, key).toString(QUuid::WithoutBraces);
}

QString ServiceRoutes::canonicalId(const QString &pathId)
{
    const QString uuid = HttpReply::uuidFromId(pathId, QStringLiteral("service"));
    return uuid.isEmpty() ? pathId : QStringLiteral("urn:ivcap:service:") + uuid;
}

QJsonObject ServiceRoutes::statusBody(const QString &base, const QSqlRecord &row)
{
    const QJsonObject doc = QJsonDocument::fromJson(row.value("doc").toByteArray()).object();
    const QString id = row.value("id").toString();
    return {{"id", id},
            {"name", doc.value("name").toString()},
            {"description", doc.value("description").toString()},
            {"tags", doc.value("tags").toArray()},
            {"metadata", doc.value("metadata").toArray()},
            {"parameters", doc.value("parameters").toArray()},
            {"provider", QJsonObject{{"id", doc.value("provider-id").toString(providerId())}}},
            {"account", QJsonObject{{"id", doc.value("account-id").toString(accountId())}}},
            {"links", QJsonObject{{"self", serviceSelf(base, id)}}}};
}

QHttpServerResponse ServiceRoutes::handle(const QHttpServerRequest &request, const QString &id)
{
    using M = QHttpServerRequest::Method;
    if (id.isEmpty()) {
        if (request.method() == M::Get)
            return list(request);
        if (request.method() == M::Post)
            return create(request);
        return HttpReply::bareError(405, "method-not-allowed");
    }
    const QString urn = canonicalId(id);
    if (request.method() == M::Put)
        return update(request, urn);
    if (request.method() == M::Delete)
        return remove(urn);
    if (request.method() != M::Get)
        return HttpReply::bareError(405, "method-not-allowed");
    const auto row = m_store->one(QStringLiteral("SELECT * FROM services WHERE id = ? AND "
                                                 "valid_to IS NULL"),
                                  {urn});
    if (!row)
        return HttpReply::notFound(urn);
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
}

QHttpServerResponse ServiceRoutes::list(const QHttpServerRequest &request)
{
    static const QHash<QString, QString> columns{
        {"name", "name"},
        {"id", "id"},
        {"description", "json_extract(doc, '$.description')"},
        {"created-at", "created_at"},
        {"ordered-at", "created_at"},
        {"status", "'active'"}};
    return PagedList::respond(m_store, request, QStringLiteral("services"),
                              QStringLiteral("services"), columns, QStringLiteral("created_at"),
                              [](const QString &base, const QSqlRecord &row, const ListQuery &) {
                                  const QJsonObject full = statusBody(base, row);
                                  return QJsonObject{{"id", full.value("id")},
                                                     {"name", full.value("name")},
                                                     {"description", full.value("description")},
                                                     {"provider", full.value("provider")},
                                                     {"links", full.value("links")}};
                              });
}

std::optional<QHttpServerResponse>
ServiceRoutes::parseDescription(const QHttpServerRequest &request, QJsonObject *doc)
{
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(request.body(), &parseError);
    if (!json.isObject())
        return HttpReply::goaError(400, QStringLiteral("decode_payload"),
                                   QStringLiteral("request body is not a JSON object"));
    *doc = json.object();
    for (const char *field :
         {"description", "provider-id", "account-id", "workflow", "parameters"}) {
        if (!doc->contains(QLatin1String(field)))
            return HttpReply::goaError(
                400, QStringLiteral("missing_field"),
                QStringLiteral("\"%1\" is missing from body").arg(QLatin1String(field)));
    }
    if (!doc->value("parameters").isArray())
        return HttpReply::goaError(400, QStringLiteral("invalid_type"),
                                   QStringLiteral("\"parameters\" must be an array"));
    return std::nullopt;
}

void ServiceRoutes::insert(const QString &id, const QJsonObject &doc)
{
    const QString now = HttpReply::now();
    const auto previous = m_store->one(
        QStringLiteral("SELECT created_at, kind FROM services WHERE id = ? ORDER BY rid"), {id});
    m_store->exec(
        QStringLiteral("UPDATE services SET valid_to = ? WHERE id = ? AND valid_to IS NULL"),
        {now, id});
    m_store->exec(QStringLiteral("INSERT INTO services (id, name, kind, provider_key, doc, "
                                 "created_at, valid_from) VALUES (?, ?, ?, '', ?, ?, ?)"),
                  {id, doc.value("name").toString(),
                   previous ? previous->value(1).toString() : QString(),
                   QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)),
                   previous ? previous->value(0).toString() : now, now});
}

QHttpServerResponse ServiceRoutes::create(const QHttpServerRequest &request)
{
    QJsonObject doc;
    if (auto error = parseDescription(request, &doc))
        return std::move(*error);
    const QString id = serviceId(doc);
    if (m_store->one(QStringLiteral("SELECT 1 FROM services WHERE id = ? AND valid_to IS NULL"),
                     {id})) {
        auto response = HttpReply::json(
            {{"id", id}, {"message", QStringLiteral("Service %1 already exists").arg(id)}}, 409);
        response.setHeader("goa-error", "already-created");
        return response;
    }
    insert(id, doc);
    const auto row = m_store->one(
        QStringLiteral("SELECT * FROM services WHERE id = ? AND valid_to IS NULL"), {id});
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row), 201);
}

QHttpServerResponse ServiceRoutes::update(const QHttpServerRequest &request, const QString &id)
{
    QJsonObject doc;
    if (auto error = parseDescription(request, &doc))
        return std::move(*error);
    const bool exists =
        m_store
            ->one(QStringLiteral("SELECT 1 FROM services WHERE id = ? AND valid_to IS NULL"), {id})
            .has_value();
    const bool force =
        HttpReply::query(request).queryItemValue(QStringLiteral("force-create")) == QLatin1String("true");
    if (!exists && !force)
        return HttpReply::notFound(id);
    insert(id, doc);
    const auto row = m_store->one(
        QStringLiteral("SELECT * FROM services WHERE id = ? AND valid_to IS NULL"), {id});
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
}

QHttpServerResponse ServiceRoutes::remove(const QString &id)
{
    QSqlQuery query = m_store->exec(
        QStringLiteral("UPDATE services SET valid_to = ? WHERE id = ? AND valid_to IS NULL"),
        {HttpReply::now(), id});
    if (query.numRowsAffected() <= 0)
        return HttpReply::notFound(id);
    return HttpReply::empty(204);
}
