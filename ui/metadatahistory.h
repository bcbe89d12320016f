#pragma once

#include "api/apirequest.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSet>

class QStandardItemModel;

namespace ivcap {
class Connection;
struct ApiError;
} // namespace ivcap

namespace ivcap::ui {

// The earlier versions of a record: the record that was active for the same entity and schema
// before each version became valid, found through `at-time` queries, newest first. The list
// endpoint only answers "what was active at time T", so a version that was active for less
// time than the gap between two probes can be missed.
class MetadataHistory : public QObject
{
    Q_OBJECT
public:
    enum Column { ValidFromColumn, ValidToColumn, RecordColumn, ColumnCount };
    enum Roles { RecordIdRole = Qt::UserRole + 1 };
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
    QDateTime m_from;
    int m_probe = 0;
};

} // namespace ivcap::ui
