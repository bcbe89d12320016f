#include "contentpath.h"
#include "contentpathast.h"

namespace {

constexpr qsizetype kMaxLength = 4096;
constexpr int kMaxDepth = 32;

struct SyntaxError
{
    QString message;
    qsizetype at;
};

bool identChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (static_cast<unsigned char>(c) & 0x80);
}

// Recursive descent over the UTF-8 bytes of the path; every nesting construct goes through
// enter(), which bounds the recursion.
class Parser
{
public:
    explicit Parser(const QByteArray &text) : m_text(text) {}

    std::unique_ptr<ContentPath::Node> top()
    {
        space();
        if (word("strict"))
            fail(QStringLiteral("strict mode is not supported; paths are evaluated in lax mode"));
        word("lax");
        auto node = orExpr();
        space();
        if (m_at < m_text.size())
            fail(QStringLiteral("unexpected '%1'").arg(QChar::fromLatin1(peek())));
        return node;
    }

private:
    using NodePtr = std::unique_ptr<ContentPath::Node>;
    using Node = ContentPath::Node;

    [[noreturn]] void fail(const QString &message) const { throw SyntaxError{message, m_at}; }
    char peek(qsizetype ahead = 0) const
    {
        return m_at + ahead < m_text.size() ? m_text[m_at + ahead] : '\0';
    }
    void space()
    {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')
            ++m_at;
    }
    bool take(const char *token)
    {
        space();
        const qsizetype n = qsizetype(qstrlen(token));
        if (QByteArrayView(m_text).sliced(m_at).startsWith(QByteArrayView(token, n))) {
            m_at += n;
            return true;
        }
        return false;
    }
    void expect(const char *token)
    {
        if (!take(token))
            fail(QStringLiteral("expected '%1'").arg(QLatin1String(token)));
    }
    // A keyword: the word not followed by an identifier character.
    bool word(const char *keyword)
    {
        space();
        const qsizetype n = qsizetype(qstrlen(keyword));
        if (QByteArrayView(m_text).sliced(m_at).startsWith(QByteArrayView(keyword, n)) &&
            !identChar(peek(n))) {
            m_at += n;
            return true;
        }
        return false;
    }
    void enter()
    {
        if (++m_depth > kMaxDepth)
            fail(QStringLiteral("nested more than %1 levels deep").arg(kMaxDepth));
    }
    void leave() { --m_depth; }

    // A predicate where one is required (operands of &&, ||, !, and filters).
    NodePtr predicate(NodePtr node)
    {
        if (node->kind == Node::Value)
            fail(QStringLiteral("expected a comparison such as @ == \"x\""));
        return node;
    }

    NodePtr orExpr()
    {
        NodePtr left = andExpr();
        while (take("||")) {
            auto node = std::make_unique<Node>();
            node->kind = Node::Or;
            node->left = predicate(std::move(left));
            node->right = predicate(andExpr());
            left = std::move(node);
        }
        return left;
    }

    NodePtr andExpr()
    {
        NodePtr left = notExpr();
        while (take("&&")) {
            auto node = std::make_unique<Node>();
            node->kind = Node::And;
            node->left = predicate(std::move(left));
            node->right = predicate(notExpr());
            left = std::move(node);
        }
        return left;
    }

    NodePtr notExpr()
    {
        space();
        if (peek() == '!' && peek(1) != '=') {
            ++m_at;
            space();
            if (peek() != '(' && !QByteArrayView(m_text).sliced(m_at).startsWith("exists"))
                fail(QStringLiteral("'!' must be followed by a parenthesised predicate"));
            auto node = std::make_unique<Node>();
            node->kind = Node::Not;
            enter();
            node->left = predicate(primary());
            leave();
            return node;
        }
        return primary();
    }

    NodePtr primary()
    {
        space();
        if (peek() == '(') {
            ++m_at;
            enter();
            NodePtr inner = predicate(orExpr());
            expect(")");
            leave();
            if (word("is")) {
                if (!word("unknown"))
                    fail(QStringLiteral("expected 'unknown' after 'is'"));
                auto node = std::make_unique<Node>();
                node->kind = Node::IsUnknown;
                node->left = std::move(inner);
                return node;
            }
            return inner;
        }
        auto node = std::make_unique<Node>();
        if (word("exists")) {
            expect("(");
            enter();
            node->kind = Node::Exists;
            node->a = operand();
            if (node->a.kind != ContentPath::Operand::Path)
                fail(QStringLiteral("exists() takes a path"));
            expect(")");
            leave();
            return node;
        }
        node->a = operand();
        space();
        static const struct
        {
            const char *token;
            Node::Op op;
        } comparisons[] = {{"==", Node::Eq}, {"!=", Node::Ne}, {"<>", Node::Ne}, {"<=", Node::Le},
                           {">=", Node::Ge}, {"<", Node::Lt},  {">", Node::Gt}};
        for (const auto &c : comparisons) {
            if (take(c.token)) {
                node->kind = Node::Compare;
                node->op = c.op;
                node->b = operand();
                noArithmetic();
                return node;
            }
        }
        if (word("starts")) {
            if (!word("with"))
                fail(QStringLiteral("expected 'with' after 'starts'"));
            node->kind = Node::StartsWith;
            node->b = operand();
            if (node->b.kind != ContentPath::Operand::Literal ||
                node->b.literal.type != JsonNode::String)
                fail(QStringLiteral("'starts with' takes a string"));
            return node;
        }
        if (word("like_regex"))
            fail(QStringLiteral("like_regex is not supported"));
        if (peek() == '=')
            fail(QStringLiteral("'=' is not an operator; use '=='"));
        noArithmetic();
        node->kind = Node::Value;
        return node;
    }

    void noArithmetic()
    {
        space();
        if (peek() == '+' || peek() == '-' || peek() == '*' || peek() == '/' || peek() == '%')
            fail(QStringLiteral("arithmetic is not supported"));
    }

    ContentPath::Operand operand()
    {
        ContentPath::Operand result;
        space();
        const char c = peek();
        if (c == '$' || c == '@') {
            ++m_at;
            if (c == '$' && identChar(peek()))
                fail(QStringLiteral("variables ($name) are not supported"));
            if (c == '@' && m_filters == 0)
                fail(QStringLiteral("'@' is only allowed inside a filter"));
            result.fromRoot = c == '$';
            steps(&result.steps);
            return result;
        }
        result.kind = ContentPath::Operand::Literal;
        if (c == '"') {
            result.literal.type = JsonNode::String;
            result.literal.text = string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            result.literal.type = JsonNode::Number;
            result.literal.text = number();
        } else if (word("true")) {
            result.literal.type = JsonNode::True;
        } else if (word("false")) {
            result.literal.type = JsonNode::False;
        } else if (word("null")) {
            result.literal.type = JsonNode::Null;
        } else if (c == '\0') {
            fail(QStringLiteral("unexpected end of the path"));
        } else {
            fail(QStringLiteral("expected a path ($ or @) or a value"));
        }
        return result;
    }

    QByteArray string()
    {
        const qsizetype start = m_at;
        ++m_at;
        while (peek() != '"') {
            if (m_at >= m_text.size())
                fail(QStringLiteral("unterminated string"));
            m_at += peek() == '\\' ? 2 : 1;
        }
        ++m_at;
        QString error;
        const auto node =
            JsonTree::parse(QByteArrayView(m_text).sliced(start, m_at - start), &error, 0);
        if (!node) {
            m_at = start;
            fail(QStringLiteral("invalid string: %1").arg(error));
        }
        return node->text;
    }

    QByteArray number()
    {
        const qsizetype start = m_at;
        if (peek() == '-')
            ++m_at;
        while (identChar(peek()) || peek() == '.' ||
               ((peek() == '+' || peek() == '-') && m_at > start &&
                (peek(-1) == 'e' || peek(-1) == 'E')))
            ++m_at;
        const QByteArray text = m_text.mid(start, m_at - start);
        if (!JsonTree::isNumber(text)) {
            m_at = start;
            fail(QStringLiteral("invalid number '%1'").arg(QString::fromUtf8(text)));
        }
        return text;
    }

    qint64 integer()
    {
        space();
        const QByteArray text = number();
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok)
            fail(QStringLiteral("an array index must be an integer"));
        // Far beyond any array; keeps `last - n` free of overflow.
        return qBound<qint64>(-(qint64(1) << 40), value, qint64(1) << 40);
    }

    ContentPath::Step::Bound bound()
    {
        ContentPath::Step::Bound b;
        if (word("last")) {
            b.last = true;
            if (take("-"))
                b.offset = integer();
            return b;
        }
        space();
        if (peek() != '-' && !(peek() >= '0' && peek() <= '9'))
            fail(QStringLiteral("expected an array index, '*' or 'last'"));
        b.offset = integer();
        return b;
    }

    void steps(std::vector<ContentPath::Step> *out)
    {
        for (;;) {
            space();
            ContentPath::Step step;
            if (peek() == '.') {
                ++m_at;
                space();
                if (peek() == '*') {
                    ++m_at;
                    if (peek() == '*')
                        fail(QStringLiteral(".** (any level) is not supported"));
                    step.kind = ContentPath::Step::AnyMember;
                } else if (peek() == '"') {
                    step.name = string();
                } else if (identChar(peek())) {
                    const qsizetype start = m_at;
                    while (identChar(peek()))
                        ++m_at;
                    step.name = m_text.mid(start, m_at - start);
                    space();
                    if (peek() == '(')
                        fail(QStringLiteral("item methods such as .%1() are not supported")
                                 .arg(QString::fromUtf8(step.name)));
                } else {
                    fail(QStringLiteral("expected a member name after '.'"));
                }
            } else if (peek() == '[') {
                ++m_at;
                if (take("*")) {
                    step.kind = ContentPath::Step::AnyIndex;
                } else {
                    step.kind = ContentPath::Step::Indexes;
                    do {
                        ContentPath::Step::Range range;
                        range.from = bound();
                        range.to = word("to") ? bound() : range.from;
                        step.ranges.push_back(range);
                    } while (take(","));
                }
                expect("]");
            } else if (peek() == '?') {
                ++m_at;
                expect("(");
                enter();
                ++m_filters;
                step.kind = ContentPath::Step::Filter;
                step.filter = predicate(orExpr());
                --m_filters;
                expect(")");
                leave();
            } else {
                return;
            }
            out->push_back(std::move(step));
        }
    }

    const QByteArray &m_text;
    qsizetype m_at = 0;
    int m_depth = 0;
    int m_filters = 0;
};

} // namespace

ContentPath::ContentPath() = default;
ContentPath::~ContentPath() = default;
ContentPath::ContentPath(ContentPath &&) noexcept = default;
ContentPath &ContentPath::operator=(ContentPath &&) noexcept = default;

std::optional<ContentPath> ContentPath::parse(const QString &text, QString *error)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > kMaxLength) {
        *error = QStringLiteral("content-path is longer than %1 bytes").arg(kMaxLength);
        return std::nullopt;
    }
    if (text.trimmed().isEmpty()) {
        *error = QStringLiteral("content-path is empty");
        return std::nullopt;
    }
    try {
        ContentPath path;
        path.m_root = Parser(utf8).top();
        return path;
    } catch (const SyntaxError &e) {
        *error = QStringLiteral("content-path: %1 at offset %2").arg(e.message).arg(e.at);
        return std::nullopt;
    }
}
