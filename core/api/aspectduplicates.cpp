#include "aspectduplicates.h"

#include "aspectcalls.h"
#include "connection.h"
#include "dialect.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ivcap {

AspectDuplicates::AspectDuplicates(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{}

void AspectDuplicates::cancel()
{
    if (m_request)
        m_request->cancel();
    m_request = nullptr;
    m_pending.clear();
}

void AspectDuplicates::find(const QString &entity, const QString &schema)
{
    cancel();
    m_entity = entity;
    m_schema = schema;
    m_live.clear();
    m_request = Api::listLiveAspects(m_connection, entity, schema, this);
    connect(m_request, &ApiRequest::finished, this, [this](const QJsonDocument &doc) {
        m_request = nullptr;
        const Dialect &dialect = m_connection->dialect();
        ApiError error;
        const QJsonArray items =
            dialect.pageItems(EntityKind::Aspects, doc.object(), QUrl(), &error);
        if (error.isError()) {
            Q_EMIT failed(error);
            return;
        }
        const QLatin1String idKey = dialect.key(EntityKind::Aspects, Field::RecordId);
        for (const QJsonValue &item : items) {
            const QJsonObject o = item.toObject();
            // `schema` is a prefix pattern on the server; only this very schema counts.
            if (o.value(QLatin1String("schema")).toString() != m_schema ||
                o.value(QLatin1String("entity")).toString() != m_entity)
                continue;
            const QString id = o.value(idKey).toString();
            if (!id.isEmpty())
                m_live.append(id);
        }
        Q_EMIT found(m_live);
    });
    connect(m_request, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_request = nullptr;
        Q_EMIT failed(error);
    });
    m_request->start();
}

void AspectDuplicates::retractAllBut(const QString &keepId)
{
    cancel();
    m_pending = m_live;
    m_pending.removeAll(keepId);
    m_retracted = 0;
    retractNext();
}

void AspectDuplicates::retractNext()
{
    if (m_pending.isEmpty()) {
        Q_EMIT retracted(m_retracted);
        return;
    }
    const QString id = m_pending.takeFirst();
    m_request = Api::retractAspect(m_connection, id, this);
    connect(m_request, &ApiRequest::finished, this, [this, id] {
        m_request = nullptr;
        m_live.removeAll(id);
        ++m_retracted;
        retractNext();
    });
    connect(m_request, &ApiRequest::failed, this, [this, id](const ApiError &error) {
        m_request = nullptr;
        if (error.httpStatus == 404 || error.httpStatus == 422) {
            m_live.removeAll(id);
            retractNext();
            return;
        }
        m_pending.clear();
        Q_EMIT failed(error);
    });
    m_request->start();
}

} // namespace ivcap
