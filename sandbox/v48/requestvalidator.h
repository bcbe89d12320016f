#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Checks a job request against its service's request schema (the fn_schema of the service's
// urn:sd-core:schema.ai-tool.1 aspect), as IVCAP does before it runs a job. JSON Schema draft 7
// and 2020-12 schemas as pydantic writes them ($defs/$ref, anyOf with null, const, formats,
// patterns, bounds) are checked with valijson.
//
// Tolerance, where valijson is stricter than pydantic (what real services validate with):
// - members whose value is null are dropped and the request checked again when it fails with
//   them (clients send null for optional fields the schema does not declare nullable);
// - a multipleOf with a fractional divisor is checked as a decimal (19.99 is a multiple of 0.01).
namespace RequestValidator {

struct Problem
{
    QString name;    // where: the member path, e.g. "call.text" ("" for the whole request)
    QString message; // why
    QString value;   // the offending value as JSON text (may be empty)
};

// Returns true when `request` (the request body) satisfies `schema`. Otherwise fills `problem`.
// A schema valijson cannot compile is not held against the request (returns true).
bool validate(const QJsonObject &schema, const QByteArray &request, Problem *problem);

} // namespace RequestValidator
