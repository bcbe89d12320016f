#include "schemalint.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <cmath>

namespace schemalint {

namespace {
const QString kDraft7 = QStringLiteral("http://json-schema.org/draft-07/schema#");
const QString kDraft2020 = QStringLiteral("https://json-schema.org/draft/2020-12/schema");

// Keywords of the validation and core vocabularies both drafts share.
const QSet<QString> kCommon = {"$schema",
                               "$id",
                               "$ref",
                               "$comment",
                               "title",
                               "description",
                               "default",
                               "examples",
                               "readOnly",
                               "writeOnly",
                               "type",
                               "enum",
                               "const",
                               "multipleOf",
                               "maximum",
                               "exclusiveMaximum",
                               "minimum",
                               "exclusiveMinimum",
                               "maxLength",
                               "minLength",
                               "pattern",
                               "items",
                               "maxItems",
                               "minItems",
                               "uniqueItems",
                               "contains",
                               "maxProperties",
                               "minProperties",
                               "required",
                               "properties",
                               "patternProperties",
                               "additionalProperties",
                               "propertyNames",
                               "if",
                               "then",
                               "else",
                               "allOf",
                               "anyOf",
                               "oneOf",
                               "not",
                               "format",
                               "contentMediaType",
                               "contentEncoding"};
const QSet<QString> kOnly7 = {"definitions", "additionalItems", "dependencies"};
const QSet<QString> kOnly2020 = {"$defs",
                                 "prefixItems",
                                 "$anchor",
                                 "$dynamicRef",
                                 "$dynamicAnchor",
                                 "dependentRequired",
                                 "dependentSchemas",
                                 "unevaluatedProperties",
                                 "unevaluatedItems",
                                 "minContains",
                                 "maxContains",
                                 "deprecated"};
// Annotations that schema generators add and validators ignore: pydantic 2's OpenAPI-style
// `discriminator` beside a oneOf, pydantic 1's singular `example`.
const QSet<QString> kExtensions = {"discriminator", "example"};

const QSet<QString> kTypes = {"null", "boolean", "object", "array", "number", "integer", "string"};

bool isSchema(const QJsonValue &v)
{
    return v.isObject() || v.isBool();
}

bool isNonNegativeInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() >= 0 && std::floor(v.toDouble()) == v.toDouble();
}

bool hasUniqueElements(const QJsonArray &array)
{
    for (qsizetype i = 0; i < array.size(); ++i)
        for (qsizetype j = i + 1; j < array.size(); ++j)
            if (array.at(i) == array.at(j))
                return false;
    return true;
}

QString escapeToken(QString token)
{
    return token.replace(QLatin1Char('~'), QLatin1String("~0"))
        .replace(QLatin1Char('/'), QLatin1String("~1"));
}

const QStringList kSchemaMaps = {"properties", "patternProperties", "$defs", "definitions",
                                 "dependentSchemas"};
const QStringList kSchemaArrays = {"allOf", "anyOf", "oneOf", "prefixItems"};
const QStringList kSchemaValues = {"additionalProperties",
                                   "additionalItems",
                                   "not",
                                   "if",
                                   "then",
                                   "else",
                                   "contains",
                                   "propertyNames",
                                   "unevaluatedProperties",
                                   "unevaluatedItems"};

void walk(const QJsonObject &node, const QString &pointer,
          const std::function<void(const QString &, const QJsonObject &)> &visit)
{
    visit(pointer, node);
    for (const QString &key : kSchemaMaps) {
        const QJsonObject map = node.value(key).toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            if (it.value().isObject())
                walk(it.value().toObject(), pointer + '/' + key + '/' + escapeToken(it.key()),
                     visit);
    }
    for (const QString &key : kSchemaArrays) {
        const QJsonArray array = node.value(key).toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            if (array.at(i).isObject())
                walk(array.at(i).toObject(), pointer + '/' + key + '/' + QString::number(i), visit);
    }
    for (const QString &key : kSchemaValues)
        if (node.value(key).isObject())
            walk(node.value(key).toObject(), pointer + '/' + key, visit);
    const QJsonValue items = node.value(QLatin1String("items"));
    if (items.isObject())
        walk(items.toObject(), pointer + QLatin1String("/items"), visit);
    const QJsonArray tuple = items.toArray();
    for (qsizetype i = 0; i < tuple.size(); ++i)
        if (tuple.at(i).isObject())
            walk(tuple.at(i).toObject(), pointer + QLatin1String("/items/") + QString::number(i),
                 visit);
}

void lintNode(const QJsonObject &root, const QJsonObject &node, const QString &at, Draft draft,
              QStringList *problems)
{
    const auto problem = [&](const QString &message) { problems->append(at + ": " + message); };
    const QSet<QString> &only = draft == Draft::Draft7 ? kOnly7 : kOnly2020;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (!kCommon.contains(key) && !only.contains(key) && !kExtensions.contains(key)) {
            problem(QStringLiteral("keyword '%1' is not a keyword of this draft").arg(key));
            continue;
        }
        if (key == "type") {
            const QJsonArray names = v.isArray() ? v.toArray() : QJsonArray{v};
            bool ok = !names.isEmpty() && hasUniqueElements(names);
            for (const QJsonValue &n : names)
                ok = ok && kTypes.contains(n.toString());
            if (!ok)
                problem(QStringLiteral("bad 'type'"));
        } else if (key == "required") {
            bool ok = v.isArray() && hasUniqueElements(v.toArray());
            for (const QJsonValue &n : v.toArray()) {
                ok = ok && n.isString();
                if (node.contains("properties") &&
                    !node.value("properties").toObject().contains(n.toString()))
                    problem(QStringLiteral("required '%1' is not a property").arg(n.toString()));
            }
            if (!ok)
                problem(QStringLiteral("'required' must be an array of unique strings"));
        } else if (kSchemaMaps.contains(key)) {
            const QJsonObject map = v.toObject();
            if (!v.isObject())
                problem(QStringLiteral("'%1' must be an object").arg(key));
            for (auto m = map.begin(); m != map.end(); ++m) {
                if (!isSchema(m.value()))
                    problem(QStringLiteral("'%1/%2' is not a schema").arg(key, m.key()));
                if (key == "patternProperties" && !QRegularExpression(m.key()).isValid())
                    problem(QStringLiteral("pattern '%1' does not compile").arg(m.key()));
            }
        } else if (kSchemaArrays.contains(key)) {
            bool ok = v.isArray() && !v.toArray().isEmpty();
            for (const QJsonValue &s : v.toArray())
                ok = ok && isSchema(s);
            if (!ok)
                problem(QStringLiteral("'%1' must be a non-empty array of schemas").arg(key));
        } else if (key == "items") {
            if (v.isArray() && draft == Draft::Draft2020)
                problem(
                    QStringLiteral("array-valued 'items' is draft-07; 2020-12 has prefixItems"));
            bool ok = isSchema(v) || v.isArray();
            for (const QJsonValue &s : v.toArray())
                ok = ok && isSchema(s);
            if (!ok)
                problem(QStringLiteral("'items' must be a schema"));
        } else if (kSchemaValues.contains(key)) {
            if (!isSchema(v))
                problem(QStringLiteral("'%1' must be a schema").arg(key));
        } else if (key == "enum") {
            if (!v.isArray() || v.toArray().isEmpty() || !hasUniqueElements(v.toArray()))
                problem(QStringLiteral("'enum' must be a non-empty array of unique values"));
        } else if (key.startsWith("min") || key.startsWith("max")) {
            if (key.endsWith("imum") ? !v.isDouble() : !isNonNegativeInteger(v))
                problem(QStringLiteral("bad '%1'").arg(key));
        } else if (key == "exclusiveMinimum" || key == "exclusiveMaximum") {
            if (!v.isDouble()) // draft-04's boolean form is gone in both drafts
                problem(QStringLiteral("'%1' must be a number").arg(key));
        } else if (key == "multipleOf") {
            if (!v.isDouble() || v.toDouble() <= 0)
                problem(QStringLiteral("'multipleOf' must be a number above 0"));
        } else if (key == "pattern") {
            if (!v.isString() || !QRegularExpression(v.toString()).isValid())
                problem(QStringLiteral("pattern '%1' does not compile").arg(v.toString()));
        } else if (key == "uniqueItems" || key == "readOnly" || key == "writeOnly" ||
                   key == "deprecated") {
            if (!v.isBool())
                problem(QStringLiteral("'%1' must be a boolean").arg(key));
        } else if (key == "examples") {
            if (!v.isArray())
                problem(QStringLiteral("'examples' must be an array"));
        } else if (key == "$ref") {
            if (!resolve(root, v.toString()))
                problem(QStringLiteral("$ref '%1' does not resolve").arg(v.toString()));
        } else if (key == "$schema") {
            if (!at.isEmpty())
                problem(QStringLiteral("'$schema' below the root"));
        } else if (key == "discriminator") {
            const QJsonObject d = v.toObject();
            if (!d.value("propertyName").isString() || !node.contains("oneOf"))
                problem(QStringLiteral("'discriminator' needs propertyName and a oneOf"));
            const QJsonObject mapping = d.value("mapping").toObject();
            for (auto m = mapping.begin(); m != mapping.end(); ++m)
                if (!resolve(root, m.value().toString()))
                    problem(QStringLiteral("discriminator mapping '%1' does not resolve")
                                .arg(m.value().toString()));
        } else if (key == "title" || key == "description" || key == "format" || key == "$id" ||
                   key == "$comment") {
            if (!v.isString())
                problem(QStringLiteral("'%1' must be a string").arg(key));
        }
    }
    for (const auto &[low, high] :
         {std::pair{"minimum", "maximum"}, std::pair{"minLength", "maxLength"},
          std::pair{"minItems", "maxItems"}, std::pair{"exclusiveMinimum", "exclusiveMaximum"}}) {
        if (node.contains(low) && node.contains(high) &&
            node.value(low).toDouble() > node.value(high).toDouble())
            problem(QStringLiteral("'%1' is above '%2'").arg(low, high));
    }
}
} // namespace

std::optional<Draft> declaredDraft(const QJsonObject &schema)
{
    const QJsonValue uri = schema.value(QLatin1String("$schema"));
    if (uri.isUndefined() || uri.toString() == kDraft2020)
        return Draft::Draft2020;
    if (uri.toString() == kDraft7)
        return Draft::Draft7;
    return std::nullopt;
}

std::optional<QJsonValue> resolve(const QJsonObject &root, const QString &ref)
{
    if (!ref.startsWith(QLatin1Char('#')))
        return std::nullopt;
    QJsonValue node = root;
    const QString pointer = ref.mid(1);
    if (pointer.isEmpty())
        return node;
    if (!pointer.startsWith(QLatin1Char('/')))
        return std::nullopt;
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token = QUrl::fromPercentEncoding(token.toUtf8());
        token.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), "~");
        if (node.isObject() && node.toObject().contains(token)) {
            node = node.toObject().value(token);
        } else if (node.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0 || index >= node.toArray().size())
                return std::nullopt;
            node = node.toArray().at(index);
        } else {
            return std::nullopt;
        }
    }
    return node;
}

void forEachSubschema(const QJsonObject &root,
                      const std::function<void(const QString &, const QJsonObject &)> &visit)
{
    walk(root, QString(), visit);
}

QStringList lint(const QJsonObject &root, Draft draft)
{
    QStringList problems;
    forEachSubschema(root, [&](const QString &pointer, const QJsonObject &node) {
        lintNode(root, node, pointer, draft, &problems);
    });
    return problems;
}

} // namespace schemalint
