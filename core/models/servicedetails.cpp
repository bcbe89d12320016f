#include "servicedetails.h"

#include "api/apicalls.h"
#include "jsonfields.h"
#include "parametermodel.h"

namespace ivcap {

ServiceDetails::ServiceDetails(Connection *connection, const QString &serviceId, QObject *parent)
    : EntityDetails(connection, serviceId, parent), m_parameters(new ParameterModel(this))
{}

QString ServiceDetails::providerId() const
{
    return json::refId(raw(), QLatin1String("provider"));
}

QString ServiceDetails::accountId() const
{
    return json::refId(raw(), QLatin1String("account"));
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

} // namespace ivcap
