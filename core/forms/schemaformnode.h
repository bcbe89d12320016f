#pragma once

#include "schemaresolver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace ivcap {

// One field of a form built from a JSON Schema (SchemaFormModel). The tree mirrors the
// document, decorated with the schema: every value of the document has a node (values the schema
// does not describe included), and properties the schema declares but the document lacks have
// absent nodes (present == false), so reading the document back gives exactly what was loaded.
struct SchemaFormNode
{
    enum class Kind {
        Object,  // properties, plus key/value entries where additionalProperties allows them
        Array,   // items; tuples by position
        String,  // text, with `format` (date-time, date, time, uri, email, uuid, …)
        Number,  // value plus the text the user typed, so no digit is lost to a double
        Integer, // as Number
        Boolean,
        Null,
        Enum, // one of `enum`, a `const`, or a oneOf of const + title
        Raw,  // any JSON, edited as text: what the form cannot show, or a value of the wrong type
    };
    enum class Slot { Root, Property, Item, Entry };

    SchemaFormNode *parent = nullptr;
    std::vector<std::unique_ptr<SchemaFormNode>> children;
    Kind kind = Kind::Raw;
    Slot slot = Slot::Root;
    QString key;         // Property and Entry: the member name
    QJsonValue declared; // the schema at this position as written (before choosing)
    QJsonObject schema;  // effective: refs followed, allOf merged, the chosen alternative applied
    QString title;       // the field's label: `title`, else the key or item number
    QJsonArray options;  // Enum: the values offered
    QStringList optionTitles;                        // Enum: a label per option
    QList<SchemaResolver::Alternative> alternatives; // oneOf / anyOf / type union
    int choice = -1;                                 // index into alternatives
    bool nullable = false;                           // null is allowed besides the kind's values
    bool isNull = false;                             // the value is null (nullable fields)
    bool required = false;
    bool present = true;   // Property: whether the member is in the document
    bool described = true; // false for members and items the schema says nothing about
    bool expanded = true;  // false: children not built yet (recursive schemas, on demand)
    QJsonValue value;      // String, Number, Integer, Boolean, Enum, Raw
    QString numberText;    // Number/Integer: the exact text
    QString problem;       // why the node is Raw although the schema gave it a kind
    bool mismatch = false; // Raw because the value has a type the schema does not allow
    QStringList errors;    // validation messages for this node

    int row() const;
    int depth() const;
    // JSON pointer (RFC 6901) of the node in the document.
    QString pointer() const;
    // The node's value as JSON: containers from their present children; undefined when absent.
    QJsonValue toJson() const;
    bool isContainer() const { return kind == Kind::Object || kind == Kind::Array; }
    // Whether this object accepts members the schema does not name (additionalProperties).
    bool acceptsEntries() const;
    // The schema for array item `index`, or for a new member of an object (key/value entries).
    QJsonValue itemSchema(int index) const;
    QJsonValue entrySchema(const QString &key) const;
};

// Builds SchemaFormNode trees; used by SchemaFormModel for the whole form and for each subtree
// that changes (an item added, an alternative chosen, a document applied).
class SchemaFormBuilder
{
public:
    explicit SchemaFormBuilder(const SchemaResolver *resolver) : m_resolver(resolver) {}

    // A node for `declared` holding `value`; with no value, the schema's fresh state: defaults
    // and consts filled in, required objects and arrays built, other fields absent.
    std::unique_ptr<SchemaFormNode> build(const QJsonValue &declared,
                                          const std::optional<QJsonValue> &value,
                                          SchemaFormNode *parent, SchemaFormNode::Slot slot,
                                          const QString &key, bool fresh,
                                          int forcedChoice = -1) const;
    // (Re)builds the children of a container for `value`, or its fresh state.
    void buildChildren(SchemaFormNode *node, const QJsonValue &value, bool fresh) const;
    // Builds the children of a container whose expansion was deferred, in its fresh state.
    void expand(SchemaFormNode *node) const;
    // Property names of an object schema in the order the schema lists them (`x-order`, see
    // JsonKeyOrder), then any others by name.
    static QStringList propertyOrder(const QJsonObject &schema);
    // Which alternative fits `value` best (first whose type, consts and required members fit).
    static int pickAlternative(const QList<SchemaResolver::Alternative> &alternatives,
                               const QJsonValue &value);
    // The kind a value of JSON type `value` has under `types` (empty: any), or nullopt.
    static std::optional<SchemaFormNode::Kind> kindFor(const QJsonValue &value,
                                                       const QStringList &types);
    // The value a fresh node starts with (default, const, single enum), if any.
    static std::optional<QJsonValue> initialValue(const QJsonObject &schema);
    // The plainest value of a scalar kind: "", 0 or the minimum, false, the first option.
    static QJsonValue plainValue(const SchemaFormNode &node);

    // Nodes nest deeper than this only where the document does, and a document deeper than
    // kMaxDocumentDepth is shown raw below that level (the editor's stack is finite).
    static constexpr int kMaxFreshDepth = 64;
    static constexpr int kMaxDocumentDepth = 200;

private:
    void fill(SchemaFormNode *node, std::optional<QJsonValue> value, bool fresh,
              int forcedChoice) const;
    const SchemaResolver *m_resolver;
};

} // namespace ivcap
