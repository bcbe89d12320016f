#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace ivcap {

class Connection;

// Names for the URNs the API hands out (urn:ivcap:service:…, urn:ivcap:order:…,
// urn:ivcap:artifact:…), so views can show "Gradient Text Image" where the record only holds
// a service id. One cache per Connection (of()), emptied when the deployment changes.
//
// nameOf() answers from the cache at once and, for an id it has not seen, reads the entity
// (GET /1/services/{id}, /1/orders/{id} or /1/artifacts/{id}, one read per id at a time) and
// emits resolved() when the name is known. An id that cannot be read, or has no name, stays
// unnamed: callers show the URN instead (displayName()). Readers of full records feed the
// cache through remember(), so most names never need a read of their own.
class EntityNames : public QObject
{
    Q_OBJECT
public:
    // The cache of `connection`, created on first use; nullptr for a null connection.
    static EntityNames *of(Connection *connection);

    // The cached name of `urn` (empty while unknown); starts a read when it can.
    QString nameOf(const QString &urn);
    // The name when known, else the URN itself.
    QString displayName(const QString &urn);
    // Records a name seen in a record read elsewhere.
    void remember(const QString &urn, const QString &name);

    // The collection whose read endpoint resolves `urn` ("services", "orders", "artifacts"),
    // or empty for URNs that have no name to read (accounts, providers, records …).
    static QString collectionOf(const QString &urn);

Q_SIGNALS:
    void resolved(const QString &urn, const QString &name);

private:
    explicit EntityNames(Connection *connection);
    void read(const QString &urn);

    Connection *m_connection;
    QHash<QString, QString> m_names;
    // Being read, or read without a usable name: not asked for again in this deployment.
    QSet<QString> m_tried;
};

} // namespace ivcap
