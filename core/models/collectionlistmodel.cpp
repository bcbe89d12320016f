#include "collectionlistmodel.h"

#include "api/changenotifier.h"
#include "api/collectionscan.h"
#include "api/connection.h"

#include <algorithm>

namespace ivcap {

namespace {
QString modelTag(CollectionModel model)
{
    switch (model) {
    case CollectionModel::ArtifactList:
        return QStringLiteral("cli");
    case CollectionModel::ItemAspects:
        return QStringLiteral("sdk");
    case CollectionModel::InCollectionRecords:
        return QStringLiteral("in_collection");
    }
    return QString();
}
} // namespace

QString CollectionListModel::Row::displayName() const
{
    return name.isEmpty() ? CollectionRecord::fallbackName(id) : name;
}

CollectionListModel::CollectionListModel(QObject *parent) : QAbstractListModel(parent)
{
    // One refresh for a burst of writes (an upload into a collection writes several records).
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(100);
    connect(&m_liveTimer, &QTimer::timeout, this, &CollectionListModel::refresh);
}

CollectionListModel::~CollectionListModel() = default;

void CollectionListModel::setConnection(Connection *connection)
{
    for (const auto &subscription : std::as_const(m_subscriptions))
        disconnect(subscription);
    m_subscriptions.clear();
    m_connection = connection;
    if (!connection) {
        removeAll();
        return;
    }
    ChangeNotifier *notifier = ChangeNotifier::of(connection);
    m_subscriptions << connect(
        notifier, &ChangeNotifier::changed, this, [this](const QString &collection) {
            if (collection == QLatin1String("aspects") || collection == QLatin1String("metadata"))
                m_liveTimer.start();
        });
    m_subscriptions << connect(notifier, &ChangeNotifier::deploymentChanged, this, [this] {
        removeAll();
        m_loaded = false;
        refresh();
    });
    refresh();
}

int CollectionListModel::rowOf(const QString &collection) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == collection)
            return row;
    }
    return -1;
}

int CollectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CollectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.displayName();
    case Qt::ToolTipRole:
        return row.id;
    case IdRole:
        return row.id;
    case NameRole:
        return row.displayName();
    case DescriptionRole:
        return row.description;
    case MemberCountRole:
        return int(row.members.size());
    case MembersRole:
        return row.members;
    case ModelsRole:
        return row.models;
    default:
        return {};
    }
}

QHash<int, QByteArray> CollectionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {DescriptionRole, "description"},
                  {MemberCountRole, "memberCount"},
                  {MembersRole, "members"},
                  {ModelsRole, "models"}});
    return names;
}

void CollectionListModel::refresh()
{
    if (!m_connection)
        return;
    if (!m_scans.isEmpty()) {
        m_refreshAgain = true; // after the scan under way, which may have missed the change
        return;
    }
    m_incoming.clear();
    m_scanError = ApiError();
    // The dialect decides the models; a detection under way is waited for by each scan, but
    // the models must be known first.
    if (m_connection->isDetectingApi()) {
        auto wait = std::make_shared<QMetaObject::Connection>();
        *wait = connect(m_connection, &Connection::apiDetectionFinished, this, [this, wait] {
            disconnect(*wait);
            refresh();
        });
        return;
    }
    for (CollectionModel model : m_connection->dialect().collectionModels()) {
        const QString tag = modelTag(model);
        auto *scan =
            new CollectionScan(m_connection, CollectionRecord::schemasOf(model), {}, {}, this);
        connect(scan, &CollectionScan::records, this,
                [this, tag](const QList<CollectionRecord> &records) { onRecords(tag, records); });
        connect(scan, &CollectionScan::finished, this, [this, scan] { onScanEnded(scan, {}); });
        connect(scan, &CollectionScan::failed, this,
                [this, scan](const ApiError &error) { onScanEnded(scan, error); });
        m_scans << scan;
    }
    if (m_scans.isEmpty())
        return;
    Q_EMIT loadingChanged(true);
    for (CollectionScan *scan : std::as_const(m_scans))
        scan->start();
}

void CollectionListModel::addTo(Row &row, const QString &model, const CollectionRecord &record)
{
    if (!row.models.contains(model))
        row.models << model;
    if (record.definition) {
        row.name = record.name;
        row.description = record.description;
    }
    for (const QString &artifact : record.artifacts) {
        if (!row.memberSet.contains(artifact)) {
            row.memberSet.insert(artifact);
            row.members << artifact;
        }
    }
}

void CollectionListModel::onRecords(const QString &model, const QList<CollectionRecord> &records)
{
    for (const CollectionRecord &record : records) {
        Row &row = m_incoming[record.collection];
        row.id = record.collection;
        addTo(row, model, record);
    }
}

void CollectionListModel::onScanEnded(CollectionScan *scan, const ApiError &error)
{
    m_scans.removeAll(scan);
    scan->deleteLater();
    if (error.isError() && !m_scanError.isError())
        m_scanError = error;
    if (!m_scans.isEmpty())
        return;
    if (m_scanError.isError()) {
        // What was shown stays: a failed read says nothing about which collections exist.
        m_lastError = m_scanError;
        m_incoming.clear();
        Q_EMIT loadingChanged(false);
        Q_EMIT errorOccurred(m_lastError);
    } else {
        m_lastError = ApiError();
        merge();
        m_loaded = true;
        Q_EMIT loadingChanged(false);
        Q_EMIT loaded();
    }
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
}

void CollectionListModel::merge()
{
    // Gone first, then changed in place, then new ones at their place in name order.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_incoming.contains(m_rows.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.remove(row);
        endRemoveRows();
    }
    const auto before = [](const Row &a, const Row &b) {
        const int order = a.displayName().compare(b.displayName(), Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a.id < b.id;
    };
    QList<Row> fresh;
    for (auto it = m_incoming.begin(); it != m_incoming.end(); ++it) {
        const int row = rowOf(it.key());
        if (row < 0) {
            fresh << it.value();
            continue;
        }
        Row &old = m_rows[row];
        if (old.name != it->name || old.description != it->description ||
            old.members != it->members || old.models != it->models) {
            const bool renamed = old.displayName() != it->displayName();
            old = it.value();
            Q_EMIT dataChanged(index(row), index(row));
            if (renamed) {
                // Keep the name order: move the row where its new name belongs.
                int newIndex = 0; // among the other rows
                for (int other = 0; other < m_rows.size(); ++other) {
                    if (other != row && before(m_rows.at(other), m_rows.at(row)))
                        ++newIndex;
                }
                const int dest = newIndex >= row ? newIndex + 1 : newIndex;
                if (newIndex != row && beginMoveRows({}, row, row, {}, dest)) {
                    m_rows.move(row, newIndex);
                    endMoveRows();
                }
            }
        }
    }
    m_incoming.clear();
    std::sort(fresh.begin(), fresh.end(), before);
    for (const Row &row : std::as_const(fresh)) {
        const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), row, before);
        const int position = int(at - m_rows.cbegin());
        beginInsertRows({}, position, position);
        m_rows.insert(position, row);
        endInsertRows();
    }
}

void CollectionListModel::removeAll()
{
    for (CollectionScan *scan : std::as_const(m_scans)) {
        scan->cancel();
        scan->deleteLater();
    }
    const bool wasLoading = !m_scans.isEmpty();
    m_scans.clear();
    m_incoming.clear();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

} // namespace ivcap
