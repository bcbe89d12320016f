#pragma once

#include <QJsonValue>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace ivcap {

// One node of the editable JSON tree behind AspectTreeModel. Owning our own nodes (instead of
// editing a QJsonValue in place) gives stable pointers for QModelIndex and keeps member order
// as the user edits it.
struct JsonNode
{
    enum class Type { Null, Bool, Number, String, Object, Array };

    JsonNode *parent = nullptr;
    QString key; // object members only; array items are addressed by row
    Type type = Type::Null;
    QJsonValue scalar; // Bool, Number, String
    // Number: the text as loaded or typed ("2147483648", "1.50", "9007199254740993"), kept so
    // the document's text keeps every digit; empty when only `scalar` is known.
    QString numberText;
    std::vector<std::unique_ptr<JsonNode>> children;

    // JSON Schema's type names ("boolean", not "bool"; "bool" is accepted on input).
    static QString typeName(Type type);
    static std::optional<Type> typeFromName(const QString &name);

    int row() const;
    // The number's JSON text: numberText, else the shortest text of `scalar`.
    QString exactNumber() const;
    // True for RFC 8259 number text ("-0", "1.50", "1e400"; not "01", "+1", ".5", "NaN").
    static bool isNumberText(const QString &text);
    QJsonValue toJson() const;
    static std::unique_ptr<JsonNode> fromJson(const QJsonValue &value, JsonNode *parent,
                                              const QString &key);
};

} // namespace ivcap
