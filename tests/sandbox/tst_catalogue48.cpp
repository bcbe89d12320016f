// The v0.48 demo catalogue (resources/sandbox/demo-services-0.48.json) read from the sandbox's
// resources: every entry complete, every request schema sound for its draft, every example
// request valid and its mutations not, and the catalogue still covering the JSON Schema
// features of real IVCAP services that the request forms are built and tested against.
#include "cataloguecoverage.h"
#include "schemalint.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <cmath>

// valijson through its nlohmann::json adapter (nlohmann-json comes with libvalijson-dev): its
// Qt adapter reads integers through int, so it rejects valid requests with integers beyond
// 2^31 (seeds, byte counts) that IVCAP accepts.
#define VALIJSON_USE_EXCEPTIONS 1
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <memory>

namespace {
const QString kUuid =
    QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
const QSet<QString> kControllers = {
    "urn:ivcap:schema.service.rest.1", "urn:ivcap:schema.service.batch.1",
    "urn:ivcap:schema.service.argo.1", "urn:ivcap:schema.service.nextflow.1"};
const QSet<QString> kProductKinds = {"text-image", "csv", "json"};

bool matches(const QString &pattern, const QString &text)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(text).hasMatch();
}

// Every string anywhere in `value`.
void collectStrings(const QJsonValue &value, QStringList *out)
{
    if (value.isString())
        out->append(value.toString());
    for (const QJsonValue &v : value.toArray())
        collectStrings(v, out);
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        collectStrings(it.value(), out);
}

// The JSON types a (sub)schema admits, following $ref, allOf, anyOf and oneOf; empty when it
// does not say (anything goes).
QSet<QString> admittedTypes(const QJsonObject &root, const QJsonObject &schema, int depth = 0)
{
    QSet<QString> types;
    if (depth > 16)
        return types;
    if (schema.contains("$ref"))
        if (const auto target = schemalint::resolve(root, schema.value("$ref").toString()))
            types += admittedTypes(root, target->toObject(), depth + 1);
    const QJsonValue type = schema.value("type");
    for (const QJsonValue &t : type.isArray() ? type.toArray() : QJsonArray{type})
        if (t.isString())
            types.insert(t.toString() == "integer" ? QStringLiteral("number") : t.toString());
    for (const char *key : {"anyOf", "oneOf", "allOf"})
        for (const QJsonValue &branch : schema.value(key).toArray())
            types += admittedTypes(root, branch.toObject(), depth + 1);
    if (schema.contains("const") || schema.contains("enum")) {
        const QJsonArray values = schema.contains("enum") ? schema.value("enum").toArray()
                                                          : QJsonArray{schema.value("const")};
        for (const QJsonValue &v : values)
            types.insert(v.isString()   ? "string"
                         : v.isDouble() ? "number"
                         : v.isBool()   ? "boolean"
                                        : "other");
    }
    return types;
}

nlohmann::json valueOfType(const QString &type)
{
    if (type == "string")
        return "not-what-is-expected";
    if (type == "number")
        return 12345.5;
    if (type == "boolean")
        return true;
    if (type == "array")
        return nlohmann::json::array({nlohmann::json::array(), 7});
    return nlohmann::json{{"unexpected", true}};
}

// A compiled request schema. Compiling throws on a schema valijson cannot use.
class Validator
{
public:
    explicit Validator(const nlohmann::json &schema)
    {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::NlohmannJsonAdapter adapter(schema);
        parser.populateSchema(adapter, m_schema);
    }
    // valijson's messages, "<path>: <message>"; empty when `document` is valid.
    QStringList violations(const nlohmann::json &document) const
    {
        valijson::Validator validator;
        valijson::ValidationResults results;
        const valijson::adapters::NlohmannJsonAdapter adapter(document);
        validator.validate(m_schema, adapter, &results);
        QStringList found;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            QString path;
            for (const std::string &step : error.context)
                path += QString::fromStdString(step);
            found.append(path + ": " + QString::fromStdString(error.description));
        }
        return found;
    }
    bool isValid(const nlohmann::json &document) const
    {
        valijson::Validator validator;
        const valijson::adapters::NlohmannJsonAdapter adapter(document);
        return validator.validate(m_schema, adapter, nullptr);
    }

private:
    valijson::Schema m_schema;
};

std::unique_ptr<Validator> compile(const nlohmann::json &schema, QString *error)
{
    try {
        return std::make_unique<Validator>(schema);
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return nullptr;
    }
}
} // namespace

class TestCatalogue48 : public QObject
{
    Q_OBJECT

    QJsonArray m_services;
    nlohmann::json m_raw; // the same services, for valijson

    const nlohmann::json &rawSchema(int i) const
    {
        return m_raw.at(i).at("ai-tool").at("fn_schema");
    }
    const nlohmann::json &rawExample(int i) const
    {
        return m_raw.at(i).at("sandbox").at("example-request");
    }

    QJsonObject service(int i) const { return m_services.at(i).toObject(); }
    QJsonObject fnSchema(int i) const
    {
        return service(i).value("ai-tool").toObject().value("fn_schema").toObject();
    }
    QJsonObject example(int i) const
    {
        return service(i).value("sandbox").toObject().value("example-request").toObject();
    }
    void perService()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_services.size(); ++i)
            QTest::newRow(qPrintable(service(i).value("name").toString())) << i;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(QStringLiteral(":/sandbox/demo-services-0.48.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "the catalogue is not in the sandbox's resources");
        const QByteArray bytes = file.readAll();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
        m_services = doc.object().value("services").toArray();
        m_raw = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size())
                    .at("services");
        QCOMPARE(qsizetype(m_raw.size()), m_services.size());
        QVERIFY2(m_services.size() >= 30, qPrintable(QString::number(m_services.size())));
    }

    void entriesAreComplete()
    {
        QSet<QString> ids, names, toolIds;
        for (const QJsonValue &value : std::as_const(m_services)) {
            const QJsonObject s = value.toObject();
            const QString name = s.value("name").toString();
            QVERIFY2(!name.isEmpty(), "a service without a name");
            const QString id = s.value("id").toString();
            QVERIFY2(matches("urn:ivcap:service:" + kUuid, id), qPrintable(name + ": " + id));
            QVERIFY2(!ids.contains(id) && !names.contains(name), qPrintable(name + " repeats"));
            ids.insert(id);
            names.insert(name);
            QVERIFY2(!s.value("description").toString().isEmpty(), qPrintable(name));
            QVERIFY2(!s.value("tags").toArray().isEmpty(), qPrintable(name));
            for (const QJsonValue &tag : s.value("tags").toArray())
                QVERIFY2(matches("[a-z0-9][a-z0-9.-]*", tag.toString()), qPrintable(name));
            const QString controllerSchema = s.value("controller-schema").toString();
            QVERIFY2(kControllers.contains(controllerSchema), qPrintable(name));
            QCOMPARE(s.value("controller").toObject().value("$schema").toString(),
                     controllerSchema);
            QVERIFY2(s.value("policy").toString().startsWith("urn:ivcap:policy:"),
                     qPrintable(name));
            QVERIFY2(matches("urn:ivcap:account:" + kUuid, s.value("account").toString()),
                     qPrintable(name));

            const QJsonObject tool = s.value("ai-tool").toObject();
            QCOMPARE(tool.value("$schema").toString(),
                     QStringLiteral("urn:sd-core:schema.ai-tool.1"));
            QCOMPARE(tool.value("service-id").toString(), id);
            const QString toolName = tool.value("name").toString();
            QVERIFY2(matches("[a-z][a-z0-9_]*", toolName), qPrintable(name));
            QCOMPARE(tool.value("id").toString(), "urn:sd-core:ai-tool." + toolName);
            QVERIFY2(!toolIds.contains(toolName), qPrintable(name));
            toolIds.insert(toolName);
            QVERIFY2(tool.value("fn_signature").toString().startsWith(toolName + "("),
                     qPrintable(name));
            QVERIFY2(!tool.value("description").toString().isEmpty(), qPrintable(name));
            QVERIFY2(tool.value("fn_schema").isObject(), qPrintable(name));

            const QJsonObject box = s.value("sandbox").toObject();
            const int ms = box.value("duration-ms").toInt();
            QVERIFY2(ms >= 1000 && ms <= 6000, qPrintable(name));
            QVERIFY2(!box.value("steps").toArray().isEmpty(), qPrintable(name));
            for (const QJsonValue &step : box.value("steps").toArray())
                QVERIFY2(!step.toString().isEmpty(), qPrintable(name));
            QVERIFY2(matches("urn:sandbox:schema:[a-z0-9-]+\\.result\\.1",
                             box.value("result-schema").toString()),
                     qPrintable(name));
            QVERIFY2(!box.value("result").toString().isEmpty(), qPrintable(name));
            QVERIFY2(box.value("products").isArray(), qPrintable(name));
            for (const QJsonValue &p : box.value("products").toArray()) {
                QVERIFY2(kProductKinds.contains(p.toObject().value("kind").toString()),
                         qPrintable(name));
                QVERIFY2(!p.toObject().value("name").toString().isEmpty(), qPrintable(name));
            }
            QVERIFY2(box.value("example-request").isObject(), qPrintable(name));
            // The runner ends a job failed or in error when a string says so; examples succeed.
            QStringList strings;
            collectStrings(box.value("example-request"), &strings);
            QVERIFY2(!strings.contains("fail") && !strings.contains("error"), qPrintable(name));
        }
    }

    void schemaIsSoundForItsDraft_data() { perService(); }
    void schemaIsSoundForItsDraft()
    {
        QFETCH(int, index);
        const QJsonObject schema = fnSchema(index);
        const auto draft = schemalint::declaredDraft(schema);
        QVERIFY2(draft, qPrintable(schema.value("$schema").toString()));
        const QStringList problems = schemalint::lint(schema, *draft);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
        QCOMPARE(schema.value("type").toString(), QStringLiteral("object"));
        QString error;
        QVERIFY2(compile(rawSchema(index), &error), qPrintable(error));
    }

    void exampleRequestValidates_data() { perService(); }
    void exampleRequestValidates()
    {
        QFETCH(int, index);
        QString error;
        const auto validator = compile(rawSchema(index), &error);
        QVERIFY2(validator, qPrintable(error));
        const QStringList found = validator->violations(rawExample(index));
        QVERIFY2(found.isEmpty(), qPrintable(found.join("; ")));
        // The request names its schema, as the SDKs' requests do.
        const QJsonObject schemaProperty =
            fnSchema(index).value("properties").toObject().value("$schema").toObject();
        const QString urn = schemaProperty.contains("const")
                                ? schemaProperty.value("const").toString()
                                : schemaProperty.value("default").toString();
        QVERIFY2(!urn.isEmpty(), "no $schema property");
        QCOMPARE(example(index).value("$schema").toString(), urn);
    }

    void mutatedExampleDoesNotValidate_data() { perService(); }
    void mutatedExampleDoesNotValidate()
    {
        QFETCH(int, index);
        const QJsonObject schema = fnSchema(index);
        QString error;
        const auto validator = compile(rawSchema(index), &error);
        QVERIFY2(validator, qPrintable(error));
        const QJsonArray required = schema.value("required").toArray();
        QVERIFY2(!required.isEmpty(), "nothing is required, so no request can be incomplete");
        for (const QJsonValue &name : required) {
            nlohmann::json request = rawExample(index);
            QVERIFY2(request.erase(name.toString().toStdString()) == 1,
                     qPrintable("the example lacks required " + name.toString()));
            QVERIFY2(!validator->isValid(request), qPrintable("without " + name.toString()));
        }
        int retyped = 0;
        const QJsonObject properties = schema.value("properties").toObject();
        const QJsonObject original = example(index);
        for (auto it = original.begin(); it != original.end(); ++it) {
            const QSet<QString> admitted =
                admittedTypes(schema, properties.value(it.key()).toObject());
            if (admitted.isEmpty())
                continue;
            for (const QString type : {"string", "number", "boolean", "array", "object"}) {
                if (admitted.contains(type))
                    continue;
                nlohmann::json request = rawExample(index);
                request[it.key().toStdString()] = valueOfType(type);
                QVERIFY2(!validator->isValid(request), qPrintable(it.key() + " as " + type));
                ++retyped;
                break;
            }
        }
        QVERIFY(retyped > 0);
    }

    // pydantic (and so IVCAP) takes 19.99 as a multiple of 0.01; a binary-floating-point
    // remainder, as valijson computes it, does not. Defaults and examples are decimal multiples.
    void multiplesAreDecimalMultiples()
    {
        int checked = 0;
        for (int i = 0; i < m_services.size(); ++i) {
            schemalint::forEachSubschema(
                fnSchema(i), [&](const QString &at, const QJsonObject &node) {
                    if (!node.contains("multipleOf"))
                        return;
                    const double step = node.value("multipleOf").toDouble();
                    QJsonArray values = node.value("examples").toArray();
                    for (const char *key : {"default", "example"})
                        if (node.value(key).isDouble())
                            values.append(node.value(key));
                    for (const QJsonValue &v : values) {
                        const double q = v.toDouble() / step;
                        QVERIFY2(std::fabs(q - std::round(q)) < 1e-9, qPrintable(at));
                        ++checked;
                    }
                });
        }
        QVERIFY(checked > 0);
    }

    // So that the catalogue cannot quietly lose what the request forms are tested against.
    void coversWhatRealServicesUse()
    {
        const QStringList missing = cataloguecoverage::missing(m_services);
        QVERIFY2(missing.isEmpty(), qPrintable("not covered: " + missing.join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestCatalogue48)
#include "tst_catalogue48.moc"
