#include "servicedetails.h"

#include "api/apicalls.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "forms/schemaformnode.h"
#include "jsonfields.h"
#include "parametermodel.h"

#include <QJsonDocument>

namespace ivcap {

namespace {
// The first type a member allows other than null (pydantic writes Optional[X] as an anyOf).
QString firstType(const QJsonObject &member)
{
    const QJsonValue type = member.value(QLatin1String("type"));
    QJsonArray types = type.isArray() ? type.toArray() : QJsonArray{type};
    for (const QJsonValue &t : types) {
        if (t.isString() && t.toString() != QLatin1String("null"))
            return t.toString();
    }
    for (const QJsonValue &branch : member.value(QLatin1String("anyOf")).toArray()) {
        const QString t = firstType(branch.toObject());
        if (!t.isEmpty())
            return t;
    }
    return {};
}

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

// The member's enum, also inside an anyOf branch.
QJsonArray enumOf(const QJsonObject &member)
{
    if (member.contains(QLatin1String("enum")))
        return member.value(QLatin1String("enum")).toArray();
    for (const QJsonValue &branch : member.value(QLatin1String("anyOf")).toArray()) {
        const QJsonArray values = enumOf(branch.toObject());
        if (!values.isEmpty())
            return values;
    }
    return {};
}

bool namesArtifacts(const QJsonObject &member)
{
    if (member.value(QLatin1String("pattern"))
            .toString()
            .startsWith(QLatin1String("^urn:ivcap:artifact:")))
        return true;
    for (const QJsonValue &branch : member.value(QLatin1String("anyOf")).toArray()) {
        if (namesArtifacts(branch.toObject()))
            return true;
    }
    return false;
}
} // namespace

QJsonArray ServiceDetails::parametersOfSchema(const QJsonObject &schema)
{
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    const QJsonArray required = schema.value(QLatin1String("required")).toArray();
    QJsonArray definitions;
    for (const QString &name : SchemaFormBuilder::propertyOrder(schema)) {
        if (name == QLatin1String("$schema"))
            continue;
        const QJsonObject member = properties.value(name).toObject();
        const QString type = firstType(member);
        const QJsonArray values = enumOf(member);
        QJsonObject definition{
            {QStringLiteral("name"), name},
            {QStringLiteral("label"), member.value(QLatin1String("title")).toString()},
            {QStringLiteral("description"), member.value(QLatin1String("description")).toString()},
            {QStringLiteral("default"), valueText(member.value(QLatin1String("default")))},
            {QStringLiteral("optional"), !required.contains(QJsonValue(name))},
            {QStringLiteral("constant"), member.contains(QLatin1String("const"))}};
        QString kind = QStringLiteral("string");
        if (!values.isEmpty())
            kind = QStringLiteral("option");
        else if (type == QLatin1String("integer"))
            kind = QStringLiteral("int");
        else if (type == QLatin1String("number"))
            kind = QStringLiteral("float");
        else if (type == QLatin1String("boolean"))
            kind = QStringLiteral("bool");
        else if (namesArtifacts(member))
            kind = QStringLiteral("artifact");
        definition.insert(QStringLiteral("type"), kind);
        QJsonArray options;
        for (const QJsonValue &value : values)
            options.append(QJsonObject{{QStringLiteral("value"), valueText(value)}});
        if (!options.isEmpty())
            definition.insert(QStringLiteral("options"), options);
        definitions.append(definition);
    }
    return definitions;
}

ServiceDetails::ServiceDetails(Connection *connection, const QString &serviceId, QObject *parent)
    : EntityDetails(connection, serviceId, parent), m_parameters(new ParameterModel(this))
{}

QString ServiceDetails::providerId() const
{
    return Dialect::reference(raw(), QLatin1String("provider"));
}

QString ServiceDetails::accountId() const
{
    return Dialect::reference(raw(), QLatin1String("account"));
}

QStringList ServiceDetails::tags() const
{
    QStringList result;
    for (const QJsonValue &tag : raw().value(QLatin1String("tags")).toArray()) {
        if (tag.isString())
            result.append(tag.toString());
    }
    return result;
}

QJsonArray ServiceDetails::parameterDefinitions() const
{
    return raw().value(QLatin1String("parameters")).toArray();
}

ApiRequest *ServiceDetails::makeRequest()
{
    return Api::readService(connection(), id(), this);
}

void ServiceDetails::recordChanged()
{
    showParameters();
}

void ServiceDetails::showParameters()
{
    // A service without a parameter list shows the members of its request schema instead.
    const QJsonArray definitions = parameterDefinitions();
    m_parameters->setDefinitions(definitions.isEmpty() && !m_requestSchema.isEmpty()
                                     ? parametersOfSchema(m_requestSchema)
                                     : definitions);
}

void ServiceDetails::readFinished(bool changedRecord)
{
    if (changedRecord || !m_schemaRead)
        loadRequestSchema();
}

void ServiceDetails::loadRequestSchema()
{
    if (!connection() || !connection()->dialect().hasAspects() || m_schemaRequest)
        return;
    // What the SDK and the CLI do: the newest active aspect of that schema on the service.
    ListQuery query;
    query.entityId = id();
    query.schemaPrefix = RequestSchemaAspect;
    query.limit = 2;
    ApiRequest *request = Api::listEntities(connection(), EntityKind::Aspects, query, {}, this);
    m_schemaRequest = request;
    connect(request, &ApiRequest::finished, this, [this](const QJsonDocument &doc) {
        m_schemaRead = true;
        m_schemaError = ApiError();
        const QJsonObject first = connection()
                                      ->dialect()
                                      .pageItems(EntityKind::Aspects, doc.object(), {}, nullptr)
                                      .at(0)
                                      .toObject();
        const QJsonObject content = first.value(QLatin1String("content")).toObject();
        m_requestSchema = content.value(QLatin1String("fn_schema")).toObject();
        m_requestSchemaAspect = first.value(QLatin1String("id")).toString();
        showParameters();
        Q_EMIT requestSchemaLoaded(!m_requestSchema.isEmpty());
    });
    connect(request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_schemaError = error;
        Q_EMIT requestSchemaLoaded(false);
    });
    request->start();
}

} // namespace ivcap
