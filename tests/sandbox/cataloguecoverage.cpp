#include "cataloguecoverage.h"

#include "schemalint.h"

#include <QJsonObject>
#include <QSet>

namespace cataloguecoverage {

namespace {
bool isObjectSchema(const QJsonObject &root, const QJsonObject &schema)
{
    if (schema.contains("$ref"))
        if (const auto target = schemalint::resolve(root, schema.value("$ref").toString()))
            return isObjectSchema(root, target->toObject());
    for (const QJsonValue &branch : schema.value("allOf").toArray())
        if (isObjectSchema(root, branch.toObject()))
            return true;
    return schema.value("type").toString() == "object" && schema.contains("properties");
}

bool isScalarSchema(const QJsonObject &schema)
{
    static const QSet<QString> scalars = {"string", "number", "integer", "boolean"};
    return scalars.contains(schema.value("type").toString());
}
} // namespace

QStringList missing(const QJsonArray &services)
{
    QSet<QString> seen;
    const auto note = [&](bool condition, const QString &feature) {
        if (condition)
            seen.insert(feature);
    };
    QSet<int> durations;
    for (const QJsonValue &value : services) {
        const QJsonObject service = value.toObject();
        const QJsonObject box = service.value("sandbox").toObject();
        const QJsonObject root = service.value("ai-tool").toObject().value("fn_schema").toObject();
        seen.insert("service " + service.value("name").toString());
        seen.insert("controller " + service.value("controller-schema").toString());
        durations.insert(box.value("duration-ms").toInt());
        const QJsonArray products = box.value("products").toArray();
        note(products.isEmpty(), "a service without products");
        for (const QJsonValue &p : products)
            seen.insert("product " + p.toObject().value("kind").toString());
        seen.insert("dialect " + (root.contains("$schema") ? root.value("$schema").toString()
                                                           : QStringLiteral("(none)")));
        note(root.value("properties").toObject().value("$schema").toObject().contains("const"),
             "$schema const");

        schemalint::forEachSubschema(root, [&](const QString &at, const QJsonObject &node) {
            for (auto it = node.begin(); it != node.end(); ++it)
                seen.insert("keyword " + it.key());
            if (node.contains("format"))
                seen.insert("format " + node.value("format").toString());
            const QString type = node.value("type").toString();
            if (!type.isEmpty())
                seen.insert("type " + type);
            note(node.value("multipleOf").toDouble() == 0.01 &&
                     (node.value("default").toDouble() == 19.99 ||
                      node.value("example").toDouble() == 19.99 ||
                      node.value("examples").toArray().contains(19.99)),
                 "multipleOf 0.01 with 19.99");
            note(type == "integer" && (node.value("maximum").toDouble() > 2147483647.0 ||
                                       node.value("default").toDouble() > 2147483647.0),
                 "integer beyond 2^31");
            const qsizetype enumSize = node.value("enum").toArray().size();
            note(enumSize >= 200, "long enum");
            note(enumSize >= 2 && enumSize <= 5, "short enum");
            const QJsonArray oneOf = node.value("oneOf").toArray();
            bool labelled = !oneOf.isEmpty();
            for (const QJsonValue &branch : oneOf)
                labelled = labelled && branch.toObject().contains("const") &&
                           branch.toObject().contains("title");
            note(labelled, "oneOf of const+title");
            note(!oneOf.isEmpty() && node.contains("discriminator"), "discriminated oneOf");
            bool nullable = false;
            for (const QJsonValue &branch : node.value("anyOf").toArray())
                nullable = nullable || branch.toObject().value("type").toString() == "null";
            note(nullable && node.contains("default") && node.value("default").isNull(),
                 "anyOf [T, null] with default null");
            note(node.contains("prefixItems"), "tuple (prefixItems)");
            note(node.value("items").isArray(), "tuple (items array)");
            if (type == "array" && node.value("items").isObject()) {
                const QJsonObject items = node.value("items").toObject();
                note(isObjectSchema(root, items), "array of objects");
                note(isScalarSchema(items), "array of scalars");
            }
            note(!at.isEmpty() && isObjectSchema(root, node), "nested object");
            note(node.value("additionalProperties").isObject(), "key/value map");
            note(node.value("pattern").toString().contains("urn:ivcap:artifact"),
                 "artifact reference");
            if (node.contains("$ref")) {
                const QString ref = node.value("$ref").toString();
                // A reference from inside the definition it names: a recursive model.
                const QString target = ref.mid(1);
                note(at.startsWith(target + "/"), "recursive $ref");
            }
        });
    }
    note(durations.size() >= 3, "varied durations");

    static const QStringList required = {"service Gradient Text Image",
                                         "service Text Statistics",
                                         "controller urn:ivcap:schema.service.rest.1",
                                         "controller urn:ivcap:schema.service.batch.1",
                                         "controller urn:ivcap:schema.service.argo.1",
                                         "controller urn:ivcap:schema.service.nextflow.1",
                                         "product text-image",
                                         "product csv",
                                         "product json",
                                         "a service without products",
                                         "varied durations",
                                         "dialect http://json-schema.org/draft-07/schema#",
                                         "dialect https://json-schema.org/draft/2020-12/schema",
                                         "dialect (none)",
                                         "$schema const",
                                         "format date-time",
                                         "format date",
                                         "format time",
                                         "format uri",
                                         "format email",
                                         "format uuid",
                                         "keyword pattern",
                                         "keyword minLength",
                                         "keyword maxLength",
                                         "keyword minimum",
                                         "keyword maximum",
                                         "keyword exclusiveMinimum",
                                         "keyword exclusiveMaximum",
                                         "keyword multipleOf",
                                         "multipleOf 0.01 with 19.99",
                                         "integer beyond 2^31",
                                         "type boolean",
                                         "type integer",
                                         "type number",
                                         "type string",
                                         "long enum",
                                         "short enum",
                                         "oneOf of const+title",
                                         "discriminated oneOf",
                                         "nested object",
                                         "array of objects",
                                         "array of scalars",
                                         "keyword minItems",
                                         "keyword maxItems",
                                         "keyword uniqueItems",
                                         "tuple (prefixItems)",
                                         "tuple (items array)",
                                         "anyOf [T, null] with default null",
                                         "keyword allOf",
                                         "keyword $defs",
                                         "keyword definitions",
                                         "keyword $ref",
                                         "recursive $ref",
                                         "key/value map",
                                         "keyword readOnly",
                                         "keyword deprecated",
                                         "keyword title",
                                         "keyword description",
                                         "keyword examples",
                                         "keyword default",
                                         "artifact reference"};
    QStringList absent;
    for (const QString &feature : required)
        if (!seen.contains(feature))
            absent.append(feature);
    return absent;
}

} // namespace cataloguecoverage
