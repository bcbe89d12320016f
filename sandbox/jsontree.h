#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

// One JSON value as read from text (RFC 8259), for evaluating content-path expressions over
// stored aspect content. Unlike QJsonValue it keeps every number as written, so 2^64 + 1, 19.99
// and 1e400 compare exactly as PostgreSQL's numeric does, and it never rejects a number for its
// size. Strings and member names are UTF-8 bytes (byte order is code point order).
struct JsonNode
{
    enum Type { Null, False, True, Number, String, Array, Object };

    Type type = Null;
    QByteArray text;                // a String's decoded value or a Number's text
    std::vector<JsonNode> children; // elements of an Array, member values of an Object
    std::vector<QByteArray> keys;   // member names of an Object, parallel to `children`

    // The value of member `name` (the last one when a name repeats, as jsonb keeps it), or null.
    const JsonNode *member(const QByteArray &name) const;
};

class JsonTree
{
public:
    // Parses exactly one JSON value, nested at most `maxDepth` arrays/objects deep (so a hostile
    // document cannot exhaust the stack). Returns nullopt and sets `error` (with a byte offset)
    // on anything else.
    static std::optional<JsonNode> parse(QByteArrayView text, QString *error = nullptr,
                                         int maxDepth = 256);

    // True when `text` is a number literal in JSON's grammar.
    static bool isNumber(QByteArrayView text);
    // Compares two JSON number literals by exact decimal value: <0, 0 or >0. Exponents of any
    // size are compared without overflow.
    static int compareNumbers(QByteArrayView a, QByteArrayView b);
};
