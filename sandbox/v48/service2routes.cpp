#include "service2routes.h"
#include "httpreply.h"
#include "list48.h"
#include "listquery.h"
#include "serviceroutes.h"
#include "servicesearch.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>
#include <algorithm>

namespace {
const QStringList kOrderFields{"name", "id", "created-at", "valid-from", "controller-schema"};

const QHash<QString, QString> &columns()
{
    static const QHash<QString, QString> map{
        {"name", "name"},
        {"id", "id"},
        {"description", "json_extract(doc, '$.description')"},
        {"created-at", "created_at"},
        {"valid-from", "valid_from"},
        {"controller-schema", "json_extract(doc, '$.\"controller-schema\"')"}};
    return map;
}

QJsonObject docOf(const QSqlRecord &row)
{
    return QJsonDocument::fromJson(row.value("doc").toByteArray()).object();
}

QJsonObject listItem(const QString &base, const QSqlRecord &row)
{
    const QJsonObject doc = docOf(row);
    const QString id = row.value("id").toString();
    QJsonObject item{{"id", id},
                     {"name", doc.value("name").toString()},
                     {"description", doc.value("description").toString()},
                     {"tags", doc.value("tags").toArray()},
                     {"controller-schema", doc.value("controller-schema").toString()},
                     {"valid-from", row.value("valid_from").toString()},
                     {"href", Service2Routes::selfUrl(base, id)}};
    if (!row.value("valid_to").isNull())
        item.insert("valid-to", row.value("valid_to").toString());
    return item;
}

QHttpServerResponse missing(const char *field)
{
    return HttpReply::goaError(
        400, QStringLiteral("missing_field"),
        QStringLiteral("\"%1\" is missing from body").arg(QLatin1String(field)));
}

QHttpServerResponse wrongType(const char *field, const char *type)
{
    return HttpReply::goaError(
        400, QStringLiteral("invalid_type"),
        QStringLiteral("\"%1\" must be %2").arg(QLatin1String(field), QLatin1String(type)));
}
} // namespace

QString Service2Routes::canonicalId(const QString &pathId)
{
    return ServiceRoutes::canonicalId(pathId);
}

QString Service2Routes::selfUrl(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/services2/") + List48::pathId(id);
}

std::optional<QSqlRecord> Service2Routes::activeRow(Store *store, const QString &id)
{
    return store->one(QStringLiteral("SELECT * FROM services WHERE id = ? AND valid_to IS NULL"),
                      {canonicalId(id)});
}

QJsonObject Service2Routes::statusBody(const QString &base, const QSqlRecord &row)
{
    const QJsonObject doc = docOf(row);
    const QString id = row.value("id").toString();
    QJsonObject body{
        {"id", id},
        {"description", doc.value("description").toString()},
        {"tags", doc.value("tags").toArray()},
        {"parameters", doc.value("parameters").toArray()},
        {"status", "active"},
        {"controller-schema", doc.value("controller-schema").toString()},
        {"controller", doc.value("controller")},
        {"account", doc.value("account").toString(ServiceRoutes::accountId())},
        {"policy", doc.value("policy").toString()},
        {"valid-from", row.value("valid_from").toString()},
        {"links", List48::recordLinks(base, selfUrl(base, id), QStringLiteral("ServiceStatusRT"))}};
    if (doc.value("name").isString())
        body.insert("name", doc.value("name"));
    if (!row.value("valid_to").isNull())
        body.insert("valid-to", row.value("valid_to").toString());
    return body;
}

void Service2Routes::insert(Store *store, const QString &id, const QJsonObject &doc)
{
    const QString now = HttpReply::now();
    const auto previous = store->one(
        QStringLiteral("SELECT created_at FROM services WHERE id = ? ORDER BY rid"), {id});
    store->exec(
        QStringLiteral("UPDATE services SET valid_to = ? WHERE id = ? AND valid_to IS NULL"),
        {now, id});
    store->exec(QStringLiteral("INSERT INTO services (id, name, kind, provider_key, doc, "
                               "created_at, valid_from) VALUES (?, ?, ?, '', ?, ?, ?)"),
                {id, doc.value("name").toString(),
                 doc.value("sandbox").toObject().value("result").toString(),
                 QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)),
                 previous ? previous->value(0).toString() : now, now});
}

QHttpServerResponse Service2Routes::handle(const QHttpServerRequest &request, const QString &id)
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
    const auto row = activeRow(m_store, urn);
    if (!row)
        return HttpReply::notFound(urn);
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
}

QHttpServerResponse Service2Routes::list(const QHttpServerRequest &request)
{
    ListQuery query;
    if (auto error = List48::parse(request, &query, kOrderFields, {"search"}))
        return std::move(*error);
    const QString text = query.extra.value("search").toString();
    if (!text.trimmed().isEmpty())
        return search(request, query, text);
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    if (!m_store->select(QStringLiteral("services"), {}, {}, query, columns(),
                         QStringLiteral("created_at"), &rows, &hasNext))
        return HttpReply::invalidParameter(QStringLiteral("filter"), query.filterText,
                                           QStringLiteral("unknown field ") + query.filterField);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows)
        items.append(listItem(base, row));
    return HttpReply::json(
        List48::body(request, QStringLiteral("services2"), query, items, hasNext));
}

QHttpServerResponse Service2Routes::search(const QHttpServerRequest &request, ListQuery &query,
                                           const QString &text)
{
    // Every service the filter lets through is scored; the page is a slice of the ranking.
    ListQuery all = query;
    all.limit = 1000000;
    all.offset = 0;
    all.after = QJsonArray();
    QVector<QSqlRecord> rows;
    bool more = false;
    if (!m_store->select(QStringLiteral("services"), {}, {}, all, columns(),
                         QStringLiteral("created_at"), &rows, &more))
        return HttpReply::invalidParameter(QStringLiteral("filter"), query.filterText,
                                           QStringLiteral("unknown field ") + query.filterField);
    const QStringList terms = ServiceSearch::terms(text);
    const QString base = HttpReply::baseUrl(request);
    QVector<QPair<double, QJsonObject>> ranked;
    for (const QSqlRecord &row : rows) {
        QJsonObject item = listItem(base, row);
        const double score = ServiceSearch::score(terms, item);
        if (score <= 0)
            continue;
        item.insert("score", score);
        ranked.append({score, item});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first != b.first
                   ? a.first > b.first
                   : a.second.value("name").toString() < b.second.value("name").toString();
    });
    QJsonArray items;
    for (qsizetype i = query.offset; i < ranked.size() && items.size() < query.limit; ++i)
        items.append(ranked.at(i).second);
    const bool hasNext = query.offset + query.limit < ranked.size();
    query.nextAfter = QJsonArray(); // the next page is an offset into the ranking
    return HttpReply::json(
        List48::body(request, QStringLiteral("services2"), query, items, hasNext));
}

std::optional<QHttpServerResponse>
Service2Routes::parseDefinition(const QHttpServerRequest &request, QJsonObject *doc) const
{
    const QJsonDocument json = QJsonDocument::fromJson(request.body());
    if (!json.isObject())
        return HttpReply::goaError(400, QStringLiteral("decode_payload"),
                                   QStringLiteral("request body is not a JSON object"));
    QJsonObject body = json.object();
    for (const QString &key : body.keys()) {
        if (body.value(key).isNull())
            body.remove(key); // clients send null for what they leave unset
    }
    for (const char *field :
         {"id", "description", "parameters", "policy", "controller-schema", "controller"}) {
        if (!body.contains(QLatin1String(field)))
            return missing(field);
    }
    for (const char *field : {"id", "name", "description", "policy", "controller-schema"}) {
        if (body.contains(QLatin1String(field)) && !body.value(QLatin1String(field)).isString())
            return wrongType(field, "a string");
    }
    static const QRegularExpression uri(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:\\S+$"));
    for (const char *field : {"id", "policy", "controller-schema"}) {
        const QString value = body.value(QLatin1String(field)).toString();
        if (!uri.match(value).hasMatch())
            return HttpReply::goaError(
                400, QStringLiteral("invalid_format"),
                QStringLiteral("\"%1\" must be a URI, got '%2'").arg(QLatin1String(field), value));
    }
    if (!body.value("parameters").isArray())
        return wrongType("parameters", "an array");
    for (const QJsonValue &parameter : body.value("parameters").toArray()) {
        const QJsonObject def = parameter.toObject();
        if (!parameter.isObject() || !def.value("name").isString() ||
            !def.value("type").isString() || !def.value("description").isString())
            return wrongType("parameters", "an array of {name, type, description} objects");
    }
    if (body.contains("tags")) {
        const QJsonValue tags = body.value("tags");
        if (!tags.isArray() || std::any_of(tags.toArray().begin(), tags.toArray().end(),
                                           [](const QJsonValue &t) { return !t.isString(); }))
            return wrongType("tags", "an array of strings");
    }
    // What the sandbox keeps beside the definition is not the client's to set.
    body.remove("sandbox");
    body.insert("account", ServiceRoutes::accountId());
    *doc = body;
    return std::nullopt;
}

QHttpServerResponse Service2Routes::create(const QHttpServerRequest &request)
{
    QJsonObject doc;
    if (auto error = parseDefinition(request, &doc))
        return std::move(*error);
    const QString id = canonicalId(doc.value("id").toString());
    doc.insert("id", id);
    if (activeRow(m_store, id)) {
        auto response = HttpReply::json(
            {{"id", id}, {"message", QStringLiteral("Service %1 already exists").arg(id)}}, 409);
        response.setHeader("goa-error", "already-created");
        return response;
    }
    insert(m_store, id, doc);
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *activeRow(m_store, id)), 201);
}

QHttpServerResponse Service2Routes::update(const QHttpServerRequest &request, const QString &id)
{
    QJsonObject doc;
    if (auto error = parseDefinition(request, &doc))
        return std::move(*error);
    if (canonicalId(doc.value("id").toString()) != id)
        return HttpReply::invalidParameter(QStringLiteral("id"), doc.value("id").toString(),
                                           QStringLiteral("the body's id must be %1").arg(id));
    doc.insert("id", id);
    const auto existing = activeRow(m_store, id);
    const QString force = HttpReply::query(request).queryItemValue(QStringLiteral("force-create"),
                                                                   QUrl::FullyDecoded);
    if (!force.isEmpty() && force != QLatin1String("true") && force != QLatin1String("false"))
        return HttpReply::goaError(400, QStringLiteral("invalid_type"),
                                   QStringLiteral("force-create must be true or false"));
    if (!existing && force != QLatin1String("true"))
        return HttpReply::notFound(id);
    // A catalogue service keeps its sandbox behaviour across updates.
    if (existing) {
        const QJsonObject sandbox = docOf(*existing).value("sandbox").toObject();
        if (!sandbox.isEmpty())
            doc.insert("sandbox", sandbox);
    }
    insert(m_store, id, doc);
    return HttpReply::json(statusBody(HttpReply::baseUrl(request), *activeRow(m_store, id)));
}

QHttpServerResponse Service2Routes::remove(const QString &id)
{
    QSqlQuery query = m_store->exec(
        QStringLiteral("UPDATE services SET valid_to = ? WHERE id = ? AND valid_to IS NULL"),
        {HttpReply::now(), id});
    if (query.numRowsAffected() <= 0)
        return HttpReply::notFound(id);
    return HttpReply::empty(204);
}
