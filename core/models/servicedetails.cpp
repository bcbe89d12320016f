#include "servicedetails.h"

#include "api/apicalls.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "jsonfields.h"
#include "parametermodel.h"

namespace ivcap {

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
    m_parameters->setDefinitions(parameterDefinitions());
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
        Q_EMIT requestSchemaLoaded(!m_requestSchema.isEmpty());
    });
    connect(request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_schemaError = error;
        Q_EMIT requestSchemaLoaded(false);
    });
    request->start();
}

} // namespace ivcap
