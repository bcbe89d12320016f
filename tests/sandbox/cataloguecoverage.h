#pragma once

#include <QJsonArray>
#include <QStringList>

// What the v0.48 demo catalogue must keep covering: the JSON Schema keywords, formats and
// shapes that real IVCAP request schemas use, both drafts, every controller kind and product
// kind, and the counterparts of the v0.28 demo services.
namespace cataloguecoverage {

// The features no service of `services` (the catalogue's "services" array) shows, by name;
// empty when all are covered.
QStringList missing(const QJsonArray &services);

} // namespace cataloguecoverage
