#include "schemaresolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

namespace ivcap {

namespace {
constexpr int kMaxDepth = 64;

const QLatin1String kRef("$ref");
const QLatin1String kAllOf("allOf");

// Adds what `add` says to `base` where `base` is silent; properties and required are unions,
// and a property both describe must satisfy both (allOf of the two).
void mergeInto(QJsonObject &base, const QJsonObject &add)
{
    for (auto it = add.begin(); it != add.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("properties") && base.value(key).isObject()) {
            QJsonObject props = base.value(key).toObject();
            const QJsonObject more = it.value().toObject();
            for (auto p = more.begin(); p != more.end(); ++p) {
                if (props.contains(p.key()) && props.value(p.key()) != p.value())
                    props.insert(p.key(), QJsonObject{{kAllOf, QJsonArray{props.value(p.key()),
                                                                          p.value()}}});
                else
                    props.insert(p.key(), p.value());
            }
            base.insert(key, props);
        } else if (key == QLatin1String("required") && base.value(key).isArray()) {
            QJsonArray required = base.value(key).toArray();
            for (const QJsonValue &name : it.value().toArray()) {
                if (!required.contains(name))
                    required.append(name);
            }
            base.insert(key, required);
        } else if (!base.contains(key)) {
            base.insert(key, it.value());
        }
    }
}

// The node a JSON pointer names in `doc`.
std::optional<QJsonValue> atPointer(const QJsonValue &doc, const QString &pointer)
{
    QJsonValue node = doc;
    const QStringList tokens = pointer.split(QLatin1Char('/'));
    for (qsizetype i = 1; i < tokens.size(); ++i) {
        QString token = QUrl::fromPercentEncoding(tokens.at(i).toUtf8());
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

// A plain-name fragment: the subschema whose `$anchor` (2020-12) or `$id` (draft 7) names it.
std::optional<QJsonValue> atAnchor(const QJsonValue &doc, const QString &anchor)
{
    QList<QJsonValue> nodes{doc};
    int visited = 0;
    while (!nodes.isEmpty() && ++visited < 100000) {
        const QJsonValue node = nodes.takeLast();
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            if (o.value(QLatin1String("$anchor")).toString() == anchor ||
                o.value(QLatin1String("$id")).toString() == QLatin1Char('#') + anchor)
                return node;
            for (const QJsonValue &child : o)
                nodes.append(child);
        } else if (node.isArray()) {
            for (const QJsonValue &child : node.toArray())
                nodes.append(child);
        }
    }
    return std::nullopt;
}

QString describe(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}
} // namespace

SchemaResolver::SchemaResolver(const QJsonValue &root, External external)
    : m_root(root), m_external(std::move(external))
{}

QJsonObject SchemaResolver::effective(const QJsonValue &schema, QString *problem) const
{
    QStringList seen;
    return effective(schema, problem, 0, &seen);
}

QJsonObject SchemaResolver::effective(const QJsonValue &schema, QString *problem, int depth,
                                      QStringList *refsSeen) const
{
    const auto fail = [problem](const QString &why) {
        if (problem && problem->isEmpty())
            *problem = why;
        return QJsonObject();
    };
    if (schema.isBool())
        return schema.toBool() ? QJsonObject() : QJsonObject{{"not", QJsonObject()}};
    if (!schema.isObject())
        return fail(QStringLiteral("A schema must be an object or a boolean"));
    if (depth > kMaxDepth)
        return fail(QStringLiteral("$ref and allOf nest deeper than %1 levels").arg(kMaxDepth));
    QJsonObject result = schema.toObject();
    const QJsonValue ref = result.take(kRef);
    const QJsonArray allOf = result.take(kAllOf).toArray();
    if (ref.isString()) {
        const QString name = ref.toString();
        if (refsSeen->contains(name))
            return fail(QStringLiteral("$ref \"%1\" refers back to itself").arg(name));
        const auto target = follow(name, problem);
        if (!target)
            return fail(QStringLiteral("$ref \"%1\" points to nothing").arg(name));
        refsSeen->append(name);
        mergeInto(result, effective(*target, problem, depth + 1, refsSeen));
        refsSeen->removeLast();
    }
    for (const QJsonValue &part : allOf)
        mergeInto(result, effective(part, problem, depth + 1, refsSeen));
    return result;
}

std::optional<QJsonValue> SchemaResolver::follow(const QString &ref, QString *) const
{
    const qsizetype hash = ref.indexOf(QLatin1Char('#'));
    const QString uri = hash < 0 ? ref : ref.left(hash);
    const QString fragment = hash < 0 ? QString() : ref.mid(hash + 1);
    std::optional<QJsonValue> doc;
    const QString rootId = m_root.toObject().value(QLatin1String("$id")).toString();
    if (uri.isEmpty() || uri == rootId || (!rootId.isEmpty() && rootId.startsWith(uri + '#')))
        doc = m_root;
    else if (m_external)
        doc = m_external(uri);
    if (!doc)
        return std::nullopt;
    if (fragment.isEmpty())
        return doc;
    if (fragment.startsWith(QLatin1Char('/')))
        return atPointer(*doc, fragment);
    return atAnchor(*doc, fragment);
}

QList<SchemaResolver::Alternative> SchemaResolver::alternatives(const QJsonObject &schema,
                                                                bool *nullable) const
{
    QList<Alternative> list;
    if (nullable)
        *nullable = false;
    QJsonObject base = schema;
    QJsonArray offered = base.take(QLatin1String("oneOf")).toArray();
    if (offered.isEmpty())
        offered = base.take(QLatin1String("anyOf")).toArray();
    else
        base.remove(QLatin1String("anyOf"));
    if (offered.isEmpty()) {
        const QStringList typeList = types(schema);
        if (typeList.size() < 2)
            return list;
        for (const QString &type : typeList) {
            if (type == QLatin1String("null")) {
                if (nullable)
                    *nullable = true;
                continue;
            }
            QJsonObject alt = base;
            alt.insert(QLatin1String("type"), type);
            list.append({type, alt});
        }
        if (list.size() == 1) // ["string", "null"] is a nullable string, not a choice
            list.first().title = base.value(QLatin1String("title")).toString(list.first().title);
        return list;
    }
    for (qsizetype i = 0; i < offered.size(); ++i) {
        QJsonObject alt = effective(offered.at(i));
        if (types(alt) == QStringList{QStringLiteral("null")} && !alt.contains("properties")) {
            if (nullable)
                *nullable = true;
            continue;
        }
        QString title = alt.value(QLatin1String("title")).toString();
        if (title.isEmpty() && alt.contains(QLatin1String("const")))
            title = describe(alt.value(QLatin1String("const")));
        if (title.isEmpty() && !types(alt).isEmpty())
            title = types(alt).join(QLatin1String(" or "));
        if (title.isEmpty())
            title = QStringLiteral("Option %1").arg(i + 1);
        QJsonObject inherited = base;
        // the alternative's own annotations describe it, the offering schema's describe the field
        inherited.remove(QLatin1String("title"));
        inherited.remove(QLatin1String("description"));
        if (alt.contains(QLatin1String("type")))
            inherited.remove(QLatin1String("type"));
        mergeInto(alt, inherited);
        list.append({title, alt});
    }
    return list;
}

QStringList SchemaResolver::types(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (type.isString())
        return {type.toString()};
    QStringList list;
    for (const QJsonValue &t : type.toArray())
        list.append(t.toString());
    return list;
}

namespace {
QJsonValue convert(const QJsonValue &value, int depth)
{
    if (!value.isObject() || depth > 512)
        return value;
    QJsonObject o = value.toObject();
    const auto each = [&](const QLatin1String &key, bool map) {
        if (map && o.value(key).isObject()) {
            QJsonObject m = o.value(key).toObject();
            for (auto it = m.begin(); it != m.end(); ++it)
                it.value() = convert(it.value(), depth + 1);
            o.insert(key, m);
        } else if (!map && o.value(key).isArray()) {
            QJsonArray a = o.value(key).toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                a[i] = convert(a.at(i), depth + 1);
            o.insert(key, a);
        }
    };
    for (const char *key : {"properties", "patternProperties", "$defs", "definitions",
                            "dependentSchemas", "dependencies"})
        each(QLatin1String(key), true);
    for (const char *key : {"allOf", "anyOf", "oneOf", "prefixItems", "items"})
        each(QLatin1String(key), false);
    for (const char *key :
         {"additionalProperties", "additionalItems", "contains", "not", "if", "then", "else",
          "propertyNames", "items", "unevaluatedItems", "unevaluatedProperties"}) {
        const QLatin1String k(key);
        if (o.value(k).isObject())
            o.insert(k, convert(o.value(k), depth + 1));
    }
    if (o.contains(QLatin1String("prefixItems"))) {
        const QJsonValue rest = o.take(QLatin1String("items"));
        o.insert(QLatin1String("items"), o.take(QLatin1String("prefixItems")));
        if (!rest.isUndefined())
            o.insert(QLatin1String("additionalItems"), rest);
    }
    for (const char *key : {"dependentRequired", "dependentSchemas"}) {
        const QJsonObject more = o.take(QLatin1String(key)).toObject();
        if (more.isEmpty())
            continue;
        QJsonObject deps = o.value(QLatin1String("dependencies")).toObject();
        for (auto it = more.begin(); it != more.end(); ++it)
            deps.insert(it.key(), it.value());
        o.insert(QLatin1String("dependencies"), deps);
    }
    const QJsonValue divisor = o.value(QLatin1String("multipleOf"));
    if (divisor.isDouble() && divisor.toDouble() > 0 &&
        divisor.toDouble() != double(qint64(divisor.toDouble())))
        o.remove(QLatin1String("multipleOf"));
    return o;
}

struct Decimal
{
    __int128 digits = 0;
    int exponent = 0;
};

std::optional<Decimal> parseDecimal(const QString &text)
{
    Decimal d;
    int significant = 0;
    bool seenDigit = false, inFraction = false;
    qsizetype i = 0;
    if (text.startsWith(QLatin1Char('-')))
        ++i;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isDigit()) {
            seenDigit = true;
            if (d.digits != 0 || c != QLatin1Char('0')) {
                if (++significant > 36)
                    return std::nullopt;
                d.digits = d.digits * 10 + c.digitValue();
            }
            if (inFraction)
                --d.exponent;
        } else if (c == QLatin1Char('.') && !inFraction) {
            inFraction = true;
        } else if (c == QLatin1Char('e') || c == QLatin1Char('E')) {
            bool ok = false;
            const int e = text.mid(i + 1).toInt(&ok);
            if (!ok || qAbs(e) > 400)
                return std::nullopt;
            d.exponent += e;
            break;
        } else {
            return std::nullopt;
        }
    }
    if (!seenDigit)
        return std::nullopt;
    return d;
}
} // namespace

QJsonValue SchemaResolver::forValidator(const QJsonValue &schema)
{
    return convert(schema, 0);
}

std::optional<bool> SchemaResolver::isMultipleOf(const QString &number, const QString &divisor)
{
    auto a = parseDecimal(number);
    auto b = parseDecimal(divisor);
    if (!a || !b || b->digits == 0)
        return std::nullopt;
    if (a->digits == 0)
        return true;
    // bring both to the smaller exponent; the digits may grow to 38 places at most
    const int exponent = qMin(a->exponent, b->exponent);
    for (Decimal *d : {&*a, &*b}) {
        for (int e = d->exponent; e > exponent; --e) {
            if (d->digits > (__int128(1) << 120) / 10)
                return std::nullopt;
            d->digits *= 10;
        }
    }
    return a->digits % b->digits == 0;
}

QString SchemaResolver::numberText(const QJsonValue &number)
{
    return describe(number);
}

} // namespace ivcap
