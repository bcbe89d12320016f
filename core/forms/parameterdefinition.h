#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ivcap {

// One ParameterDefT entry of a service (PROTOCOL.md §6). Parsed leniently because the server
// sends "" for unset strings and may add keys (e.g. `unary` in v0.28.8) we must tolerate.
struct ParameterOption
{
    QString value;
    QString description;
};

struct ParameterDefinition
{
    enum class Type { String, Int, Float, Bool, Option, Artifact, Collection };

    QString name;
    QString label;
    Type type = Type::String;
    QString typeName; // as sent by the server, kept for display of unknown types
    QString description;
    QString unit;
    QString defaultValue;
    bool constant = false;
    bool optional = false;
    QList<ParameterOption> options;

    // The SDK's "HACK: API is providing wrong information": a non-empty default makes a
    // parameter optional even when `optional` is false; constants are never sent.
    bool isMandatory() const { return !optional && defaultValue.isEmpty() && !constant; }

    static ParameterDefinition fromJson(const QJsonObject &json);
    static Type typeFromString(const QString &name);
    static QString typeToString(Type type);
};

} // namespace ivcap
