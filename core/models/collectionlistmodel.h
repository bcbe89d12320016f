#pragma once

#include "api/apierror.h"
#include "api/collectionrecords.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace ivcap {

class CollectionScan;
class Connection;

// The collections of a deployment, from every collection model its dialect offers
// (Dialect::collectionModels): on v0.48 the CLI's artifact-collection.1 lists and the SDK's
// collection.1 definitions and collection-item.1 members, on v0.28 the in_collection.1
// metadata records. Records of all models are merged by collection URN: one row per
// collection, named by its SDK definition where there is one and by the URN's last part
// otherwise, with the number of distinct member artifacts the records name.
//
// Rows are kept in name order. The model grows and never resets: refresh() (and the change
// announcements of the connection's ChangeNotifier for aspects and metadata) updates rows in
// place, inserts new collections and removes ones no record names any more; a deployment
// change removes every row. A failed scan keeps the rows it had and reports one
// errorOccurred().
class CollectionListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1, // the collection URN
        NameRole,
        DescriptionRole,
        MemberCountRole, // distinct member artifacts (int)
        MembersRole,     // QStringList of member artifact URNs, in the order first seen
        ModelsRole,      // QStringList: "cli", "sdk", "in_collection" — who wrote its records
    };

    explicit CollectionListModel(QObject *parent = nullptr);
    ~CollectionListModel() override;

    Connection *connection() const { return m_connection; }
    // Starts reading the collections of `connection` (and follows its announced changes).
    void setConnection(Connection *connection);

    bool isLoading() const { return !m_scans.isEmpty(); }
    bool hasLoaded() const { return m_loaded; }
    ApiError lastError() const { return m_lastError; }
    // Row of the collection with this URN, or -1.
    int rowOf(const QString &collection) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    // Reads all collection records again and merges them into the rows in place.
    void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A refresh (or the first load) ended; the rows are the deployment's collections.
    void loaded();
    void errorOccurred(const ivcap::ApiError &error);

private:
    struct Row
    {
        QString id;
        QString name; // empty: fallback from the URN
        QString description;
        QStringList members;
        QSet<QString> memberSet;
        QStringList models;
        QString displayName() const;
    };
    void onRecords(const QString &model, const QList<CollectionRecord> &records);
    void onScanEnded(CollectionScan *scan, const ApiError &error);
    void merge();
    void removeAll();
    static void addTo(Row &row, const QString &model, const CollectionRecord &record);

    QPointer<Connection> m_connection;
    QList<Row> m_rows;
    // Rows being read by the refresh under way, merged when every scan has ended.
    QHash<QString, Row> m_incoming;
    QList<CollectionScan *> m_scans;
    ApiError m_scanError;
    ApiError m_lastError;
    bool m_loaded = false;
    bool m_refreshAgain = false;
    QTimer m_liveTimer;
    QList<QMetaObject::Connection> m_subscriptions;
};

} // namespace ivcap
