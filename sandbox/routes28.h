#pragma once

#include "artifactroutes.h"
#include "metadataroutes.h"
#include "orderroutes.h"
#include "routetable.h"
#include "serviceroutes.h"

class OrderRunner;
class Store;

// The IVCAP v0.28 dialect (PROTOCOL.md): /1/services, /1/orders, /1/artifacts, /1/metadata.
class Routes28 : public RouteTable
{
public:
    Routes28(Store *store, OrderRunner *runner);

private:
    ServiceRoutes m_services;
    OrderRoutes m_orders;
    ArtifactRoutes m_artifacts;
    MetadataRoutes m_metadata;
};
