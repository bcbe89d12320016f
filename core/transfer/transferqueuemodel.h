#pragma once

#include "transferstate.h"
#include "uploadjob.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

namespace ivcap {

class Connection;
class DownloadJob;

// The transfer queue (GUIDE.md practice 7): one row per upload or download, a concurrency
// limit, per-item and global pause/resume/cancel, and a JSON state file so that unfinished
// uploads go on after a restart from the server's offset, without creating a second artifact.
class TransferQueueModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Direction { Upload, Download };
    Q_ENUM(Direction)
    enum Role {
        SourceRole = Qt::UserRole + 1,
        NameRole,
        ContentTypeRole,
        SizeRole,
        CollectionRole,
        PolicyRole,
        DirectionRole,
        StateRole,
        ConfirmedBytesRole,
        SpeedRole, // bytes per second, smoothed
        EtaRole,   // seconds, -1 while not plausible
        RetriesRole,
        ErrorRole,
        ArtifactIdRole,
        // True from a lost connection until bytes move again: speed and ETA are unknown then.
        RetryingRole,
        // An upload into a collection: whether its membership is written (Membership).
        MembershipRole,
        MembershipErrorRole, // why writing the membership failed
    };
    // The membership of a finished upload in its collection (CollectionMembership), written
    // once the upload is done; a failure leaves the upload done and can be retried (resume()).
    enum Membership { NoMembership, MembershipPending, MembershipWritten, MembershipFailed };
    Q_ENUM(Membership)

    TransferQueueModel(Connection *connection, const QString &statePath, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int maxConcurrent() const { return m_maxConcurrent; }
    void setMaxConcurrent(int count);

    // Reads the state file; unfinished uploads are queued again with their artifact.
    bool restore();
    QString statePath() const { return m_statePath; }
    // The connection now points at another deployment: this queue's transfers are paused and
    // stay in their state file for when that deployment is used again, and the queue shows
    // the transfers kept in `statePath` instead (a model reset: it is a different list).
    void switchStatePath(const QString &statePath);
    int addUpload(const QString &filePath, const UploadOptions &options = {});
    int addDownload(const QString &artifactId, const QString &destination);

    void pause(int row);
    // A paused item, or a failed upload whose artifact exists (UploadJob::canRetry()), goes
    // back into the queue; a done upload whose collection membership failed writes it again.
    void resume(int row);
    void cancel(int row);
    void pauseAll();
    void resumeAll();
    void cancelAll();
    // Removes the rows that have ended (done, failed, cancelled); returns how many.
    int clearFinished();
    // Rows still moving or waiting (queued, creating, transferring, verifying), for the
    // question before quitting.
    int activeCount() const;

    // The running upload job of a row (nullptr when none); for tests and diagnostics.
    UploadJob *uploadJob(int row) const;

Q_SIGNALS:
    void allFinished();

private:
    struct Item
    {
        Direction direction = Upload;
        QString source; // file to upload, or artifact id to download
        QString destination;
        UploadOptions options;
        qint64 size = -1;
        QDateTime modified;
        TransferState::State state = TransferState::Queued;
        qint64 confirmed = 0;
        double speed = 0;
        qint64 lastBytes = 0;
        qint64 lastMs = -1;
        qint64 firstMs = -1;
        int retries = 0;
        bool retrying = false;
        QString error;
        QString artifactId;
        QUrl dataUrl;
        QPointer<UploadJob> upload;
        QPointer<DownloadJob> download;
        Membership membership = NoMembership;
        QString membershipError;
    };

    int append(Item item);
    void schedule();
    void startItem(int row);
    void onStateChanged(QObject *job, TransferState::State state);
    void onProgress(QObject *job, qint64 confirmed);
    void onRetrying(QObject *job);
    // Writes the membership of a done upload in its collection.
    void writeMembership(int row);
    int rowOf(QObject *job) const;
    void changed(int row, const QList<int> &roles);
    void save() const;
    void finishSwitchWhenSettled();
    static bool isActive(TransferState::State s);
    // A cancelled upload that had created its artifact: say that the artifact stays.
    static void noteCancelledUpload(Item &item);

    Connection *m_connection;
    QString m_statePath;
    QString m_nextStatePath; // a switch waits for a create POST to name its artifact
    QList<Item> m_items;
    int m_maxConcurrent = 2;
    QElapsedTimer m_clock;
};

} // namespace ivcap
