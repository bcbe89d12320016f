#pragma once

#include <QString>

class Store;

// Fills an empty database with the demo service catalogue and, on request, bulk artifacts.
class Seeder
{
public:
    explicit Seeder(Store *store) : m_store(store) {}
    bool seedServices(QString *error);
    // Tops the artifact table up to `count` small ready artifacts in one transaction.
    void seedArtifacts(int count);

private:
    Store *m_store;
};
