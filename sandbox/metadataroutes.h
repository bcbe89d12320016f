#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlRecord>
#include <QString>
#include <optional>

class QHttpServerRequest;
class Store;

// /1/metadata: an append-only store of aspects; updates and revocations only close
// valid-to so at-time queries still see history.
class MetadataRoutes
{
public:
    explicit MetadataRoutes(Store *store) : m_store(store) {}
    QHttpServerResponse handle(const QHttpServerRequest &request, const QString &id);

    // Stores a new active record and returns its URN. `aspectText` must be RawJson::compact()
    // output of an object; it is stored and answered byte for byte.
    static QString add(Store *store, const QString &entity, const QString &schema,
                       const QByteArray &aspectText, const QString &policy);
    static QString add(Store *store, const QString &entity, const QString &schema,
                       const QJsonObject &aspect, const QString &policy);

private:
    // A request's aspect: the compact text as sent, and the object for reading fields.
    struct Aspect
    {
        QByteArray text;
        QJsonObject object;
    };

    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse updateOne(const QHttpServerRequest &request);
    QHttpServerResponse updateRecord(const QHttpServerRequest &request, const QString &id);
    QHttpServerResponse revoke(const QString &id);
    QHttpServerResponse recordBody(const QSqlRecord &row) const;
    std::optional<QHttpServerResponse> parseAspect(const QHttpServerRequest &request,
                                                   Aspect *aspect) const;
    void close(const QString &id);

    Store *m_store;
};
