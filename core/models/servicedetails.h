#pragma once

#include "entitydetails.h"

#include <QJsonArray>

namespace ivcap {

class ParameterModel;

// A service and the model of its parameter definitions, for the detail pane and the order form.
// Read from the connection dialect's path (/1/services2/{id} where there are jobs). Where the
// deployment has the datafabric, the service's request schema (a JSON Schema: the `fn_schema`
// of its `urn:sd-core:schema.ai-tool.1` aspect, PROTOCOL-0.48 §2.1) is read after the record.
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
    // The record's `parameters` (v0.28 ParameterDefT objects); empty for v0.48 services.
    QJsonArray parameterDefinitions() const;
    // The members of a request schema as ParameterDefT-shaped definitions, so a service that
    // describes its requests with a JSON Schema reads like one with parameters: `title` as
    // label, the first non-null type (of `type` or an `anyOf`) as int, float, bool, option
    // (an `enum`), artifact (an artifact URN pattern) or string, the default as text, and a
    // member absent from `required` as optional. The constant `$schema` member is left out.
    static QJsonArray parametersOfSchema(const QJsonObject &schema);
    // `active`, `inactive`, `error`, or whatever else the server says; empty on v0.28.
    QString status() const { return field(QLatin1String("status")); }
    QString controllerSchema() const { return field(QLatin1String("controller-schema")); }
    // The JSON Schema of the service's requests; empty until read, or when it has none.
    QJsonObject requestSchema() const { return m_requestSchema; }
    // The id of the aspect the request schema came from.
    QString requestSchemaAspectId() const { return m_requestSchemaAspect; }

    static constexpr QLatin1String RequestSchemaAspect{"urn:sd-core:schema.ai-tool.1"};
    // Updated in place (dataChanged) when a reload brings the same parameter list.
    ParameterModel *parameterModel() const { return m_parameters; }

Q_SIGNALS:
    // The request schema was read: `found` is false when the service has none. A failure
    // to read it is reported here too (found false, the error in requestSchemaError()).
    void requestSchemaLoaded(bool found);

public:
    ApiError requestSchemaError() const { return m_schemaError; }

protected:
    ApiRequest *makeRequest() override;
    void recordChanged() override;
    void readFinished(bool changedRecord) override;

private:
    void loadRequestSchema();
    void showParameters();

    ParameterModel *m_parameters;
    QPointer<ApiRequest> m_schemaRequest;
    QJsonObject m_requestSchema;
    QString m_requestSchemaAspect;
    ApiError m_schemaError;
    bool m_schemaRead = false;
};

} // namespace ivcap
