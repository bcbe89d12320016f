#include "schemaformnode.h"

#include "aspect/jsonpath.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace ivcap {

using Kind = SchemaFormNode::Kind;
using Slot = SchemaFormNode::Slot;

int SchemaFormNode::row() const
{
    if (!parent)
        return 0;
    for (size_t i = 0; i < parent->children.size(); ++i) {
        if (parent->children[i].get() == this)
            return int(i);
    }
    return 0;
}

int SchemaFormNode::depth() const
{
    int d = 0;
    for (const SchemaFormNode *n = parent; n; n = n->parent)
        ++d;
    return d;
}

QString SchemaFormNode::pointer() const
{
    if (!parent)
        return QString();
    const QString token = slot == Slot::Item ? QString::number(row()) : jsonpath::escapeToken(key);
    return parent->pointer() + QLatin1Char('/') + token;
}

QJsonValue SchemaFormNode::toJson() const
{
    if (!present)
        return QJsonValue(QJsonValue::Undefined);
    if (isNull || kind == Kind::Null)
        return QJsonValue(QJsonValue::Null);
    if (kind == Kind::Object) {
        QJsonObject object;
        for (const auto &child : children) {
            if (child->present)
                object.insert(child->key, child->toJson());
        }
        return object;
    }
    if (kind == Kind::Array) {
        QJsonArray array;
        for (const auto &child : children)
            array.append(child->toJson());
        return array;
    }
    return value;
}

bool SchemaFormNode::acceptsEntries() const
{
    const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
    if (additional.isObject() || additional == QJsonValue(true))
        return true;
    return additional.isUndefined() && !schema.contains(QLatin1String("properties"));
}

QJsonValue SchemaFormNode::itemSchema(int index) const
{
    const QJsonArray prefix = schema.value(QLatin1String("prefixItems")).toArray();
    const QJsonValue items = schema.value(QLatin1String("items"));
    if (schema.contains(QLatin1String("prefixItems"))) {
        if (index < prefix.size())
            return prefix.at(index);
        return items.isUndefined() ? QJsonValue(true) : items;
    }
    if (items.isArray()) {
        if (index < items.toArray().size())
            return items.toArray().at(index);
        const QJsonValue rest = schema.value(QLatin1String("additionalItems"));
        return rest.isUndefined() ? QJsonValue(true) : rest;
    }
    return items.isUndefined() ? QJsonValue(true) : items;
}

QJsonValue SchemaFormNode::entrySchema(const QString &name) const
{
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    if (properties.contains(name))
        return properties.value(name);
    const QJsonObject patterns = schema.value(QLatin1String("patternProperties")).toObject();
    for (auto it = patterns.begin(); it != patterns.end(); ++it) {
        const QRegularExpression re(it.key());
        if (re.isValid() && re.match(name).hasMatch())
            return it.value();
    }
    const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
    return additional.isObject() ? additional : QJsonValue(true);
}

std::optional<Kind> SchemaFormBuilder::kindFor(const QJsonValue &value, const QStringList &types)
{
    const auto allows = [&](const char *type) {
        return types.isEmpty() || types.contains(QLatin1String(type));
    };
    switch (value.type()) {
    case QJsonValue::Object:
        return allows("object") ? std::optional(Kind::Object) : std::nullopt;
    case QJsonValue::Array:
        return allows("array") ? std::optional(Kind::Array) : std::nullopt;
    case QJsonValue::String:
        return allows("string") ? std::optional(Kind::String) : std::nullopt;
    case QJsonValue::Bool:
        return allows("boolean") ? std::optional(Kind::Boolean) : std::nullopt;
    case QJsonValue::Null:
        return allows("null") ? std::optional(Kind::Null) : std::nullopt;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // any magnitude: qint64(d) overflows for whole numbers from 2^63 (12345678901234567890)
        const bool integral = std::isfinite(d) && d == std::trunc(d);
        if (types.contains(QLatin1String("integer")) && integral)
            return Kind::Integer;
        return allows("number") ? std::optional(Kind::Number) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

std::optional<QJsonValue> SchemaFormBuilder::initialValue(const QJsonObject &schema)
{
    if (schema.contains(QLatin1String("default")))
        return schema.value(QLatin1String("default"));
    if (schema.contains(QLatin1String("const")))
        return schema.value(QLatin1String("const"));
    const QJsonArray options = schema.value(QLatin1String("enum")).toArray();
    if (options.size() == 1)
        return options.first();
    return std::nullopt;
}

int SchemaFormBuilder::pickAlternative(const QList<SchemaResolver::Alternative> &alternatives,
                                       const QJsonValue &value)
{
    int best = 0, bestScore = -1;
    for (int i = 0; i < alternatives.size(); ++i) {
        const QJsonObject &s = alternatives.at(i).schema;
        if (!kindFor(value, SchemaResolver::types(s)))
            continue;
        if (s.contains(QLatin1String("const")) && s.value(QLatin1String("const")) != value)
            continue;
        if (s.contains(QLatin1String("enum")) &&
            !s.value(QLatin1String("enum")).toArray().contains(value))
            continue;
        int score = 1;
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            bool fits = true;
            for (const QJsonValue &name : s.value(QLatin1String("required")).toArray())
                fits = fits && object.contains(name.toString());
            const QJsonObject props = s.value(QLatin1String("properties")).toObject();
            for (auto it = props.begin(); it != props.end(); ++it) {
                const QJsonValue c = it.value().toObject().value(QLatin1String("const"));
                if (!c.isUndefined() && object.contains(it.key()) && object.value(it.key()) != c)
                    fits = false; // a discriminator that names another alternative
                if (object.contains(it.key()))
                    ++score;
            }
            if (!fits)
                continue;
        }
        if (score > bestScore) {
            best = i;
            bestScore = score;
        }
    }
    return best;
}

QStringList SchemaFormBuilder::propertyOrder(const QJsonObject &schema)
{
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    QStringList order;
    for (const QJsonValue &name : schema.value(QLatin1String("x-order")).toArray()) {
        if (properties.contains(name.toString()) && !order.contains(name.toString()))
            order.append(name.toString());
    }
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }
    return order;
}

std::unique_ptr<SchemaFormNode> SchemaFormBuilder::build(const QJsonValue &declared,
                                                         const std::optional<QJsonValue> &value,
                                                         SchemaFormNode *parent, Slot slot,
                                                         const QString &key, bool fresh,
                                                         int forcedChoice) const
{
    auto node = std::make_unique<SchemaFormNode>();
    node->parent = parent;
    node->slot = slot;
    node->key = key;
    node->declared = declared;
    if (parent && slot == Slot::Property) {
        node->required = parent->schema.value(QLatin1String("required")).toArray().contains(key);
        node->described = true;
    } else if (parent && slot == Slot::Entry) {
        const QJsonValue additional = parent->schema.value(QLatin1String("additionalProperties"));
        node->described = additional.isObject() || additional == QJsonValue(true) ||
                          !parent->entrySchema(key).isBool();
    } else if (parent && slot == Slot::Item) {
        node->described = !declared.isBool();
    }
    QString problem;
    QJsonObject schema = m_resolver->effective(declared, &problem);
    node->title = schema.value(QLatin1String("title")).toString();
    if (!problem.isEmpty()) {
        node->problem = problem;
        node->kind = Kind::Raw;
        node->present = value.has_value() || slot != Slot::Property;
        node->value = value.value_or(QJsonValue(QJsonValue::Null));
        return node;
    }
    bool nullable = false;
    QList<SchemaResolver::Alternative> alternatives = m_resolver->alternatives(schema, &nullable);
    node->nullable = nullable;
    bool allConst = !alternatives.isEmpty();
    for (const auto &alt : std::as_const(alternatives))
        allConst = allConst && alt.schema.contains(QLatin1String("const"));
    if (allConst) { // oneOf of const + title: an enum with labels
        for (const auto &alt : std::as_const(alternatives)) {
            node->options.append(alt.schema.value(QLatin1String("const")));
            node->optionTitles.append(alt.title);
        }
        schema.remove(QLatin1String("oneOf"));
        schema.remove(QLatin1String("anyOf"));
        alternatives.clear();
    } else if (alternatives.size() == 1) {
        schema = alternatives.first().schema;
        if (node->title.isEmpty())
            node->title = schema.value(QLatin1String("title")).toString();
        alternatives.clear();
    }
    node->schema = schema;
    node->alternatives = alternatives;
    fill(node.get(), value, fresh, forcedChoice);
    return node;
}

namespace {
// Whether a node's schema is a `$ref` one of its ancestors already followed: built fresh, a
// required recursive member would be built without end, so it waits to be opened.
bool recursesFresh(const SchemaFormNode *node)
{
    // by `$ref` name, or by the schema it resolves to (a `$ref` inside anyOf [X, null])
    const QString ref = node->declared.toObject().value(QLatin1String("$ref")).toString();
    for (const SchemaFormNode *a = node->parent; a; a = a->parent) {
        if (!ref.isEmpty() && a->declared.toObject().value(QLatin1String("$ref")).toString() == ref)
            return true;
        if (a->kind == node->kind && a->schema == node->schema)
            return true;
    }
    return false;
}
} // namespace

void SchemaFormBuilder::fill(SchemaFormNode *node, std::optional<QJsonValue> value, bool fresh,
                             int forcedChoice) const
{
    if (fresh && !value)
        value = initialValue(node->schema);
    const bool absent = !value;
    if (absent && node->slot != Slot::Property)
        fresh = true; // items and the root always hold a value
    node->present = !absent || node->slot != Slot::Property;
    node->isNull = node->nullable && value && value->isNull();
    if (!node->alternatives.isEmpty()) {
        node->choice = value && !node->isNull ? pickAlternative(node->alternatives, *value) : 0;
        if (forcedChoice >= 0 && forcedChoice < node->alternatives.size())
            node->choice = forcedChoice;
        const QString title = node->title;
        node->schema = node->alternatives.at(node->choice).schema;
        node->title = title;
    }
    const QJsonObject &schema = node->schema;
    if (node->options.isEmpty()) {
        if (schema.contains(QLatin1String("const")))
            node->options = QJsonArray{schema.value(QLatin1String("const"))};
        else
            node->options = schema.value(QLatin1String("enum")).toArray();
        for (const QJsonValue &option : std::as_const(node->options))
            node->optionTitles.append(SchemaResolver::numberText(option));
    }
    QStringList types = SchemaResolver::types(schema);
    const bool onlyNull = types == QStringList{QStringLiteral("null")};
    types.removeAll(QStringLiteral("null"));
    const bool falseSchema =
        schema.size() == 1 && schema.value(QLatin1String("not")) == QJsonObject();
    if (!node->options.isEmpty()) {
        node->kind = Kind::Enum;
    } else if (falseSchema) {
        node->kind = Kind::Raw;
    } else if (onlyNull && (!value || value->isNull())) {
        node->kind = Kind::Null;
    } else if (value && !node->isNull) {
        const auto kind = kindFor(*value, types);
        node->kind = kind.value_or(Kind::Raw);
        node->mismatch = !kind;
        if (!kind)
            node->problem = QStringLiteral("The schema expects %1 here").arg(types.join(" or "));
    } else if (types.size() == 1) {
        const QString t = types.first();
        node->kind = t == QLatin1String("object")    ? Kind::Object
                     : t == QLatin1String("array")   ? Kind::Array
                     : t == QLatin1String("string")  ? Kind::String
                     : t == QLatin1String("integer") ? Kind::Integer
                     : t == QLatin1String("number")  ? Kind::Number
                     : t == QLatin1String("boolean") ? Kind::Boolean
                                                     : Kind::Raw;
    } else if (schema.contains(QLatin1String("properties")) ||
               schema.contains(QLatin1String("additionalProperties"))) {
        node->kind = Kind::Object;
    } else if (schema.contains(QLatin1String("items")) ||
               schema.contains(QLatin1String("prefixItems"))) {
        node->kind = Kind::Array;
    } else {
        node->kind = value && value->isNull() ? Kind::Null : Kind::Raw;
    }
    if (node->kind != Kind::Raw && value && !node->isNull && node->depth() > kMaxDocumentDepth) {
        node->kind = Kind::Raw;
        node->problem = QStringLiteral("Nested too deeply to show as a form");
    }
    if (node->isContainer()) {
        if (absent && fresh && node->required)
            node->present = true; // a required object or array is there from the start
        if (absent && !fresh) {
            node->expanded = false;
        } else if (absent && (node->slot == Slot::Property && !node->required)) {
            node->expanded = false;
        } else if (absent && (node->depth() > kMaxFreshDepth || recursesFresh(node))) {
            node->expanded = false;
        } else if (!node->isNull) {
            const QJsonValue v = value.value_or(
                node->kind == Kind::Object ? QJsonValue(QJsonObject()) : QJsonValue(QJsonArray()));
            buildChildren(node, v, absent);
        }
        return;
    }
    if (value) {
        node->value = *value;
    } else if (fresh && node->slot != Slot::Property) {
        node->value = plainValue(*node);
    } else if (fresh && node->required && node->kind == Kind::Boolean) {
        node->value = false;
        node->present = true;
    }
    if ((node->kind == Kind::Number || node->kind == Kind::Integer) && node->value.isDouble())
        node->numberText = SchemaResolver::numberText(node->value);
}

QJsonValue SchemaFormBuilder::plainValue(const SchemaFormNode &node)
{
    const QJsonObject &schema = node.schema;
    switch (node.kind) {
    case Kind::String:
        return QString();
    case Kind::Number:
    case Kind::Integer:
        return schema.value(QLatin1String("minimum")).isDouble()
                   ? schema.value(QLatin1String("minimum"))
                   : QJsonValue(0);
    case Kind::Boolean:
        return false;
    case Kind::Enum:
        return node.options.isEmpty() ? QJsonValue(QJsonValue::Null) : node.options.first();
    case Kind::Object:
        return QJsonObject();
    case Kind::Array:
        return QJsonArray();
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

void SchemaFormBuilder::buildChildren(SchemaFormNode *node, const QJsonValue &value,
                                      bool fresh) const
{
    node->children.clear();
    node->expanded = true;
    if (node->kind == Kind::Object) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = node->schema.value(QLatin1String("properties")).toObject();
        for (const QString &name : propertyOrder(node->schema)) {
            std::optional<QJsonValue> member;
            if (object.contains(name))
                member = object.value(name);
            node->children.push_back(
                build(properties.value(name), member, node, Slot::Property, name, fresh));
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!properties.contains(it.key()))
                node->children.push_back(build(node->entrySchema(it.key()), it.value(), node,
                                               Slot::Entry, it.key(), false));
        }
        return;
    }
    QJsonArray array = value.toArray();
    if (fresh && array.isEmpty()) {
        const QJsonArray tuple = node->schema.value(QLatin1String("prefixItems")).isArray()
                                     ? node->schema.value(QLatin1String("prefixItems")).toArray()
                                     : node->schema.value(QLatin1String("items")).toArray();
        const int count = qMin(
            100, qMax(int(tuple.size()), node->schema.value(QLatin1String("minItems")).toInt()));
        for (int i = 0; i < count; ++i)
            node->children.push_back(
                build(node->itemSchema(i), std::nullopt, node, Slot::Item, QString(), true));
        return;
    }
    for (qsizetype i = 0; i < array.size(); ++i)
        node->children.push_back(
            build(node->itemSchema(int(i)), array.at(i), node, Slot::Item, QString(), false));
}

void SchemaFormBuilder::expand(SchemaFormNode *node) const
{
    if (node->expanded || !node->isContainer())
        return;
    buildChildren(node,
                  node->kind == Kind::Object ? QJsonValue(QJsonObject()) : QJsonValue(QJsonArray()),
                  true);
}

} // namespace ivcap
