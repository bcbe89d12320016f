#pragma once

#include "api/apierror.h"
#include "api/dialect.h"
#include "api/listquery.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace ivcap {

class ApiRequest;
class Connection;

// A server-side list that grows page by page (links.next) as views ask for more. Rows are
// appended, never reset while paging; a new query removes the old rows and starts over;
// refresh() re-reads the loaded pages and updates rows in place: changed rows with
// dataChanged, new ones inserted where the server's order puts them, vanished ones removed.
// The model is live: when the connection's ChangeNotifier announces a change in its
// collection (something this app did), it refreshes itself shortly after. Subclasses only
// parse items into compact rows and present columns.
class EntityListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY queryChanged)
    Q_PROPERTY(QString orderBy READ orderBy WRITE setOrderBy NOTIFY queryChanged)
    Q_PROPERTY(bool orderDesc READ orderDesc WRITE setOrderDesc NOTIFY queryChanged)
    Q_PROPERTY(QDateTime atTime READ atTime WRITE setAtTime NOTIFY queryChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY queryChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)
    Q_PROPERTY(ivcap::ApiError lastError READ lastError NOTIFY errorOccurred)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        RawJsonRole,  // QJsonObject rebuilt from the row (unknown fields included)
        RawValueRole, // the column's value uncooked: qint64 sizes, QDateTime times, URNs
        StatusRole,
        UserRoleBase = Qt::UserRole + 32
    };

    // `collection` names the kind ("services", "artifacts", ...; see Api::kindOf). Where
    // the list lives and how its answer is wrapped is the connection's dialect's business.
    EntityListModel(const QString &collection, const QString &itemsKey, QObject *parent);
    EntityListModel(EntityKind kind, QObject *parent);
    ~EntityListModel() override;

    Connection *connection() const { return m_connection; }
    void setConnection(Connection *connection);

    QString filter() const { return m_query.filter; }
    void setFilter(const QString &filter);
    QString orderBy() const { return m_query.orderBy; }
    void setOrderBy(const QString &orderBy);
    bool orderDesc() const { return m_query.orderDesc; }
    void setOrderDesc(bool desc);
    QDateTime atTime() const { return m_query.atTime; }
    void setAtTime(const QDateTime &time);
    int pageSize() const { return m_query.limit; }
    void setPageSize(int limit);
    ListQuery query() const { return m_query; }
    void setQuery(const ListQuery &query);

    // Live: refresh on the connection's change announcements (on by default).
    bool isLive() const { return m_live; }
    void setLive(bool live) { m_live = live; }

    bool isLoading() const { return m_loading; }
    bool atEnd() const { return m_atEnd; }
    ApiError lastError() const { return m_lastError; }
    int pagesLoaded() const { return m_pages; }

    // Row of the entity with this id, or -1.
    int rowOfId(const QString &id) const { return m_rowById.value(id, -1); }
    QString idAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    // Sorting is the server's (order-by, order-desc): a column the API can order by starts a new
    // query in that order; any other column is ignored. Column -1 returns to the server's
    // default order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The API's order-by field for a column, or empty when the list cannot be ordered by it.
    virtual QString orderField(int column) const;
    // The column the list is ordered by (-1 for the server's default order).
    int sortColumn() const;
    void fetchMore(const QModelIndex &parent) override;

public Q_SLOTS:
    // Drops everything and loads the first page of the current query again.
    void reload();
    // Re-reads as many rows as are loaded and updates them in place: dataChanged for changed
    // rows, rowsInserted at the server's position for new ones, rowsRemoved for rows that are
    // gone (never a reset). Without loaded rows it loads the first page.
    void refresh();

Q_SIGNALS:
    void queryChanged();
    void loadingChanged(bool loading);
    void atEndChanged(bool atEnd);
    void errorOccurred(const ivcap::ApiError &error);
    void pageLoaded(int rows);
    void refreshed();

protected:
    EntityKind kind() const { return m_kind; }
    // The service id of a job list; a change starts a new query.
    QString scope() const { return m_scope; }
    void setScope(const QString &scope);
    // The dialect the page being parsed is written in (the connection's, or v0.28's when
    // there is none); valid while appendRow/updateRow run.
    const Dialect &dialect() const;

    // Row storage, implemented by subclasses with compact structs.
    virtual int storedRows() const = 0;
    virtual void appendRow(const QJsonObject &item) = 0;
    virtual void insertRowAt(int row, const QJsonObject &item) = 0;
    virtual void removeStoredRows(int first, int count) = 0;
    // Whether a change the app announced concerns this list (default: its own collection).
    virtual bool concernsChange(const QString &collection, const QString &id,
                                const QString &entityId) const;
    // Updates a row from a fresh item; returns true when anything visible changed.
    virtual bool updateRow(int row, const QJsonObject &item) = 0;
    virtual void clearRows() = 0;
    virtual QString rowId(int row) const = 0;
    virtual QString itemId(const QJsonObject &item) const;
    virtual QStringList headers() const = 0;
    virtual QVariant display(int row, int column) const = 0;
    virtual QVariant raw(int row, int column) const { return display(row, column); }
    virtual QVariant status(int row) const
    {
        Q_UNUSED(row)
        return QVariant();
    }
    virtual QJsonObject rawJson(int row) const = 0;
    virtual QVariant extraData(int row, int column, int role) const;
    // Columns whose raw value is an entity URN shown by its name (EntityNames); the URN is the
    // tooltip and RawValueRole.
    virtual QList<int> nameColumns() const { return {}; }

    // Keeps the fields a row does not model, so nothing the server sends is lost.
    static QByteArray extras(const QJsonObject &item, std::initializer_list<QLatin1String> known);
    static void mergeExtras(QJsonObject &into, const QByteArray &extras);

private:
    void restart();
    void requestPage(const QString &token);
    void onPage(quint64 generation, const QJsonDocument &doc);
    void onFailed(quint64 generation, const ApiError &error);
    void setLoading(bool loading);
    void setAtEnd(bool atEnd);
    void removeAllRows();
    void cancelRequest();
    void startReadAhead(const QString &token);
    void watchBody(ApiRequest *request);
    static QString guessNextToken(const QByteArray &body);
    void dropReadAhead();
    void onAnnouncedChange(const QString &collection, const QString &id, const QString &entityId);
    void mergeRefreshedItems(const QJsonArray &items);
    void removeUnseenRows(bool reachedEnd);
    void rebuildIndex();
    void onNameResolved();

    void whenApiKnown(const QString &token);

    EntityKind m_kind;
    QString m_scope;
    std::shared_ptr<const Dialect> m_pageDialect;
    QMetaObject::Connection m_detectionWait;
    QPointer<Connection> m_connection;
    QPointer<ApiRequest> m_request;
    // Read-ahead: once a view has asked for a second page, the page after the one just loaded
    // is requested at once, so scrolling overlaps the server's work with building rows.
    QPointer<ApiRequest> m_readAhead;
    QString m_readAheadToken;
    QJsonDocument m_readAheadPage;
    bool m_readAheadReady = false;
    bool m_readAheadAdopted = false;
    int m_fetchCalls = 0;
    ListQuery m_query;
    QHash<QString, int> m_rowById;
    QString m_nextToken;
    ApiError m_lastError;
    quint64 m_generation = 0;
    int m_pages = 0;
    // While refreshing: rows seen so far and the number of rows to cover.
    int m_refreshSeen = -1;
    int m_refreshTarget = 0;
    // While refreshing: the ids seen, and the row of the last item seen in the server's order
    // (a new item is inserted after it).
    QSet<QString> m_refreshIds;
    int m_refreshPrevRow = -1;
    // A change was announced while a page was loading: refresh once it is in.
    bool m_refreshPending = false;
    bool m_live = true;
    QTimer m_liveTimer;
    QMetaObject::Connection m_changeSubscription;
    QMetaObject::Connection m_namesSubscription;
    bool m_started = false;
    bool m_loading = false;
    bool m_atEnd = false;
};

} // namespace ivcap
