#include "jsonnode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace ivcap {

int JsonNode::row() const
{
    if (!parent)
        return 0;
    for (size_t i = 0; i < parent->children.size(); ++i) {
        if (parent->children[i].get() == this)
            return int(i);
    }
    return -1;
}

std::unique_ptr<JsonNode> JsonNode::fromJson(const QJsonValue &v, JsonNode *parent,
                                             const QString &key)
{
    auto node = std::make_unique<JsonNode>();
    node->parent = parent;
    node->key = key;
    if (v.isObject()) {
        node->type = Type::Object;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            node->children.push_back(fromJson(it.value(), node.get(), it.key()));
    } else if (v.isArray()) {
        node->type = Type::Array;
        for (const QJsonValue &item : v.toArray())
            node->children.push_back(fromJson(item, node.get(), QString()));
    } else {
        node->type = v.isBool()     ? Type::Bool
                     : v.isDouble() ? Type::Number
                     : v.isString() ? Type::String
                                    : Type::Null;
        node->scalar = v;
    }
    return node;
}

QJsonValue JsonNode::toJson() const
{
    if (type == Type::Object) {
        QJsonObject o;
        for (const auto &c : children)
            o.insert(c->key, c->toJson());
        return o;
    }
    if (type == Type::Array) {
        QJsonArray a;
        for (const auto &c : children)
            a.append(c->toJson());
        return a;
    }
    return type == Type::Null ? QJsonValue(QJsonValue::Null) : scalar;
}

QString JsonNode::exactNumber() const
{
    return numberText.isEmpty()
               ? QString::number(scalar.toDouble(), 'g', QLocale::FloatingPointShortest)
               : numberText;
}

bool JsonNode::isNumberText(const QString &text)
{
    static const QRegularExpression number(
        QStringLiteral("^-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?$"));
    return number.match(text).hasMatch();
}

QString JsonNode::typeName(Type type)
{
    static const char *names[] = {"null", "boolean", "number", "string", "object", "array"};
    return QString::fromLatin1(names[int(type)]);
}

std::optional<JsonNode::Type> JsonNode::typeFromName(const QString &name)
{
    for (int t = 0; t <= int(Type::Array); ++t) {
        if (typeName(Type(t)) == name.toLower())
            return Type(t);
    }
    if (name.toLower() == QLatin1String("bool"))
        return Type::Bool;
    return std::nullopt;
}

} // namespace ivcap
