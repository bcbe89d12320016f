#pragma once

#include <QByteArray>
#include <QJsonParseError>
#include <QJsonValue>

namespace ivcap {

// QJsonObject keeps members sorted by name, but a schema's author lists `properties` in the
// order a form should show them (pydantic: the order of the model's fields). This reads that
// order from the schema's text and records it beside each `properties` object as an `x-order`
// array of names, which SchemaFormBuilder::propertyOrder follows and validators ignore.
class JsonKeyOrder
{
public:
    // Parses `json` (RFC 8259) and returns it with `x-order` added to every object that has a
    // `properties` object. On a syntax error returns an undefined value and fills *error.
    static QJsonValue parseSchema(const QByteArray &json, QJsonParseError *error = nullptr);
};

} // namespace ivcap
