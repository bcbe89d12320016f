#pragma once

#include "api/apierror.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace ivcap {

class ApiRequest;
class CollectionMembers;
class Connection;

// The artifacts of one collection, as a table with the columns and roles of ArtifactListModel
// (so the same views and detail panes serve both): the members come from CollectionMembers,
// and each member's record is read with GET /1/artifacts/{id}, a few at a time. A member's row
// appears as soon as the collection's records are read, showing its URN until its record
// arrives; a member whose record cannot be read keeps its row, with the reason as its status
// (nothing the collection names is dropped).
//
// The model grows and never resets: changing the collection removes the old rows and inserts
// the new ones; refresh() (and the app's own writes of aspects or metadata, announced by the
// ChangeNotifier) inserts new members at the end and removes members that left. A failed read
// of the members keeps the rows and reports one errorOccurred().
class CollectionArtifactsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
public:
    explicit CollectionArtifactsModel(QObject *parent = nullptr);
    ~CollectionArtifactsModel() override;

    void setConnection(Connection *connection);
    Connection *connection() const { return m_connection; }
    // The collection URN to show; empty shows nothing.
    QString collection() const { return m_collection; }
    void setCollection(const QString &collection);

    bool isLoading() const { return m_loading; }
    // True once the members of the current collection were read at least once.
    bool hasLoaded() const { return m_loaded; }
    ApiError lastError() const { return m_lastError; }
    QString idAt(int row) const;
    int rowOfId(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    // The members of the collection were read (again); their records may still be on the way.
    void membersLoaded(int count);
    void errorOccurred(const ivcap::ApiError &error);

private:
    struct Row
    {
        QString id;
        QJsonObject record; // the artifact as read; empty until then
        QString problem;    // why the record could not be read
        bool requested = false;
    };
    void onMembers(const QStringList &members);
    void readMore();
    void setLoading(bool loading);
    void removeAll();

    QPointer<Connection> m_connection;
    QString m_collection;
    QList<Row> m_rows;
    QPointer<CollectionMembers> m_members;
    QHash<ApiRequest *, QString> m_reads;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_refreshAgain = false;
    ApiError m_lastError;
    QTimer m_liveTimer;
    QList<QMetaObject::Connection> m_subscriptions;
};

} // namespace ivcap
