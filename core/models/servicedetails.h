#pragma once

#include "entitydetails.h"

#include <QJsonArray>

namespace ivcap {

class ParameterModel;

// A service and the model of its parameter definitions, for the detail pane and the order form.
class ServiceDetails : public EntityDetails
{
    Q_OBJECT
public:
    ServiceDetails(Connection *connection, const QString &serviceId, QObject *parent = nullptr);

    QString name() const { return field(QLatin1String("name")); }
    QString description() const { return field(QLatin1String("description")); }
    QString providerId() const;
    QString accountId() const;
    QStringList tags() const;
    QJsonArray parameterDefinitions() const;
    // Updated in place (dataChanged) when a reload brings the same parameter list.
    ParameterModel *parameterModel() const { return m_parameters; }

protected:
    ApiRequest *makeRequest() override;
    void recordChanged() override;

private:
    ParameterModel *m_parameters;
};

} // namespace ivcap
