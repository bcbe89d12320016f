#pragma once

#include <QString>

class Store;

// Loads the v0.48 demo catalogue (format: resources/sandbox/demo-services-0.48.json) into an
// empty store: each service's definition (with its sandbox-only behaviour block), its
// urn:sd-core:schema.ai-tool.1 aspect (the entry's `ai-tool`, whose fn_schema is the request
// schema clients read) and its urn:ivcap:schema.service.2 description aspect.
namespace CatalogueSeeder {

// Does nothing when the store has services already. Returns false with `error` when the file
// cannot be read or is not a catalogue.
bool seed(Store *store, const QString &path, QString *error);

} // namespace CatalogueSeeder
