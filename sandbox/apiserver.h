#pragma once

#include "oauthroutes.h"

#include <QAbstractHttpServer>
#include <QString>

class Store;
class ServiceRoutes;
class OrderRoutes;
class ArtifactRoutes;
class MetadataRoutes;
class QHttpServerResponse;
struct Faults;

// Checks the bearer token and dispatches on the path ourselves: the 6.4 router cannot express
// "full URN or bare uuid" segments and does not route every method we need.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(Store *store, ServiceRoutes *services, OrderRoutes *orders, ArtifactRoutes *artifacts,
              MetadataRoutes *metadata, QString token, QObject *parent = nullptr);

    // Fault switches for client tests; none by default.
    void setFaults(Faults *faults) { m_faults = faults; }
    // How the loopback identity provider answers the device flow.
    void setIdentityProviderOptions(const OAuthRoutes::Options &options)
    {
        m_oauth.setOptions(options);
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QHttpServerResponse dispatch(const QHttpServerRequest &request);
    QHttpServerResponse authInfo(const QHttpServerRequest &request) const;

    Store *m_store;
    ServiceRoutes *m_services;
    OrderRoutes *m_orders;
    ArtifactRoutes *m_artifacts;
    MetadataRoutes *m_metadata;
    QString m_token;
    OAuthRoutes m_oauth;
    Faults *m_faults = nullptr;
};
