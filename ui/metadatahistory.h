#pragma once

#include "api/apirequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>

class QStandardItemModel;

namespace ivcap {
class Connection;
struct ApiError;
} // namespace ivcap

namespace ivcap::ui {

// Every version of a record's entity + schema, newest first, retracted ones included and marked
// in words ("retracted …", "replaced …"), not only by colour. It starts from the entity's one
// live record of that schema when there is exactly one (so an earlier version's history shows
// the later ones too), else from the record itself. Each version
// is read by id (GET /1/aspects/{id}, v0.28's /1/metadata/{id}), which answers retracted
// records too. Its predecessor is the record it `replaces` where the datafabric says so
// (v0.48); otherwise (v0.28, or a version added after a retraction) the record that was active
// for the same entity and schema just before the version became valid, found through `at-time`
// list queries. Those only answer "what was active at time T", so a version that was active
// for less time than the gap between two probes can be missed.
class MetadataHistory : public QObject
{
    Q_OBJECT
public:
    // StatusColumn: "current", "replaced <time>" or "retracted <time>".
    enum Column { ValidFromColumn, StatusColumn, RecordColumn, ColumnCount };
    // ValidToColumn is StatusColumn's former name.
    static constexpr int ValidToColumn = StatusColumn;
    enum Roles {
        RecordIdRole = Qt::UserRole + 1,
        RetractedRole, // bool: the version has an end (replaced or retracted)
        ValidToRole,   // QDateTime (UTC) of the end, invalid while current
    };
    static constexpr int MaxVersions = 100;

    explicit MetadataHistory(Connection *connection, QObject *parent = nullptr);

    QStandardItemModel *model() const { return m_model; }
    bool isRunning() const { return m_request != nullptr; }
    QString recordId() const { return m_recordId; }

public Q_SLOTS:
    void start(const QString &recordId);
    void cancel();

Q_SIGNALS:
    void finished(int versions);
    void failed(const QString &message);

private:
    void read(const QString &recordId);
    void onRecord(const QJsonObject &record);
    // The first record read: finds the live record of its entity and schema to start from.
    void onStartRecord(const QJsonObject &record);
    void onLive(const QJsonObject &list);
    void onList(const QJsonObject &list);
    void probe();
    void onFailed(const ApiError &error);
    void run(ApiRequest *request, void (MetadataHistory::*handler)(const QJsonObject &));

    Connection *m_connection;
    QStandardItemModel *m_model;
    QPointer<ApiRequest> m_request;
    QString m_recordId;
    QString m_entity;
    QString m_schema;
    QSet<QString> m_seen;
    QString m_lastId;           // the oldest version read so far
    QDateTime m_successorFrom;  // its valid-from
    bool m_viaReplaces = false; // the next version read is the one m_lastId `replaces`
    QJsonObject m_start; // the record start() was given, while its live successor is looked up
    QDateTime m_from;
    int m_probe = 0;
};

} // namespace ivcap::ui
