#include "schemavalidator.h"

#include <QJsonArray>
#include <QJsonObject>

// valijson aborts the process on a bad schema unless exceptions are enabled; this is the only
// translation unit that includes it, so the setting cannot disagree between units.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <exception>

namespace ivcap {

struct SchemaValidator::Private
{
    valijson::Schema schema;
};

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

bool SchemaValidator::setSchema(const QJsonValue &schema, Draft draft)
{
    d.reset();
    m_error.clear();
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
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    const valijson::adapters::QtJsonAdapter target(document);
    QList<Violation> list;
    try {
        if (validator.validate(d->schema, target, &results))
            return {};
    } catch (const std::exception &e) {
        // e.g. a `pattern` that std::regex cannot compile
        return {{QString(), QString::fromStdString(e.what())}};
    }
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
