#include "schemavalidator.h"

#include "aspect/jsonpath.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <QUrl>

// valijson aborts the process on a bad schema unless exceptions are enabled; this is the only
// translation unit that includes it, so the setting cannot disagree between units.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "decimaltext.h"
#include "exactjsonadapter.hpp"

// multipleOf is defined on the mathematical value (JSON Schema validation §6.2.1), which
// valijson approximates with a binary remainder, so 19.99 was no multiple of 0.01. Documents
// are validated through IvcapJsonAdapter, whose visitor checks multipleOf here in decimal:
// the value's and the divisor's shortest decimal text (what was written, for any number of up
// to 15 significant digits) are divided exactly. These explicit specialisations must come
// before the first use of the visitor.
namespace valijson {
namespace {
bool exactMultipleOf(const adapters::IvcapJsonAdapter &target, const QString &divisor,
                     ValidationResults *results, const std::vector<std::string> &context)
{
    double value = 0;
    if (!target.isNumber() || !target.getDouble(value))
        return true; // multipleOf applies to numbers only
    const auto multiple =
        ivcap::decimal::isMultipleOf(ivcap::decimal::shortestText(value), divisor);
    if (multiple.value_or(true)) // out of proportion: do not invent a violation
        return true;
    if (results)
        results->pushError(context, "Value should be a multiple of " + divisor.toStdString());
    return false;
}
} // namespace

template <>
bool ValidationVisitor<adapters::IvcapJsonAdapter>::visit(
    const constraints::MultipleOfDoubleConstraint &constraint)
{
    return exactMultipleOf(m_target, ivcap::decimal::shortestText(constraint.getDivisor()),
                           m_results, m_context);
}

template <>
bool ValidationVisitor<adapters::IvcapJsonAdapter>::visit(
    const constraints::MultipleOfIntConstraint &constraint)
{
    return exactMultipleOf(m_target, QString::number(constraint.getDivisor()), m_results,
                           m_context);
}
} // namespace valijson

#include <exception>
#include <functional>
#include <memory>

namespace ivcap {

struct SchemaValidator::Private
{
    valijson::Schema schema;
    bool usesRegex = false;
};

namespace {
// libstdc++'s std::regex, which valijson 1.0 uses for `pattern`, `patternProperties` and some
// `format`s, recurses for every state it passes along a match: the depth grows with the length
// of the text times the size of the pattern, and long text overflowed a normal 8 MiB stack.
// Validation against such a schema therefore runs on a thread with a large stack (address
// space; only the pages used are committed), and text and patterns beyond these bounds are
// refused instead of matched.
constexpr qsizetype kMaxRegexText = 4096;
constexpr qsizetype kMaxPattern = 256;
constexpr uint kValijsonStackBytes = 256u << 20;

// Whether a repeated group holds a repetition or an alternation, as in (a+)+, ((a|b)?)* or
// (a|a)*: std::regex backtracks through every way of splitting the text between them, which
// takes exponential time on a text that almost matches.
bool hasNestedRepetition(const QString &pattern)
{
    QList<bool> repeats{false}; // per open group: whether something inside repeats or branches
    const auto isQuantifier = [&](qsizetype i) {
        if (i >= pattern.size())
            return false;
        const QChar c = pattern.at(i);
        return c == QLatin1Char('*') || c == QLatin1Char('+') || c == QLatin1Char('?') ||
               c == QLatin1Char('{');
    };
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('[')) {
            for (++i; i < pattern.size() && pattern.at(i) != QLatin1Char(']'); ++i) {
                if (pattern.at(i) == QLatin1Char('\\'))
                    ++i;
            }
        } else if (c == QLatin1Char('(')) {
            repeats.append(false);
            if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('?'))
                ++i; // (?: (?= (?! are group kinds, not quantifiers
        } else if (c == QLatin1Char(')') && repeats.size() > 1) {
            const bool inner = repeats.takeLast();
            const bool repeated = isQuantifier(i + 1);
            if (inner && repeated)
                return true;
            repeats.last() = repeats.last() || inner || repeated;
        } else if (isQuantifier(i) || c == QLatin1Char('|')) {
            repeats.last() = true;
        }
    }
    return false;
}

void onLargeStack(const std::function<void()> &work)
{
    std::unique_ptr<QThread> thread(QThread::create(work));
    thread->setStackSize(kValijsonStackBytes);
    thread->start();
    thread->wait();
}

// The JSON pointer of the first string or member name longer than kMaxRegexText, if any.
std::optional<QString> overlongText(const QJsonValue &value, const QString &path)
{
    if (value.isString())
        return value.toString().size() > kMaxRegexText ? std::optional<QString>(path)
                                                       : std::nullopt;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto found =
                    overlongText(array.at(i), path + QLatin1Char('/') + QString::number(i)))
                return found;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString member = path + QLatin1Char('/') + jsonpath::escapeToken(it.key());
            if (it.key().size() > kMaxRegexText)
                return member;
            if (auto found = overlongText(it.value(), member))
                return found;
        }
    }
    return std::nullopt;
}
} // namespace

SchemaValidator::SchemaValidator() = default;
SchemaValidator::~SchemaValidator() = default;

void SchemaValidator::setResolver(Resolver resolver)
{
    m_resolver = std::move(resolver);
}

SchemaValidator::Draft SchemaValidator::detectDraft(const QJsonValue &schema)
{
    const QString uri = schema.toObject().value(QLatin1String("$schema")).toString();
    if (uri.contains(QLatin1String("draft-04")))
        return Draft::Draft4;
    if (uri.contains(QLatin1String("draft-06")))
        return Draft::Draft6;
    return Draft::Draft7;
}

namespace {
// The node a JSON pointer ("", "/a/0", "/a~1b") names in `doc`, or nullopt.
std::optional<QJsonValue> atPointer(const QJsonValue &doc, const QString &pointer)
{
    if (!pointer.isEmpty() && !pointer.startsWith(QLatin1Char('/')))
        return std::nullopt; // a plain-name fragment (an anchor), not a pointer
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

// valijson recurses without end (a stack overflow) on a `$ref` that leads back to itself
// through nothing but other `$ref`s: {"$ref": "#"}, two definitions naming each other, or
// documents of the resolver doing the same. Recursion through a real schema (a property
// whose schema is the root) is fine and not reported. Returns the ref that closes a cycle.
struct RegexUse
{
    bool any = false;
    qsizetype longestPattern = 0;
    QString costly; // a pattern with nested repetition
};

// Also tells how the documents use keywords valijson checks with std::regex.
std::optional<QString> refCycle(const QJsonValue &root, const SchemaValidator::Resolver &resolver,
                                RegexUse *regex)
{
    QHash<QString, std::optional<QJsonValue>> documents{{QString(), root}};
    QList<QString> toScan{QString()};
    const auto documentFor = [&](const QString &uri) -> std::optional<QJsonValue> {
        if (!documents.contains(uri)) {
            documents.insert(uri, resolver ? resolver(uri) : std::nullopt);
            toScan.append(uri);
        }
        return documents.value(uri);
    };
    // Follows one chain of refs from `node` (in document `uri`).
    const auto followsBack = [&](QString uri, QJsonValue node) -> std::optional<QString> {
        QSet<QString> seen;
        while (node.isObject() && node.toObject().value(QLatin1String("$ref")).isString()) {
            const QString ref = node.toObject().value(QLatin1String("$ref")).toString();
            const qsizetype hash = ref.indexOf(QLatin1Char('#'));
            const QString target = hash < 0 ? ref : ref.left(hash);
            if (!target.isEmpty())
                uri = target;
            const auto doc = documentFor(uri);
            if (!doc)
                return std::nullopt; // valijson reports an unknown document itself
            const QString key = uri + QLatin1Char('#') + (hash < 0 ? QString() : ref.mid(hash + 1));
            if (seen.contains(key))
                return ref;
            seen.insert(key);
            const auto next = atPointer(*doc, hash < 0 ? QString() : ref.mid(hash + 1));
            if (!next)
                return std::nullopt;
            node = *next;
        }
        return std::nullopt;
    };
    while (!toScan.isEmpty()) {
        const QString uri = toScan.takeFirst();
        const std::optional<QJsonValue> document = documents.value(uri);
        if (!document)
            continue; // unknown to the resolver: valijson reports it when it parses
        QList<QJsonValue> nodes{*document};
        while (!nodes.isEmpty()) {
            const QJsonValue node = nodes.takeLast();
            if (node.isObject()) {
                const QJsonObject o = node.toObject();
                if (o.contains(QLatin1String("format")))
                    regex->any = true;
                QStringList patterns =
                    o.value(QLatin1String("patternProperties")).toObject().keys();
                if (o.value(QLatin1String("pattern")).isString())
                    patterns.append(o.value(QLatin1String("pattern")).toString());
                for (const QString &pattern : std::as_const(patterns)) {
                    regex->any = true;
                    regex->longestPattern = qMax(regex->longestPattern, pattern.size());
                    if (regex->costly.isEmpty() && hasNestedRepetition(pattern))
                        regex->costly = pattern;
                }
                if (const auto cycle = followsBack(uri, node))
                    return cycle;
                for (const QJsonValue &child : node.toObject())
                    nodes.append(child);
            } else if (node.isArray()) {
                for (const QJsonValue &child : node.toArray())
                    nodes.append(child);
            }
        }
    }
    return std::nullopt;
}
} // namespace

bool SchemaValidator::setSchema(const QJsonValue &schema, Draft draft)
{
    d.reset();
    m_error.clear();
    RegexUse regex;
    if (const auto cycle = refCycle(schema, m_resolver, &regex)) {
        m_error = QStringLiteral("$ref \"%1\" refers back to itself").arg(*cycle);
        return false;
    }
    if (regex.longestPattern > kMaxPattern) {
        m_error = QStringLiteral("a pattern is longer than %1 characters").arg(kMaxPattern);
        return false;
    }
    if (!regex.costly.isEmpty()) {
        m_error = QStringLiteral("the pattern \"%1\" repeats a repetition, which can take "
                                 "exponential time to check")
                      .arg(regex.costly);
        return false;
    }
    if (draft == Draft::Auto)
        draft = detectDraft(schema);
    // valijson 1.0 knows drafts 3, 4 and 7. Draft 6 is close to a subset of draft 7 (7 only
    // adds if/then/else and a few formats), so its parser is the best fit.
    const auto version =
        draft == Draft::Draft4 ? valijson::SchemaParser::kDraft4 : valijson::SchemaParser::kDraft7;
    auto p = std::make_unique<Private>();
    valijson::SchemaParser parser(version);
    const valijson::adapters::QtJsonAdapter adapter(schema);
    try {
        if (m_resolver) {
            const Resolver resolver = m_resolver;
            auto fetch = [resolver](const std::string &uri) -> const QJsonValue * {
                const auto doc = resolver(QString::fromStdString(uri));
                return doc ? new QJsonValue(*doc) : nullptr;
            };
            auto release = [](const QJsonValue *doc) { delete doc; };
            parser.populateSchema(adapter, p->schema, fetch, release);
        } else {
            parser.populateSchema(adapter, p->schema);
        }
    } catch (const std::exception &e) {
        m_error = QString::fromStdString(e.what());
        return false;
    }
    p->usesRegex = regex.any;
    d = std::move(p);
    return true;
}

bool SchemaValidator::hasSchema() const
{
    return d != nullptr;
}

namespace {
// valijson reports paths as ["<root>", "[name]", "[0]", ...] which cannot tell an array index
// from a member named "0"; walking the document alongside resolves that.
QString pointerFor(const std::vector<std::string> &context, const QJsonValue &document)
{
    QString pointer;
    QJsonValue node = document;
    for (size_t i = 1; i < context.size(); ++i) {
        QString token = QString::fromStdString(context[i]);
        if (token.startsWith(QLatin1Char('[')) && token.endsWith(QLatin1Char(']')))
            token = token.mid(1, token.size() - 2);
        if (node.isArray()) {
            node = node.toArray().at(token.toInt());
        } else {
            node = node.toObject().value(token);
        }
        token.replace(QLatin1Char('~'), QLatin1String("~0"))
            .replace(QLatin1Char('/'), QLatin1String("~1"));
        pointer += QLatin1Char('/') + token;
    }
    return pointer;
}
} // namespace

QList<SchemaValidator::Violation> SchemaValidator::validate(const QJsonValue &document) const
{
    if (!d)
        return {{QString(), m_error.isEmpty() ? QStringLiteral("No schema") : m_error}};
    if (d->usesRegex) {
        if (const auto path = overlongText(document, QString()))
            return {{*path, QStringLiteral("Text longer than %1 characters cannot be checked "
                                           "against the schema's patterns")
                                .arg(kMaxRegexText)}};
    }
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    const valijson::adapters::IvcapJsonAdapter target(document);
    bool valid = false;
    std::optional<QString> failure;
    const auto run = [&] {
        try {
            valid = validator.validate(d->schema, target, &results);
        } catch (const std::exception &e) {
            // e.g. a `pattern` that std::regex cannot compile
            failure = QString::fromStdString(e.what());
        }
    };
    // Patterns are compiled and matched only here, so only here is the large stack needed.
    if (d->usesRegex)
        onLargeStack(run);
    else
        run();
    if (failure)
        return {{QString(), *failure}};
    if (valid)
        return {};
    QList<Violation> list;
    valijson::ValidationResults::Error error;
    while (results.popError(error))
        list.append(
            {pointerFor(error.context, document), QString::fromStdString(error.description)});
    if (list.isEmpty()) // a failure must never look like success to the caller
        list.append({QString(), QStringLiteral("Document does not match the schema")});
    return list;
}

bool SchemaValidator::isValid(const QJsonValue &document) const
{
    return validate(document).isEmpty();
}

} // namespace ivcap
