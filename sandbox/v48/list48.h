#pragma once

#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

class ListQuery;
class QHttpServerRequest;

// The v0.48 shapes every collection shares (PROTOCOL-0.48.md §2.0): LinkT arrays and lists
// {items, at-time, links}, whose `next` link is exactly <base>/1/<path>?page=<token> and only
// there when a next page exists.
namespace List48 {

// Parses limit, page, filter, order-by, order-desc (default true), at-time and `extraKeys`.
// Returns the 4xx answer for an invalid query.
std::optional<QHttpServerResponse> parse(const QHttpServerRequest &request, ListQuery *query,
                                         const QStringList &orderFields,
                                         const QStringList &extraKeys = {});

// {rel, type, href}.
QJsonObject link(const QString &rel, const QString &href,
                 const QString &type = QStringLiteral("application/json"));

// The links of one record: self, and describedBy pointing at its schema in the OpenAPI document.
QJsonArray recordLinks(const QString &base, const QString &self, const QString &schemaName);

// `path` is the collection's path after "/1/" (e.g. "services2" or "services2/<id>/jobs").
QJsonArray listLinks(const QHttpServerRequest &request, const QString &path, const ListQuery &query,
                     bool hasNext);

// {items, at-time, links}.
QJsonObject body(const QHttpServerRequest &request, const QString &path, const ListQuery &query,
                 const QJsonArray &items, bool hasNext);

// `value` without null members or items, for echoing client documents: v0.48 answers carry no
// JSON null.
QJsonValue withoutNulls(const QJsonValue &value);

// An id as a path segment: colons stay readable, everything else reserved is escaped.
QString pathId(const QString &id);

} // namespace List48
