#include "contentpath.h"
#include "contentpathast.h"

namespace {

struct Exhausted
{
};

enum class Tri { False, True, Unknown };

using Items = std::vector<const JsonNode *>;

// Lax-mode evaluation (PostgreSQL's jsonpath_exec.c semantics for the supported subset). Work
// is counted so that a path like `$[*] ? (@[*] == $[*][*])` stops instead of running long.
class Evaluator
{
public:
    explicit Evaluator(const JsonNode &root) : m_root(root) {}

    Tri predicate(const ContentPath::Node &node, const JsonNode *current)
    {
        using N = ContentPath::Node;
        switch (node.kind) {
        case N::Value: {
            Items items;
            operand(node.a, current, &items);
            return items.empty() ? Tri::False : Tri::True;
        }
        case N::And: {
            const Tri left = predicate(*node.left, current);
            if (left == Tri::False)
                return Tri::False;
            const Tri right = predicate(*node.right, current);
            if (right == Tri::False)
                return Tri::False;
            return left == Tri::True && right == Tri::True ? Tri::True : Tri::Unknown;
        }
        case N::Or: {
            const Tri left = predicate(*node.left, current);
            if (left == Tri::True)
                return Tri::True;
            const Tri right = predicate(*node.right, current);
            if (right == Tri::True)
                return Tri::True;
            return left == Tri::False && right == Tri::False ? Tri::False : Tri::Unknown;
        }
        case N::Not: {
            const Tri inner = predicate(*node.left, current);
            return inner == Tri::Unknown ? Tri::Unknown
                                         : (inner == Tri::True ? Tri::False : Tri::True);
        }
        case N::IsUnknown:
            return predicate(*node.left, current) == Tri::Unknown ? Tri::True : Tri::False;
        case N::Exists: {
            Items items;
            operand(node.a, current, &items);
            return items.empty() ? Tri::False : Tri::True;
        }
        case N::Compare:
        case N::StartsWith:
            return compareAll(node, current);
        }
        return Tri::Unknown;
    }

private:
    void spend(int units = 1)
    {
        m_work += units;
        if (m_work > ContentPath::kWorkBudget)
            throw Exhausted{};
    }
    void push(Items *out, const JsonNode *item)
    {
        spend();
        out->push_back(item);
    }

    void operand(const ContentPath::Operand &op, const JsonNode *current, Items *out)
    {
        if (op.kind == ContentPath::Operand::Literal) {
            push(out, &op.literal);
            return;
        }
        Items items{op.fromRoot ? &m_root : current};
        for (const ContentPath::Step &s : op.steps) {
            Items next;
            for (const JsonNode *item : items)
                step(s, item, &next, true);
            items.swap(next);
        }
        *out = std::move(items);
    }

    static qint64 resolve(const ContentPath::Step::Bound &b, qint64 size)
    {
        return b.last ? size - 1 - b.offset : b.offset;
    }

    void step(const ContentPath::Step &s, const JsonNode *item, Items *out, bool unwrap)
    {
        using S = ContentPath::Step;
        const bool isArray = item->type == JsonNode::Array;
        switch (s.kind) {
        case S::Member:
        case S::AnyMember:
            if (item->type == JsonNode::Object) {
                if (s.kind == S::AnyMember) {
                    for (const JsonNode &child : item->children)
                        push(out, &child);
                } else if (const JsonNode *child = item->member(s.name)) {
                    push(out, child);
                }
            } else if (isArray && unwrap) {
                for (const JsonNode &child : item->children)
                    step(s, &child, out, false);
            }
            return;
        case S::AnyIndex:
            if (isArray) {
                for (const JsonNode &child : item->children)
                    push(out, &child);
            } else {
                push(out, item); // lax: a non-array is a one-element array
            }
            return;
        case S::Indexes: {
            const qint64 size = isArray ? qint64(item->children.size()) : 1;
            for (const S::Range &range : s.ranges) {
                const qint64 from = qMax<qint64>(0, resolve(range.from, size));
                const qint64 to = qMin<qint64>(size - 1, resolve(range.to, size));
                for (qint64 i = from; i <= to; ++i)
                    push(out, isArray ? &item->children[size_t(i)] : item);
            }
            return;
        }
        case S::Filter:
            if (isArray && unwrap) {
                for (const JsonNode &child : item->children)
                    step(s, &child, out, false);
            } else if (predicate(*s.filter, item) == Tri::True) {
                push(out, item);
            }
            return;
        }
    }

    // Operands of a comparison: arrays in the result are unwrapped one level (lax mode).
    void unwrapped(const ContentPath::Operand &op, const JsonNode *current, Items *out)
    {
        Items items;
        operand(op, current, &items);
        for (const JsonNode *item : items) {
            if (item->type == JsonNode::Array) {
                for (const JsonNode &child : item->children)
                    push(out, &child);
            } else {
                out->push_back(item);
            }
        }
    }

    // Existential: true when any pair compares true; unknown when none does but some pair
    // could not be compared.
    Tri compareAll(const ContentPath::Node &node, const JsonNode *current)
    {
        Items left;
        Items right;
        unwrapped(node.a, current, &left);
        unwrapped(node.b, current, &right);
        bool unknown = false;
        for (const JsonNode *l : left) {
            for (const JsonNode *r : right) {
                spend();
                const Tri result = node.kind == ContentPath::Node::StartsWith
                                       ? startsWith(*l, *r)
                                       : compare(node.op, *l, *r);
                if (result == Tri::True)
                    return Tri::True;
                unknown = unknown || result == Tri::Unknown;
            }
        }
        return unknown ? Tri::Unknown : Tri::False;
    }

    static Tri startsWith(const JsonNode &l, const JsonNode &r)
    {
        if (l.type != JsonNode::String || r.type != JsonNode::String)
            return Tri::Unknown;
        return l.text.startsWith(r.text) ? Tri::True : Tri::False;
    }

    static int kind(JsonNode::Type type)
    {
        return type == JsonNode::True ? int(JsonNode::False) : int(type);
    }

    static Tri compare(ContentPath::Node::Op op, const JsonNode &l, const JsonNode &r)
    {
        using N = ContentPath::Node;
        if (kind(l.type) != kind(r.type)) {
            if (l.type == JsonNode::Null || r.type == JsonNode::Null)
                return op == N::Ne ? Tri::True : Tri::False;
            return Tri::Unknown;
        }
        int cmp = 0;
        switch (l.type) {
        case JsonNode::Null:
            break;
        case JsonNode::False:
        case JsonNode::True:
            cmp = int(l.type == JsonNode::True) - int(r.type == JsonNode::True);
            break;
        case JsonNode::Number:
            cmp = JsonTree::compareNumbers(l.text, r.text);
            break;
        case JsonNode::String:
            cmp = l.text < r.text ? -1 : (l.text == r.text ? 0 : 1);
            break;
        case JsonNode::Array:
        case JsonNode::Object:
            return Tri::Unknown;
        }
        bool result = false;
        switch (op) {
        case N::Eq:
            result = cmp == 0;
            break;
        case N::Ne:
            result = cmp != 0;
            break;
        case N::Lt:
            result = cmp < 0;
            break;
        case N::Le:
            result = cmp <= 0;
            break;
        case N::Gt:
            result = cmp > 0;
            break;
        case N::Ge:
            result = cmp >= 0;
            break;
        }
        return result ? Tri::True : Tri::False;
    }

    const JsonNode &m_root;
    int m_work = 0;
};

} // namespace

bool ContentPath::matches(const JsonNode &document) const
{
    if (!m_root)
        return false;
    try {
        return Evaluator(document).predicate(*m_root, &document) == Tri::True;
    } catch (const Exhausted &) {
        return false;
    }
}

bool ContentPath::matches(QByteArrayView jsonText) const
{
    const std::optional<JsonNode> document = JsonTree::parse(jsonText);
    return document && matches(*document);
}
