#include "transferqueuemodel.h"

#include "api/collectionmembership.h"
#include "api/connection.h"

#include "downloadjob.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

namespace ivcap {

namespace {
constexpr double kSpeedAlpha = 0.3;   // weight of the newest sample in the speed average
constexpr qint64 kMinSampleMs = 2000; // ETA only after this much measured transfer
constexpr double kMinSpeed = 1.0;     // bytes/s below which an ETA means nothing
} // namespace

TransferQueueModel::TransferQueueModel(Connection *connection, const QString &statePath,
                                       QObject *parent)
    : QAbstractListModel(parent), m_connection(connection), m_statePath(statePath)
{
    m_clock.start();
}

int TransferQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant TransferQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return item.direction == Upload ? item.options.name
                                        : QFileInfo(item.destination).fileName();
    case SourceRole:
        return item.source;
    case ContentTypeRole:
        return item.options.contentType;
    case SizeRole:
        return item.size;
    case CollectionRole:
        return item.options.collection;
    case PolicyRole:
        return item.options.policy;
    case DirectionRole:
        return item.direction;
    case StateRole:
        return item.state;
    case ConfirmedBytesRole:
        return item.confirmed;
    case SpeedRole:
        return item.retrying ? 0.0 : item.speed;
    case RetryingRole:
        return item.retrying;
    case EtaRole: {
        if (item.retrying)
            return qint64(-1);
        const bool plausible = item.speed >= kMinSpeed && item.firstMs >= 0 &&
                               item.lastMs - item.firstMs >= kMinSampleMs && item.size >= 0;
        return plausible ? qint64((item.size - item.confirmed) / item.speed) : qint64(-1);
    }
    case RetriesRole:
        return item.retries;
    case ErrorRole:
        return item.error;
    case ArtifactIdRole:
        return item.artifactId;
    case MembershipRole:
        return item.membership;
    case MembershipErrorRole:
        return item.membershipError;
    default:
        return {};
    }
}

QHash<int, QByteArray> TransferQueueModel::roleNames() const
{
    return {{SourceRole, "source"},
            {NameRole, "name"},
            {ContentTypeRole, "contentType"},
            {SizeRole, "size"},
            {CollectionRole, "collection"},
            {PolicyRole, "policy"},
            {DirectionRole, "direction"},
            {StateRole, "state"},
            {ConfirmedBytesRole, "confirmedBytes"},
            {SpeedRole, "speed"},
            {EtaRole, "eta"},
            {RetriesRole, "retries"},
            {RetryingRole, "retrying"},
            {ErrorRole, "error"},
            {ArtifactIdRole, "artifactId"},
            {MembershipRole, "membership"},
            {MembershipErrorRole, "membershipError"}};
}

void TransferQueueModel::setMaxConcurrent(int count)
{
    m_maxConcurrent = qMax(1, count);
    schedule();
}

int TransferQueueModel::addUpload(const QString &filePath, const UploadOptions &options)
{
    Item item;
    item.direction = Upload;
    item.source = filePath;
    // The job fills in the defaults (name, content type); keep what it decided.
    UploadJob probe(m_connection, filePath, options);
    item.options = probe.options();
    item.size = probe.totalBytes();
    item.modified = probe.sourceModified();
    return append(std::move(item));
}

int TransferQueueModel::addDownload(const QString &artifactId, const QString &destination)
{
    Item item;
    item.direction = Download;
    item.source = artifactId;
    item.artifactId = artifactId;
    item.destination = destination;
    return append(std::move(item));
}

int TransferQueueModel::append(Item item)
{
    const int row = int(m_items.size());
    beginInsertRows({}, row, row);
    m_items.append(std::move(item));
    endInsertRows();
    save();
    schedule();
    return row;
}

bool TransferQueueModel::isActive(TransferState::State s)
{
    return s == TransferState::Creating || s == TransferState::Uploading ||
           s == TransferState::Verifying;
}

void TransferQueueModel::schedule()
{
    if (!m_nextStatePath.isEmpty())
        return; // the connection already points at the next deployment

    int active = 0;
    for (const Item &item : std::as_const(m_items))
        active += isActive(item.state) ? 1 : 0;
    for (int row = 0; row < m_items.size() && active < m_maxConcurrent; ++row) {
        if (m_items.at(row).state == TransferState::Queued) {
            startItem(row);
            ++active;
        }
    }
}

void TransferQueueModel::startItem(int row)
{
    Item &item = m_items[row];
    item.lastMs = item.firstMs = -1;
    item.speed = 0;
    if (item.direction == Upload) {
        if (!item.upload) {
            auto *job = new UploadJob(m_connection, item.source, item.options, this);
            job->setSourceSnapshot(item.size, item.modified);
            // Rebased: a restored item may come from a sandbox that listened on another port.
            if (!item.artifactId.isEmpty())
                job->setResumeTarget(item.artifactId, m_connection->rebase(item.dataUrl));
            connect(job, &UploadJob::stateChanged, this,
                    [this, job](TransferState::State s) { onStateChanged(job, s); });
            connect(job, &UploadJob::progress, this,
                    [this, job](qint64 done, qint64) { onProgress(job, done); });
            connect(
                job, &UploadJob::created, this, [this, job](const QString &id, const QUrl &url) {
                    const int r = rowOf(job);
                    m_items[r].artifactId = id;
                    m_items[r].dataUrl = url;
                    changed(r, {ArtifactIdRole});
                    save(); // from now on a restart must resume this artifact, not create one
                    if (!m_nextStatePath.isEmpty()) // after this signal: it ends the job
                        QTimer::singleShot(0, this, &TransferQueueModel::finishSwitchWhenSettled);
                });
            connect(job, &UploadJob::retrying, this, [this, job] { onRetrying(job); });
            item.upload = job;
        }
        item.upload->start();
        return;
    }
    if (!item.download) {
        auto *job = new DownloadJob(m_connection, item.artifactId, item.destination, this);
        connect(job, &DownloadJob::stateChanged, this,
                [this, job](TransferState::State s) { onStateChanged(job, s); });
        connect(job, &DownloadJob::progress, this, [this, job](qint64 done, qint64 total) {
            const int r = rowOf(job);
            if (r >= 0 && m_items[r].size != total) {
                m_items[r].size = total;
                changed(r, {SizeRole});
            }
            onProgress(job, done);
        });
        connect(job, &DownloadJob::retrying, this, [this, job] { onRetrying(job); });
        item.download = job;
    }
    // A paused download goes on from the bytes it saved (an HTTP Range request).
    item.download->start();
}

void TransferQueueModel::onRetrying(QObject *job)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    Item &item = m_items[row];
    item.retries = item.upload ? item.upload->retriesUsed() : item.download->retriesUsed();
    // The last speed and ETA say nothing about a connection that is gone; measure afresh.
    item.retrying = true;
    item.speed = 0;
    item.lastMs = -1;
    changed(row, {RetriesRole, RetryingRole, SpeedRole, EtaRole});
}

int TransferQueueModel::rowOf(QObject *job) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).upload == job || m_items.at(row).download == job)
            return row;
    }
    return -1;
}

void TransferQueueModel::onStateChanged(QObject *job, TransferState::State state)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    Item &item = m_items[row];
    item.state = state;
    QList<int> roles{StateRole, RetryingRole};
    if (state != TransferState::Uploading)
        item.retrying = false;
    if (state == TransferState::Cancelled) {
        noteCancelledUpload(item);
        roles << ErrorRole;
    }
    if (state == TransferState::Failed) {
        item.error = item.upload ? item.upload->errorMessage() : item.download->errorMessage();
        roles << ErrorRole;
    }
    if (TransferState::isFinal(state) || state == TransferState::Paused) {
        item.speed = 0;
        roles << SpeedRole << EtaRole;
    }
    changed(row, roles);
    save();
    if (state == TransferState::Done && item.direction == Upload &&
        !item.options.collection.isEmpty())
        writeMembership(row);
    if (TransferState::isFinal(state) || state == TransferState::Paused)
        schedule();
    const bool allDone = std::all_of(m_items.cbegin(), m_items.cend(), [](const Item &i) {
        return TransferState::isFinal(i.state) || i.state == TransferState::Paused;
    });
    if (allDone)
        Q_EMIT allFinished();
    if (!m_nextStatePath.isEmpty()) // a create POST that failed during a switch
        QTimer::singleShot(0, this, &TransferQueueModel::finishSwitchWhenSettled);
}

void TransferQueueModel::writeMembership(int row)
{
    Item &item = m_items[row];
    if (item.artifactId.isEmpty() || item.membership == MembershipWritten ||
        item.membership == MembershipPending)
        return;
    item.membership = MembershipPending;
    item.membershipError.clear();
    changed(row, {MembershipRole, MembershipErrorRole});
    save();
    // Keyed by the artifact: rows move when others are cleared.
    const QString artifact = item.artifactId;
    auto *writer = new CollectionMembership(m_connection, item.options.collection, artifact, this);
    const auto settle = [this, writer, artifact](Membership state, const QString &error) {
        writer->deleteLater();
        for (int r = 0; r < m_items.size(); ++r) {
            Item &i = m_items[r];
            if (i.direction != Upload || i.artifactId != artifact ||
                i.membership != MembershipPending)
                continue;
            i.membership = state;
            i.membershipError = error;
            changed(r, {MembershipRole, MembershipErrorRole});
            save();
        }
    };
    connect(writer, &CollectionMembership::finished, this,
            [settle] { settle(MembershipWritten, QString()); });
    connect(writer, &CollectionMembership::failed, this,
            [settle](const ApiError &error) { settle(MembershipFailed, error.toString()); });
    writer->start();
}

void TransferQueueModel::onProgress(QObject *job, qint64 confirmed)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    Item &item = m_items[row];
    const qint64 now = m_clock.elapsed();
    if (item.lastMs < 0) {
        // A resumed transfer starts measuring here; bytes sent before do not count as speed.
        item.firstMs = item.lastMs = now;
        item.lastBytes = confirmed;
    } else if (now > item.lastMs) {
        const double sample =
            double(confirmed - item.lastBytes) * 1000.0 / double(now - item.lastMs);
        item.speed =
            item.speed <= 0 ? sample : kSpeedAlpha * sample + (1 - kSpeedAlpha) * item.speed;
        item.lastMs = now;
        item.lastBytes = confirmed;
    }
    QList<int> roles{ConfirmedBytesRole, SpeedRole, EtaRole};
    if (item.retrying && confirmed > item.confirmed) {
        item.retrying = false;
        roles << RetryingRole;
    }
    item.confirmed = confirmed;
    changed(row, roles);
}

void TransferQueueModel::changed(int row, const QList<int> &roles)
{
    if (row < 0)
        return;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, roles);
}

UploadJob *TransferQueueModel::uploadJob(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row).upload.data() : nullptr;
}

void TransferQueueModel::pause(int row)
{
    Item &item = m_items[row];
    if (item.state == TransferState::Queued) {
        item.state = TransferState::Paused;
        changed(row, {StateRole});
        save();
    } else if (item.upload) {
        item.upload->pause();
    } else if (item.download) {
        item.download->pause();
    }
}

void TransferQueueModel::resume(int row)
{
    Item &item = m_items[row];
    if (item.state == TransferState::Done && item.membership == MembershipFailed) {
        writeMembership(row);
        return;
    }
    // A failed upload whose artifact exists goes on into that artifact, not a new one.
    const bool retry =
        item.state == TransferState::Failed && item.upload && item.upload->canRetry();
    if (item.state != TransferState::Paused && !retry)
        return;
    // Back into the queue, so the concurrency limit still holds.
    item.state = TransferState::Queued;
    item.error.clear();
    changed(row, {StateRole, ErrorRole});
    save();
    schedule();
}

void TransferQueueModel::cancel(int row)
{
    Item &item = m_items[row];
    if (TransferState::isFinal(item.state))
        return;
    if (item.upload && !TransferState::isFinal(item.upload->state()))
        item.upload->cancel();
    else if (item.download)
        item.download->cancel();
    if (item.state != TransferState::Cancelled) {
        item.state = TransferState::Cancelled;
        item.retrying = false;
        noteCancelledUpload(item);
        changed(row, {StateRole, ErrorRole, RetryingRole});
        save();
        schedule();
    }
}

void TransferQueueModel::noteCancelledUpload(Item &item)
{
    if (item.direction != Upload || item.artifactId.isEmpty() ||
        (item.size >= 0 && item.confirmed >= item.size))
        return;
    item.error = QCoreApplication::translate(
                     "ivcap::TransferQueueModel",
                     "Cancelled. The deployment keeps the partly uploaded artifact %1: the IVCAP "
                     "API has no way to delete an artifact.")
                     .arg(item.artifactId);
}

int TransferQueueModel::clearFinished()
{
    int removed = 0;
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        if (!TransferState::isFinal(m_items.at(row).state))
            continue;
        int first = row;
        while (first > 0 && TransferState::isFinal(m_items.at(first - 1).state))
            --first;
        beginRemoveRows({}, first, row);
        for (int r = row; r >= first; --r) {
            Item &item = m_items[r];
            if (item.upload) {
                item.upload->disconnect(this);
                item.upload->deleteLater();
            }
            if (item.download) {
                item.download->disconnect(this);
                item.download->deleteLater();
            }
        }
        m_items.remove(first, row - first + 1);
        endRemoveRows();
        removed += row - first + 1;
        row = first;
    }
    if (removed > 0)
        save();
    return removed;
}

int TransferQueueModel::activeCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [](const Item &i) {
        return isActive(i.state) || i.state == TransferState::Queued;
    }));
}

void TransferQueueModel::pauseAll()
{
    for (int row = 0; row < m_items.size(); ++row)
        pause(row);
}

void TransferQueueModel::resumeAll()
{
    for (int row = 0; row < m_items.size(); ++row)
        resume(row);
}

void TransferQueueModel::cancelAll()
{
    for (int row = 0; row < m_items.size(); ++row)
        cancel(row);
}

void TransferQueueModel::switchStatePath(const QString &statePath)
{
    if (statePath == m_statePath && m_nextStatePath.isEmpty())
        return;
    m_nextStatePath = statePath;
    // Paused before the connection's new base URL reaches them: a PATCH of this deployment's
    // artifact must not go to the next one.
    pauseAll();
    finishSwitchWhenSettled();
}

void TransferQueueModel::finishSwitchWhenSettled()
{
    if (m_nextStatePath.isEmpty())
        return;
    // A paused upload whose create POST is still out records its artifact when the answer
    // comes (the `created` handler calls here again); switching before would lose the id,
    // and resuming later would make a second artifact.
    for (const Item &item : std::as_const(m_items)) {
        if (item.upload && item.upload->awaitsCreation())
            return;
    }
    save();
    // A membership being written belongs to the old deployment; it stays pending in the state
    // file and is written when that deployment is used again.
    for (CollectionMembership *writer : findChildren<CollectionMembership *>()) {
        writer->disconnect(this);
        writer->deleteLater();
    }
    beginResetModel();
    for (Item &item : m_items) {
        if (item.upload)
            item.upload->disconnect(this);
        if (item.download)
            item.download->disconnect(this);
        if (item.upload)
            item.upload->deleteLater();
        if (item.download)
            item.download->deleteLater();
    }
    m_items.clear();
    m_statePath = m_nextStatePath;
    m_nextStatePath.clear();
    endResetModel();
    restore();
}

void TransferQueueModel::save() const
{
    if (m_statePath.isEmpty())
        return;
    QJsonArray list;
    for (const Item &item : m_items) {
        list.append(QJsonObject{
            {QStringLiteral("direction"), item.direction == Upload ? "upload" : "download"},
            {QStringLiteral("source"), item.source},
            {QStringLiteral("destination"), item.destination},
            {QStringLiteral("name"), item.options.name},
            {QStringLiteral("contentType"), item.options.contentType},
            {QStringLiteral("collection"), item.options.collection},
            {QStringLiteral("policy"), item.options.policy},
            {QStringLiteral("chunkSize"), item.options.chunkSize},
            {QStringLiteral("size"), item.size},
            {QStringLiteral("modified"), item.modified.toMSecsSinceEpoch()},
            {QStringLiteral("state"), int(item.state)},
            {QStringLiteral("confirmed"), item.confirmed},
            {QStringLiteral("retries"), item.retries},
            {QStringLiteral("error"), item.error},
            {QStringLiteral("artifactId"), item.artifactId},
            {QStringLiteral("dataUrl"), item.dataUrl.toString()},
            {QStringLiteral("membership"), int(item.membership)},
            {QStringLiteral("membershipError"), item.membershipError},
        });
    }
    QSaveFile file(m_statePath);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("transfers"), list}}).toJson());
        file.commit();
    }
}

bool TransferQueueModel::restore()
{
    QFile file(m_statePath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonArray list = QJsonDocument::fromJson(file.readAll())
                                .object()
                                .value(QStringLiteral("transfers"))
                                .toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject o = value.toObject();
        Item item;
        const QString direction = o.value(QStringLiteral("direction")).toString();
        item.direction = direction == QLatin1String("upload") ? Upload : Download;
        item.source = o.value(QStringLiteral("source")).toString();
        item.destination = o.value(QStringLiteral("destination")).toString();
        item.options.name = o.value(QStringLiteral("name")).toString();
        item.options.contentType = o.value(QStringLiteral("contentType")).toString();
        item.options.collection = o.value(QStringLiteral("collection")).toString();
        item.options.policy = o.value(QStringLiteral("policy")).toString();
        item.options.chunkSize = o.value(QStringLiteral("chunkSize")).toInteger(10000000);
        item.size = o.value(QStringLiteral("size")).toInteger(-1);
        item.modified =
            QDateTime::fromMSecsSinceEpoch(o.value(QStringLiteral("modified")).toInteger());
        item.confirmed = o.value(QStringLiteral("confirmed")).toInteger();
        item.retries = o.value(QStringLiteral("retries")).toInt();
        item.error = o.value(QStringLiteral("error")).toString();
        item.artifactId = o.value(QStringLiteral("artifactId")).toString();
        item.dataUrl = QUrl(o.value(QStringLiteral("dataUrl")).toString());
        item.state = TransferState::State(o.value(QStringLiteral("state")).toInt());
        item.membership = Membership(o.value(QStringLiteral("membership")).toInt());
        item.membershipError = o.value(QStringLiteral("membershipError")).toString();
        // A membership write cut off by the end of the last run is written again now.
        const bool rewrite = item.membership == MembershipPending;
        if (rewrite)
            item.membership = MembershipFailed;
        // Anything that was moving goes back into the queue; the server's offset decides
        // where it continues (UploadJob sends HEAD when it already has an artifact).
        if (isActive(item.state))
            item.state = TransferState::Queued;
        const int row = int(m_items.size());
        beginInsertRows({}, row, row);
        m_items.append(std::move(item));
        endInsertRows();
        if (rewrite)
            writeMembership(row);
    }
    schedule();
    return true;
}

} // namespace ivcap
