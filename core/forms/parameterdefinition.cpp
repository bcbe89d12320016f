#include "parameterdefinition.h"

#include <QJsonArray>

namespace ivcap {

namespace {
// The server may send numbers or booleans where the schema says string (the SDK sends native
// values); render them as their string form rather than dropping them.
QString stringOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {};
}

bool boolOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    return value.toBool(false);
}
} // namespace

ParameterDefinition::Type ParameterDefinition::typeFromString(const QString &name)
{
    const QString t = name.trimmed().toLower();
    if (t == QLatin1String("int"))
        return Type::Int;
    if (t == QLatin1String("float"))
        return Type::Float;
    if (t == QLatin1String("bool"))
        return Type::Bool;
    if (t == QLatin1String("option"))
        return Type::Option;
    if (t == QLatin1String("artifact"))
        return Type::Artifact;
    if (t == QLatin1String("collection"))
        return Type::Collection;
    return Type::String; // unknown types degrade to free text, as PROTOCOL.md §6 recommends
}

QString ParameterDefinition::typeToString(Type type)
{
    switch (type) {
    case Type::Int:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Option:
        return QStringLiteral("option");
    case Type::Artifact:
        return QStringLiteral("artifact");
    case Type::Collection:
        return QStringLiteral("collection");
    case Type::String:
        break;
    }
    return QStringLiteral("string");
}

ParameterDefinition ParameterDefinition::fromJson(const QJsonObject &json)
{
    ParameterDefinition def;
    def.name = stringOf(json.value(QLatin1String("name")));
    def.label = stringOf(json.value(QLatin1String("label")));
    def.typeName = stringOf(json.value(QLatin1String("type")));
    def.type = typeFromString(def.typeName);
    def.description = stringOf(json.value(QLatin1String("description")));
    def.unit = stringOf(json.value(QLatin1String("unit")));
    def.defaultValue = stringOf(json.value(QLatin1String("default")));
    def.constant = boolOf(json.value(QLatin1String("constant")));
    def.optional = boolOf(json.value(QLatin1String("optional")));
    const QJsonArray options = json.value(QLatin1String("options")).toArray();
    for (const QJsonValue &o : options) {
        ParameterOption option;
        if (o.isObject()) {
            option.value = stringOf(o.toObject().value(QLatin1String("value")));
            option.description = stringOf(o.toObject().value(QLatin1String("description")));
        } else {
            option.value = stringOf(o); // tolerate a bare list of values
        }
        if (!option.value.isEmpty())
            def.options.append(option);
    }
    return def;
}

} // namespace ivcap
