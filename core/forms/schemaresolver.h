#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace ivcap {

// Reads a JSON Schema (drafts 7 and 2020-12; 4 and 6 as far as they agree) the way a form needs
// it: `$ref`s followed (JSON pointers into the schema, `$defs`/`definitions`, other documents
// through an external resolver), `allOf` merged into one schema, `oneOf`/`anyOf`/type unions
// split into alternatives. Validation itself stays with valijson (SchemaValidator); this class
// also prepares the schema it checks (forValidator()).
class SchemaResolver
{
public:
    // Returns the document for a `$ref` that leaves the schema (a URN or URL without fragment),
    // or nullopt when unknown; SchemaRegistry::resolve fits.
    using External = std::function<std::optional<QJsonValue>(const QString &uri)>;

    struct Alternative
    {
        QString title;      // the alternative's `title`, else its type or const, else "Option N"
        QJsonObject schema; // the alternative merged with the schema that offers it
    };

    explicit SchemaResolver(const QJsonValue &root = QJsonValue(), External external = {});

    // The schema at a position with `$ref`s followed (siblings of a `$ref` override what it
    // names, as 2020-12 reads them) and `allOf` merged. A boolean schema `true` is {}. On a
    // `$ref` to nowhere, a `$ref` cycle or nesting beyond 64 levels returns {} and sets *problem
    // to a sentence for the user.
    QJsonObject effective(const QJsonValue &schema, QString *problem = nullptr) const;

    // The alternatives a schema offers through `oneOf`, `anyOf` or a `type` array, each already
    // effective; empty when it offers none. A `null` alternative is reported in *nullable and
    // left out, so Optional[X] (anyOf [X, null]) is one alternative.
    QList<Alternative> alternatives(const QJsonObject &schema, bool *nullable = nullptr) const;

    // The schema's `type` as a list ("integer" before "number"); empty when it allows any type.
    static QStringList types(const QJsonObject &schema);

    // A copy of `schema` valijson 1.0 (drafts 4 and 7 only) checks as the author meant:
    // 2020-12 `prefixItems`/`items` become draft-7 `items`/`additionalItems`,
    // `dependentRequired`/`dependentSchemas` become `dependencies`, and `multipleOf` with a
    // fractional divisor is removed, because valijson checks it in binary floating point
    // (19.99 is not a multiple of 0.01 there); the form checks those exactly (isMultipleOf).
    static QJsonValue forValidator(const QJsonValue &schema);

    // Whether the decimal number `number` (JSON number text) is an exact multiple of the
    // decimal `divisor`, computed in decimal; nullopt when either is not a number or the
    // digits exceed 36 significant places.
    static std::optional<bool> isMultipleOf(const QString &number, const QString &divisor);

    // The shortest JSON text of a number value, as QJsonDocument writes it.
    static QString numberText(const QJsonValue &number);

private:
    QJsonObject effective(const QJsonValue &schema, QString *problem, int depth,
                          QStringList *refsSeen) const;
    std::optional<QJsonValue> follow(const QString &ref, QString *problem) const;

    QJsonValue m_root;
    External m_external;
};

} // namespace ivcap
