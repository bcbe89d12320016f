#pragma once

#include "oauthroutes.h"
#include "routetable.h"

#include <QAbstractHttpServer>
#include <QString>

class QHttpServerResponse;
struct Faults;

// Checks the bearer token and dispatches on the path ourselves (the 6.4 router cannot express
// "full URN or bare uuid" segments and does not route every method we need) to the route table
// of the dialect this sandbox speaks. The OpenAPI document, /1/authinfo.yaml and the loopback
// identity provider are the same in both dialects and need no token.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(const RouteTable *routes, QString token, QObject *parent = nullptr);

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
    QHttpServerResponse dispatch(Exchange &exchange);
    QHttpServerResponse authInfo(const QHttpServerRequest &request) const;
    // The path segments after "/1/", or nullopt when the path is not an API path. v0.28 splits
    // the decoded path (as it always did); v0.48 splits first and then decodes each segment, so
    // an id may arrive raw or percent-encoded, even with an encoded '/'.
    std::optional<QStringList> segments(const QHttpServerRequest &request) const;

    const RouteTable *m_routes;
    QString m_token;
    OAuthRoutes m_oauth;
    Faults *m_faults = nullptr;
};
