#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

// Structural checks of a JSON Schema document against the rules of its draft, for the demo
// catalogue's request schemas. Debian's JSON-Schema-Test-Suite ships no meta-schemas, and
// valijson accepts (ignores) unknown keywords, so this is what catches a misspelt keyword, a
// keyword of the other draft or a keyword value of the wrong shape.
namespace schemalint {

enum class Draft { Draft7, Draft2020 };

// The draft a request schema declares in `$schema`: draft-07 or 2020-12. A schema without
// `$schema` is 2020-12, the dialect pydantic 2 emits without naming it. nullopt for any other
// URI.
std::optional<Draft> declaredDraft(const QJsonObject &schema);

// The node a local reference ("#", "#/$defs/Tree", with ~0 ~1 and %-escapes) names in `root`,
// or nullopt when it names nothing or is not local.
std::optional<QJsonValue> resolve(const QJsonObject &root, const QString &ref);

// Calls `visit` with every subschema object of `root` (itself included) and its JSON pointer,
// once each, following the schema-valued keywords of both drafts but not `$ref`s.
void forEachSubschema(
    const QJsonObject &root,
    const std::function<void(const QString &pointer, const QJsonObject &node)> &visit);

// Every problem found in `root`, as "<pointer>: <message>"; empty when the schema is sound:
// only keywords of `draft` (plus the annotations generators add: `discriminator`, `example`),
// each with a value of the shape the draft requires, patterns that compile, lower bounds not
// above upper bounds, `required` names that are properties, local `$ref`s that resolve.
QStringList lint(const QJsonObject &root, Draft draft);

} // namespace schemalint
