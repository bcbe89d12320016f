#pragma once

#include "routetable.h"
#include "v48/artifact48routes.h"
#include "v48/aspectroutes.h"
#include "v48/jobroutes.h"
#include "v48/metadata48routes.h"
#include "v48/order48routes.h"
#include "v48/service2routes.h"

class OrderRunner;
class Store;

// The IVCAP v0.48 dialect (PROTOCOL-0.48.md): /1/services2 with its jobs, /1/orders,
// /1/artifacts, /1/aspects and /1/metadata in today's shapes, over the same store, runner and
// blobs as v0.28.
class Routes48 : public RouteTable
{
public:
    Routes48(Store *store, OrderRunner *runner);

private:
    Service2Routes m_services;
    JobRoutes m_jobs;
    Order48Routes m_orders;
    Artifact48Routes m_artifacts;
    AspectRoutes m_aspects;
    Metadata48Routes m_metadata;
};
