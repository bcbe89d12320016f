#include "collectionartifactsmodel.h"

#include "api/apicalls.h"
#include "api/changenotifier.h"
#include "api/connection.h"
#include "artifactlistmodel.h"
#include "collectionmembers.h"

#include <QCoreApplication>
#include <QLocale>

namespace ivcap {

namespace {
constexpr int kParallelReads = 4;

QString trModel(const char *text)
{
    return QCoreApplication::translate("ivcap::CollectionArtifactsModel", text);
}
} // namespace

CollectionArtifactsModel::CollectionArtifactsModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(100);
    connect(&m_liveTimer, &QTimer::timeout, this, &CollectionArtifactsModel::refresh);
}

CollectionArtifactsModel::~CollectionArtifactsModel() = default;

void CollectionArtifactsModel::setConnection(Connection *connection)
{
    for (const auto &subscription : std::as_const(m_subscriptions))
        disconnect(subscription);
    m_subscriptions.clear();
    m_connection = connection;
    if (connection) {
        ChangeNotifier *notifier = ChangeNotifier::of(connection);
        m_subscriptions << connect(notifier, &ChangeNotifier::changed, this,
                                   [this](const QString &collection) {
                                       if (collection == QLatin1String("aspects") ||
                                           collection == QLatin1String("metadata"))
                                           m_liveTimer.start();
                                   });
        m_subscriptions << connect(notifier, &ChangeNotifier::deploymentChanged, this,
                                   [this] { setCollection(QString()); });
    }
    const QString collection = m_collection;
    m_collection.clear();
    setCollection(collection);
}

void CollectionArtifactsModel::setCollection(const QString &collection)
{
    if (collection == m_collection && (m_loaded || m_loading))
        return;
    m_collection = collection;
    m_loaded = false;
    m_lastError = ApiError();
    removeAll();
    refresh();
}

void CollectionArtifactsModel::removeAll()
{
    ++m_generation;
    if (m_members) {
        m_members->cancel();
        m_members->deleteLater();
        m_members = nullptr;
    }
    for (auto it = m_reads.cbegin(); it != m_reads.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->deleteLater();
    }
    m_reads.clear();
    m_refreshAgain = false;
    setLoading(false);
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

void CollectionArtifactsModel::refresh()
{
    if (!m_connection || m_collection.isEmpty())
        return;
    if (m_members) {
        m_refreshAgain = true;
        return;
    }
    auto *members = new CollectionMembers(m_connection, m_collection, this);
    const quint64 generation = m_generation;
    connect(members, &CollectionMembers::finished, this,
            [this, members, generation](const QStringList &urns) {
                members->deleteLater();
                if (generation != m_generation)
                    return;
                m_members = nullptr;
                onMembers(urns);
            });
    connect(members, &CollectionMembers::failed, this,
            [this, members, generation](const ApiError &error) {
                members->deleteLater();
                if (generation != m_generation)
                    return;
                m_members = nullptr;
                m_lastError = error;
                setLoading(!m_reads.isEmpty());
                Q_EMIT errorOccurred(error);
            });
    m_members = members;
    setLoading(true);
    members->start();
}

void CollectionArtifactsModel::onMembers(const QStringList &members)
{
    m_lastError = ApiError();
    const QSet<QString> keep(members.cbegin(), members.cend());
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (keep.contains(m_rows.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.remove(row);
        endRemoveRows();
    }
    QList<Row> fresh;
    for (const QString &id : members) {
        if (rowOfId(id) < 0) {
            Row row;
            row.id = id;
            fresh << row;
        }
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_rows << fresh;
        endInsertRows();
    }
    m_loaded = true;
    Q_EMIT membersLoaded(int(m_rows.size()));
    readMore();
    if (m_refreshAgain) {
        m_refreshAgain = false;
        QTimer::singleShot(0, this, &CollectionArtifactsModel::refresh);
    }
}

void CollectionArtifactsModel::readMore()
{
    for (int row = 0; row < m_rows.size() && m_reads.size() < kParallelReads; ++row) {
        Row &r = m_rows[row];
        if (r.requested)
            continue;
        r.requested = true;
        ApiRequest *request = Api::readArtifact(m_connection, r.id, this);
        const QString id = r.id;
        m_reads.insert(request, id);
        const auto done = [this, request, id](const QJsonObject &record, const QString &problem) {
            m_reads.remove(request);
            request->deleteLater();
            const int at = rowOfId(id);
            if (at >= 0) {
                m_rows[at].record = record;
                m_rows[at].problem = problem;
                Q_EMIT dataChanged(index(at, 0), index(at, ArtifactListModel::ColumnCount - 1));
            }
            readMore();
        };
        connect(request, &ApiRequest::finished, this,
                [done](const QJsonDocument &doc) { done(doc.object(), QString()); });
        connect(request, &ApiRequest::failed, this, [done](const ApiError &error) {
            done({}, error.httpStatus == 404 ? trModel("not found on the deployment")
                                             : error.toString());
        });
        request->start();
    }
    setLoading(!m_reads.isEmpty() || !m_members.isNull());
}

void CollectionArtifactsModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

QString CollectionArtifactsModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int CollectionArtifactsModel::rowOfId(const QString &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

int CollectionArtifactsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CollectionArtifactsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ArtifactListModel::ColumnCount;
}

QVariant CollectionArtifactsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const QString name = r.record.value(QLatin1String("name")).toString();
    const QString mime = r.record.value(QLatin1String("mime-type")).toString();
    const QString status = !r.problem.isEmpty() ? r.problem
                           : r.record.isEmpty()
                               ? trModel("reading…")
                               : r.record.value(QLatin1String("status")).toString();
    const qint64 size = r.record.value(QLatin1String("size")).toInteger();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ArtifactListModel::NameColumn:
            return name.isEmpty() ? r.id : name;
        case ArtifactListModel::MimeTypeColumn:
            return mime;
        case ArtifactListModel::SizeColumn:
            return r.record.isEmpty() ? QVariant() : QLocale().formattedDataSize(size);
        case ArtifactListModel::StatusColumn:
            return status;
        case ArtifactListModel::IdColumn:
            return r.id;
        }
        return {};
    case Qt::ToolTipRole:
        return r.problem.isEmpty() ? r.id : r.id + QLatin1Char('\n') + r.problem;
    case ArtifactListModel::IdRole:
        return r.id;
    case ArtifactListModel::RawJsonRole:
        return r.record;
    case ArtifactListModel::RawValueRole:
        return index.column() == ArtifactListModel::SizeColumn ? QVariant(size)
                                                               : data(index, Qt::DisplayRole);
    case ArtifactListModel::StatusRole:
        return status;
    case ArtifactListModel::SizeRole:
        return size;
    case ArtifactListModel::MimeTypeRole:
        return mime;
    case ArtifactListModel::NameRole:
        return name;
    default:
        return {};
    }
}

QVariant CollectionArtifactsModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *titles[] = {"Name", "Type", "Size", "Status", "ID"};
    if (section < 0 || section >= ArtifactListModel::ColumnCount)
        return {};
    return QCoreApplication::translate("ivcap::ArtifactListModel", titles[section]);
}

} // namespace ivcap
