#include "schemaformchecker.h"

#include "schemaresolver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace ivcap {

namespace {
using Violation = SchemaValidator::Violation;

// valijson repeats a member's or item's failure at each enclosing level
bool isRelay(const QString &message)
{
    static const QRegularExpression relay(
        QStringLiteral("^(Failed to validate (item #|against schema associated with|against "
                       "additional|against child schema|against dependent)|Cannot validate item)"));
    return relay.match(message).hasMatch();
}

bool isAlternativeSummary(const QString &message)
{
    return message.contains(QLatin1String("oneOf")) || message.contains(QLatin1String("anyOf")) ||
           message.contains(QLatin1String("exactly one child schema"));
}

bool below(const QString &path, const QString &pointer)
{
    return path.startsWith(pointer + QLatin1Char('/'));
}
} // namespace

bool SchemaFormChecker::setSchema(const QJsonValue &schema,
                                  const SchemaValidator::Resolver &resolver)
{
    m_resolver = resolver;
    m_alternatives.clear();
    m_definitions = QJsonObject();
    const QJsonObject root = schema.toObject();
    for (const char *key : {"$defs", "definitions"}) {
        if (root.contains(QLatin1String(key)))
            m_definitions.insert(QLatin1String(key), root.value(QLatin1String(key)));
    }
    if (resolver)
        m_validator.setResolver(resolver);
    return m_validator.setSchema(schema);
}

const SchemaValidator *SchemaFormChecker::alternativeValidator(const SchemaFormNode *node)
{
    // the alternative as written, with the root's definitions so its `$ref`s still resolve
    QJsonObject alternative = node->schema;
    for (auto it = m_definitions.begin(); it != m_definitions.end(); ++it) {
        if (!alternative.contains(it.key()))
            alternative.insert(it.key(), it.value());
    }
    const QByteArray key = QJsonDocument(alternative).toJson(QJsonDocument::Compact);
    auto found = m_alternatives.find(key);
    if (found == m_alternatives.end()) {
        auto validator = std::make_shared<SchemaValidator>();
        if (m_resolver)
            validator->setResolver(m_resolver);
        validator->setSchema(SchemaResolver::forValidator(alternative));
        found = m_alternatives.insert(key, validator);
    }
    return found.value()->hasSchema() ? found.value().get() : nullptr;
}

QList<Violation> SchemaFormChecker::check(const SchemaFormNode *root)
{
    const QJsonValue document = root->toJson();
    QList<Violation> list = m_validator.validate(document.isUndefined() ? QJsonValue() : document);
    bool removed = false;
    // pre-order, so an outer choice is settled before the choices inside it
    QList<const SchemaFormNode *> nodes{root};
    QList<const SchemaFormNode *> numbers;
    while (!nodes.isEmpty()) {
        const SchemaFormNode *n = nodes.takeFirst();
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it)
            nodes.prepend(it->get());
        if (n->kind == SchemaFormNode::Kind::Number || n->kind == SchemaFormNode::Kind::Integer)
            numbers.append(n);
        if (n->alternatives.isEmpty() || !n->present || n->isNull)
            continue;
        const QString pointer = n->pointer();
        bool failed = false;
        for (qsizetype i = 0; i < list.size();) {
            const Violation &v = list.at(i);
            if (below(v.path, pointer) || (v.path == pointer && !isAlternativeSummary(v.message))) {
                list.removeAt(i);
                failed = true;
            } else {
                failed = failed || v.path == pointer;
                ++i;
            }
        }
        if (!failed)
            continue;
        const SchemaValidator *chosen = alternativeValidator(n);
        if (!chosen)
            continue;
        const QList<Violation> own = chosen->validate(n->toJson());
        removed = true;
        if (own.isEmpty())
            continue; // the summary stays: the value fits more than one alternative, or none
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const Violation &v) { return v.path == pointer; }),
                   list.end());
        for (const Violation &v : own)
            list.append({pointer + v.path, v.message});
    }
    for (const SchemaFormNode *n : std::as_const(numbers)) {
        if (!n->present || n->isNull || !n->value.isDouble())
            continue;
        const QString pointer = n->pointer();
        const double value = n->value.toDouble();
        const bool integral = value == double(qint64(value));
        if (integral && SchemaResolver::types(n->schema).contains(QLatin1String("integer"))) {
            // valijson 1.0's Qt adapter reads integers as int: beyond ±2^31 it calls them
            // "not an integer"
            const auto end = std::remove_if(list.begin(), list.end(), [&](const Violation &v) {
                return v.path == pointer && v.message.contains(QLatin1String("'type'"));
            });
            removed = removed || end != list.end();
            list.erase(end, list.end());
        }
        const QJsonValue divisor = n->schema.value(QLatin1String("multipleOf"));
        if (!divisor.isDouble() || divisor.toDouble() == double(qint64(divisor.toDouble())))
            continue; // valijson checks integral divisors exactly itself
        const QString d = SchemaResolver::numberText(divisor);
        const QString text =
            n->numberText.isEmpty() ? SchemaResolver::numberText(n->value) : n->numberText;
        if (SchemaResolver::isMultipleOf(text, d) == false)
            list.append({pointer, QStringLiteral("Must be a multiple of %1").arg(d)});
    }
    // relays repeat a cause shown at the field itself; without one (a cause this class
    // removed as mistaken) they say nothing either
    QList<Violation> shown;
    for (const Violation &v : std::as_const(list)) {
        if (!isRelay(v.message))
            shown.append(v);
    }
    if (shown.isEmpty() && !removed)
        return list;
    return shown;
}

} // namespace ivcap
