#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

class QHttpServerRequest;

// Request checks and answer pieces shared by the v0.48 /1/aspects and /1/metadata routes, in
// the shapes of IVCAP's OpenAPI 0.48 document (Goa error bodies with a `goa-error` header).
namespace AspectReply {

// The body of a create or update: 415 unsupported-content-type unless Content-Type is
// application/json (parameters allowed; with `typeRequired` false a missing one is accepted),
// 400 bad-request unless the body is one JSON object. On success `content` is the body's compact
// text with every number as written.
std::optional<QHttpServerResponse> readContent(const QHttpServerRequest &request,
                                               QByteArray *content, bool typeRequired = true);

// A boolean query value as IVCAP's Go server reads it (strconv.ParseBool: 1, t, true, TRUE,
// True, 0, f, false, …); an absent value is `fallback`. Sets `error` (a 400 bad-request) and
// returns false for anything else.
bool readBool(const QJsonObject &extra, const QString &name, bool fallback, bool *value,
              std::optional<QHttpServerResponse> *error);

// 400 bad-request for a missing required query value, as Goa words it.
QHttpServerResponse missing(const QString &name);
// 400 bad-request with a Goa "invalid_format" body for a value that is not a URI.
std::optional<QHttpServerResponse> requireUri(const QString &name, const QString &value);

} // namespace AspectReply
