#include "metadatahistory.h"

#include "api/apicalls.h"
#include "api/aspectcalls.h"
#include "api/changenotifier.h"
#include "api/connection.h"
#include "api/dialect.h"

#include <QBrush>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QStandardItemModel>

#include <iterator>

namespace ivcap::ui {

namespace {
QDateTime parseTime(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}
} // namespace

MetadataHistory::MetadataHistory(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection),
      m_model(new QStandardItemModel(0, ColumnCount, this))
{
    m_model->setHorizontalHeaderLabels({tr("Valid from"), tr("Status"), tr("Record")});
    if (ChangeNotifier *changes = ChangeNotifier::of(connection)) {
        // A record of this entity and schema was revoked or replaced: its "current" row now has
        // an end, and a replacement is a new version. Read the history again.
        connect(changes, &ChangeNotifier::changed, this,
                [this](const QString &collection, const QString &, const QString &entityId) {
                    if ((collection != QLatin1String("metadata") &&
                         collection != QLatin1String("aspects")) ||
                        m_recordId.isEmpty() ||
                        (!entityId.isEmpty() && !m_entity.isEmpty() && entityId != m_entity))
                        return;
                    start(m_recordId);
                });
        connect(changes, &ChangeNotifier::deploymentChanged, this, [this] { start(QString()); });
    }
}

void MetadataHistory::start(const QString &recordId)
{
    cancel();
    if (m_model->rowCount() > 0)
        m_model->removeRows(0, m_model->rowCount());
    m_seen.clear();
    m_lastId.clear();
    m_successorFrom = QDateTime();
    m_viaReplaces = false;
    m_recordId = recordId;
    m_entity.clear();
    m_schema.clear();
    m_start = QJsonObject();
    if (recordId.isEmpty())
        return;
    m_seen.insert(recordId);
    run(Api::readEntity(m_connection, EntityKind::Aspects, recordId, this),
        &MetadataHistory::onStartRecord);
}

void MetadataHistory::onStartRecord(const QJsonObject &record)
{
    m_start = record;
    const QString entity = record.value(QLatin1String("entity")).toString();
    const QString schema = record.value(QLatin1String("schema")).toString();
    if (entity.isEmpty() || schema.isEmpty()) {
        onRecord(record);
        return;
    }
    run(Api::listLiveAspects(m_connection, entity, schema, this), &MetadataHistory::onLive);
}

void MetadataHistory::onLive(const QJsonObject &list)
{
    const Dialect &dialect = m_connection->dialect();
    const QJsonArray items = dialect.pageItems(EntityKind::Aspects, list, QUrl(), nullptr);
    const QLatin1String idKey = dialect.key(EntityKind::Aspects, Field::RecordId);
    const QString entity = m_start.value(QLatin1String("entity")).toString();
    const QString schema = m_start.value(QLatin1String("schema")).toString();
    QStringList live;
    for (const QJsonValue &item : items) {
        const QJsonObject o = item.toObject();
        if (o.value(QLatin1String("entity")).toString() == entity &&
            o.value(QLatin1String("schema")).toString() == schema)
            live.append(o.value(idKey).toString());
    }
    const QJsonObject start = m_start;
    m_start = QJsonObject();
    // With several live records there is no one "latest"; start from the record given.
    if (live.size() == 1 && !live.first().isEmpty() && !m_seen.contains(live.first())) {
        m_seen.clear();
        read(live.first());
        return;
    }
    onRecord(start);
}

void MetadataHistory::cancel()
{
    if (m_request)
        m_request->cancel();
    m_request = nullptr;
}

void MetadataHistory::run(ApiRequest *request,
                          void (MetadataHistory::*handler)(const QJsonObject &))
{
    m_request = request;
    connect(request, &ApiRequest::finished, this, [this, handler](const QJsonDocument &doc) {
        m_request = nullptr;
        (this->*handler)(doc.object());
    });
    connect(request, &ApiRequest::failed, this, &MetadataHistory::onFailed);
    request->start();
}

void MetadataHistory::read(const QString &recordId)
{
    m_seen.insert(recordId);
    run(Api::readEntity(m_connection, EntityKind::Aspects, recordId, this),
        &MetadataHistory::onRecord);
}

void MetadataHistory::onRecord(const QJsonObject &record)
{
    QString id = record.value(QLatin1String("record-id")).toString();
    if (id.isEmpty())
        id = record.value(QLatin1String("id")).toString();
    const QDateTime from = parseTime(record.value(QLatin1String("valid-from")));
    const QDateTime to = parseTime(record.value(QLatin1String("valid-to")));
    if (m_entity.isEmpty()) {
        m_entity = record.value(QLatin1String("entity")).toString();
        m_schema = record.value(QLatin1String("schema")).toString();
    }
    // The version read before this one is its successor. This one was replaced by it when
    // the successor names it in `replaces` (v0.48), or when it ended as the successor began
    // (v0.28, which does not record `replaces`, stamps the two separately, milliseconds apart);
    // otherwise it was retracted and a new one added later.
    const bool byTime = !m_connection->dialect().hasAspects(); // only v0.28 lacks `replaces`
    const bool replaced = !m_lastId.isEmpty() && to.isValid() &&
                          (m_viaReplaces || (byTime && m_successorFrom.isValid() &&
                                             to >= m_successorFrom.addMSecs(-1000)));
    const QLocale locale;
    const QString when =
        to.isValid() ? locale.toString(to.toLocalTime(), QLocale::ShortFormat) : QString();
    // Words, not only colour: a reader without colour (or a screen reader) sees the state.
    auto *status = new QStandardItem(!to.isValid() ? tr("current")
                                     : replaced    ? tr("replaced %1").arg(when)
                                                   : tr("retracted %1").arg(when));
    if (to.isValid() && !replaced)
        status->setForeground(QBrush(Qt::darkRed));
    QList<QStandardItem *> row{
        new QStandardItem(from.isValid() ? locale.toString(from.toLocalTime(), QLocale::ShortFormat)
                                         : QString()),
        status, new QStandardItem(id)};
    for (QStandardItem *item : row) {
        item->setData(id, RecordIdRole);
        item->setData(to.isValid(), RetractedRole);
        item->setData(to.toUTC(), ValidToRole);
        item->setEditable(false);
    }
    m_model->appendRow(row);
    m_lastId = id;
    m_successorFrom = from;
    m_viaReplaces = false;
    if (!from.isValid() || m_model->rowCount() >= MaxVersions || m_entity.isEmpty()) {
        Q_EMIT finished(m_model->rowCount());
        return;
    }
    const QString replaces = record.value(QLatin1String("replaces")).toString();
    if (!replaces.isEmpty() && !m_seen.contains(replaces)) {
        m_viaReplaces = true;
        read(replaces);
        return;
    }
    m_from = from;
    m_probe = 0;
    probe();
}

void MetadataHistory::probe()
{
    // The predecessor was revoked at or shortly before its successor's `valid-from` (the
    // server stamps the two separately), so look a little further back each time, then in
    // larger steps for records replaced by hand much later.
    static constexpr qint64 steps[] = {1,   2,   4,    8,     16,    32,      64,      128,
                                       256, 512, 1000, 10000, 60000, 3600000, 86400000};
    if (m_probe >= int(std::size(steps))) {
        Q_EMIT finished(m_model->rowCount());
        return;
    }
    ListQuery query;
    query.entityId = m_entity;
    query.schemaPrefix = m_schema;
    query.atTime = m_from.addMSecs(-steps[m_probe++]);
    query.limit = 50;
    run(Api::listEntities(m_connection, EntityKind::Aspects, query, QString(), this),
        &MetadataHistory::onList);
}

void MetadataHistory::onList(const QJsonObject &list)
{
    const Dialect &dialect = m_connection->dialect();
    ApiError error;
    const QJsonArray records = dialect.pageItems(EntityKind::Aspects, list, QUrl(), &error);
    if (error.isError()) {
        onFailed(error);
        return;
    }
    const QLatin1String idKey = dialect.key(EntityKind::Aspects, Field::RecordId);
    for (const QJsonValue &r : records) {
        const QJsonObject o = r.toObject();
        const QString id = o.value(idKey).toString();
        // `schema` is a prefix on the server; only this very schema is a version.
        if (!id.isEmpty() && !m_seen.contains(id) &&
            o.value(QLatin1String("schema")).toString() == m_schema) {
            read(id);
            return;
        }
    }
    probe();
}

void MetadataHistory::onFailed(const ApiError &error)
{
    m_request = nullptr;
    Q_EMIT failed(error.message);
}

} // namespace ivcap::ui
