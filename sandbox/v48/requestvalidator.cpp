#include "requestvalidator.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace {
// valijson compares multipleOf in binary floating point, so 19.99 / 0.01 fails; such
// constraints are removed before compiling and checked after with a decimal tolerance.
void stripFractionalMultipleOf(nlohmann::json &schema, std::vector<nlohmann::json *> *owners)
{
    if (schema.is_object()) {
        const auto it = schema.find("multipleOf");
        if (it != schema.end() && it->is_number() &&
            std::floor(it->get<double>()) != it->get<double>())
            owners->push_back(&schema);
        for (auto &[key, value] : schema.items())
            stripFractionalMultipleOf(value, owners);
    } else if (schema.is_array()) {
        for (auto &value : schema)
            stripFractionalMultipleOf(value, owners);
    }
}

// Whether `value` is a multiple of `divisor` when both are read as decimals.
bool decimalMultiple(double value, double divisor)
{
    const double ratio = value / divisor;
    return std::fabs(ratio - std::round(ratio)) < 1e-9 * std::max(1.0, std::fabs(ratio));
}

struct Compiled
{
    valijson::Schema schema;
};

std::shared_ptr<Compiled> compile(const QJsonObject &schema)
{
    static QHash<QByteArray, std::shared_ptr<Compiled>> cache;
    const QByteArray text = QJsonDocument(schema).toJson(QJsonDocument::Compact);
    const QByteArray key = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    if (const auto it = cache.constFind(key); it != cache.cend())
        return it.value();
    std::shared_ptr<Compiled> compiled;
    try {
        nlohmann::json json =
            nlohmann::json::parse(text.constData(), text.constData() + text.size());
        std::vector<nlohmann::json *> owners;
        stripFractionalMultipleOf(json, &owners);
        for (nlohmann::json *owner : owners)
            owner->erase("multipleOf");
        compiled = std::make_shared<Compiled>();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::NlohmannJsonAdapter adapter(json);
        parser.populateSchema(adapter, compiled->schema);
    } catch (const std::exception &) {
        compiled.reset(); // not held against requests
    }
    cache.insert(key, compiled);
    return compiled;
}

// Fractional multipleOf constraints of properties, checked by member name wherever it occurs.
void collectFractional(const nlohmann::json &schema,
                       std::vector<std::pair<std::string, double>> *out)
{
    if (schema.is_object()) {
        const auto properties = schema.find("properties");
        if (properties != schema.end() && properties->is_object()) {
            for (const auto &[name, property] : properties->items()) {
                const auto multiple = property.find("multipleOf");
                if (property.is_object() && multiple != property.end() && multiple->is_number() &&
                    std::floor(multiple->get<double>()) != multiple->get<double>())
                    out->emplace_back(name, multiple->get<double>());
            }
        }
        for (const auto &[key, value] : schema.items())
            collectFractional(value, out);
    } else if (schema.is_array()) {
        for (const auto &value : schema)
            collectFractional(value, out);
    }
}

bool checkFractional(const nlohmann::json &value, const std::string &path,
                     const std::vector<std::pair<std::string, double>> &rules,
                     RequestValidator::Problem *problem)
{
    if (value.is_object()) {
        for (const auto &[name, member] : value.items()) {
            const std::string at = path.empty() ? name : path + "." + name;
            for (const auto &[ruleName, divisor] : rules) {
                if (ruleName == name && member.is_number() &&
                    !decimalMultiple(member.get<double>(), divisor)) {
                    problem->name = QString::fromStdString(at);
                    problem->message = QStringLiteral("must be a multiple of %1").arg(divisor);
                    problem->value = QString::fromStdString(member.dump());
                    return false;
                }
            }
            if (!checkFractional(member, at, rules, problem))
                return false;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!checkFractional(value[i], path + "[" + std::to_string(i) + "]", rules, problem))
                return false;
        }
    }
    return true;
}

nlohmann::json withoutNulls(const nlohmann::json &value)
{
    if (value.is_object()) {
        nlohmann::json result = nlohmann::json::object();
        for (const auto &[key, member] : value.items()) {
            if (!member.is_null())
                result[key] = withoutNulls(member);
        }
        return result;
    }
    if (value.is_array()) {
        nlohmann::json result = nlohmann::json::array();
        for (const auto &member : value)
            result.push_back(withoutNulls(member));
        return result;
    }
    return value;
}

// valijson's context is {"<root>", "[member]", "[0]", …}; clients want "member.0".
QString pathOf(const std::vector<std::string> &context)
{
    QStringList parts;
    for (const std::string &part : context) {
        QString text = QString::fromStdString(part);
        if (text == QLatin1String("<root>"))
            continue;
        if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
            text = text.mid(1, text.size() - 2);
        if (text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
            text = text.mid(1, text.size() - 2);
        parts << text;
    }
    return parts.join(QLatin1Char('.'));
}

const nlohmann::json *valueAt(const nlohmann::json &root, const std::vector<std::string> &context)
{
    const nlohmann::json *at = &root;
    for (const std::string &part : context) {
        QString text = QString::fromStdString(part);
        if (text == QLatin1String("<root>"))
            continue;
        text = text.mid(1, text.size() - 2);
        if (text.startsWith(QLatin1Char('"')))
            text = text.mid(1, text.size() - 2);
        if (at->is_object() && at->contains(text.toStdString())) {
            at = &(*at)[text.toStdString()];
        } else if (at->is_array()) {
            bool ok = false;
            const int index = text.toInt(&ok);
            if (!ok || index < 0 || std::size_t(index) >= at->size())
                return nullptr;
            at = &(*at)[std::size_t(index)];
        } else {
            return nullptr;
        }
    }
    return at;
}

bool check(const Compiled &compiled, const nlohmann::json &request,
           RequestValidator::Problem *problem)
{
    valijson::Validator validator;
    valijson::ValidationResults results;
    const valijson::adapters::NlohmannJsonAdapter adapter(request);
    try {
        if (validator.validate(compiled.schema, adapter, &results))
            return true;
    } catch (const std::exception &) {
        return true; // e.g. a pattern std::regex cannot compile: not the request's fault
    }
    // The deepest error names the member most precisely.
    valijson::ValidationResults::Error error;
    valijson::ValidationResults::Error best;
    bool first = true;
    while (results.popError(error)) {
        if (first || error.context.size() > best.context.size())
            best = error;
        first = false;
    }
    problem->name = pathOf(best.context);
    problem->message = QString::fromStdString(best.description);
    const nlohmann::json *value = valueAt(request, best.context);
    problem->value =
        value && !value->is_object() && !value->is_array()
            ? QString::fromStdString(value->is_string() ? value->get<std::string>() : value->dump())
            : QString();
    return false;
}
} // namespace

namespace RequestValidator {

bool validate(const QJsonObject &schema, const QByteArray &request, Problem *problem)
{
    // Qt's parser bounds the nesting depth, so a hostile request cannot exhaust the stack of
    // the recursive parsers below.
    QJsonParseError parseError;
    QJsonDocument::fromJson(request, &parseError);
    nlohmann::json document;
    try {
        if (parseError.error != QJsonParseError::NoError)
            throw std::runtime_error("not JSON");
        document = nlohmann::json::parse(request.constData(), request.constData() + request.size());
    } catch (const std::exception &) {
        *problem = {QString(), QStringLiteral("the request is not JSON"), QString()};
        return false;
    }
    const std::shared_ptr<Compiled> compiled = compile(schema);
    if (!compiled)
        return true;
    if (!check(*compiled, document, problem)) {
        Problem ignored;
        const nlohmann::json lenient = withoutNulls(document);
        if (lenient == document || !check(*compiled, lenient, &ignored))
            return false;
        document = lenient;
    }
    std::vector<std::pair<std::string, double>> rules;
    const QByteArray text = QJsonDocument(schema).toJson(QJsonDocument::Compact);
    collectFractional(nlohmann::json::parse(text.constData(), text.constData() + text.size()),
                      &rules);
    return checkFractional(document, {}, rules, problem);
}

} // namespace RequestValidator
