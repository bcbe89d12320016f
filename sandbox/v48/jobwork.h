#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

class Store;

// What a v0.48 demo service does when its job's execution ends, driven by the service's
// sandbox block (resources/sandbox/demo-services-0.48.json): the result document
// {"$schema": result-schema, "service", "request", …what `result` computes…} and the products
// (text-image → SVG, csv → table, json → report), each a ready artifact with a
// urn:ivcap:schema:demo.product.1 aspect. A request any of whose string values is "fail" ends
// `failed`, "error" ends `error`, each with an error-message and no result.
namespace JobWork {

// The service's sandbox block, with defaults for services without one (created by clients):
// duration-ms 2500, no steps, result "echo", no products.
QJsonObject behaviour(Store *store, const QString &serviceId);

// Finishes the job of `orderId`: stores result, products and error-message on the job, sets the
// order's terminal status, finished_at and products, and returns that status ("" when the order
// has no job).
QString finish(Store *store, const QString &orderId);

} // namespace JobWork
