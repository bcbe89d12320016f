#pragma once

#include "apierror.h"
#include "apirequest.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace ivcap {

class Connection;

// The live records of one entity and schema, and retracting all of them but one: what a
// client does when an update (PUT /1/aspects?entity&schema) answers 424 `not-unique` because
// the entity has more than one live record of that schema (PROTOCOL-0.48 §2.4) and the user
// chooses to keep only the record they are editing. Each step reports exactly one signal;
// a step started while another runs cancels the running one.
class AspectDuplicates : public QObject
{
    Q_OBJECT
public:
    AspectDuplicates(Connection *connection, QObject *parent = nullptr);

    QString entity() const { return m_entity; }
    QString schema() const { return m_schema; }
    // The live record ids found by the last find(), newest first.
    QStringList liveIds() const { return m_live; }
    bool isRunning() const { return m_request != nullptr; }

public Q_SLOTS:
    // Lists the live records of `entity` with exactly `schema` (GET /1/aspects, or /1/metadata
    // on v0.28) and reports them with found().
    void find(const QString &entity, const QString &schema);
    // Retracts every record found by find() except `keepId` (DELETE, one after another), then
    // reports retracted() with how many it retracted. A record another client retracted in the
    // meantime (422 or 404) counts as done.
    void retractAllBut(const QString &keepId);
    void cancel();

Q_SIGNALS:
    void found(const QStringList &liveIds);
    void retracted(int count);
    void failed(const ivcap::ApiError &error);

private:
    void retractNext();

    Connection *m_connection;
    QString m_entity;
    QString m_schema;
    QStringList m_live;
    QStringList m_pending;
    int m_retracted = 0;
    QPointer<ApiRequest> m_request;
};

} // namespace ivcap
