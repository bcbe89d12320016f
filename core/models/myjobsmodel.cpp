#include "myjobsmodel.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QLocale>

namespace ivcap {

MyJobsModel::MyJobsModel(QObject *parent) : EntityListModel(EntityKind::Aspects, parent)
{
    ListQuery q;
    q.schemaPrefix = JobSchema;
    q.orderBy = QStringLiteral("requested-at");
    q.orderDesc = true;
    setQuery(q);
}

QJsonObject MyJobsModel::contentOf(const QJsonObject &item)
{
    // `content` on aspects; `aspect` where a deployment lists them as metadata.
    const QJsonValue content = item.value(QLatin1String("content"));
    return content.isObject() ? content.toObject() : item.value(QLatin1String("aspect")).toObject();
}

QString MyJobsModel::itemId(const QJsonObject &item) const
{
    const QString id = contentOf(item).value(QLatin1String("id")).toString();
    return id.isEmpty() ? item.value(QLatin1String("entity")).toString() : id;
}

MyJobsModel::Row MyJobsModel::parse(const QJsonObject &item)
{
    const QJsonObject c = contentOf(item);
    Row r;
    r.id = json::str(c, QLatin1String("id"));
    if (r.id.isEmpty())
        r.id = json::str(item, QLatin1String("entity"));
    r.name = json::str(c, QLatin1String("name"));
    r.status = json::intern(json::str(c, QLatin1String("status")));
    r.serviceId = json::intern(json::str(c, QLatin1String("service-id")));
    r.serviceName = json::intern(json::str(c, QLatin1String("service-name")));
    r.requestedAt = json::time(c, QLatin1String("requested-at"));
    r.finishedAt = json::time(c, QLatin1String("finished-at"));
    r.item = QJsonDocument(item).toJson(QJsonDocument::Compact);
    return r;
}

QString MyJobsModel::serviceIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).serviceId : QString();
}

void MyJobsModel::appendRow(const QJsonObject &item)
{
    m_rows.append(parse(item));
}

bool MyJobsModel::updateRow(int row, const QJsonObject &item)
{
    Row r = parse(item);
    if (r == m_rows.at(row))
        return false;
    m_rows[row] = std::move(r);
    return true;
}

QStringList MyJobsModel::headers() const
{
    return {QCoreApplication::translate("ivcap::MyJobsModel", "Name"),
            QCoreApplication::translate("ivcap::MyJobsModel", "Status"),
            QCoreApplication::translate("ivcap::MyJobsModel", "Service"),
            QCoreApplication::translate("ivcap::MyJobsModel", "Requested"),
            QCoreApplication::translate("ivcap::MyJobsModel", "Finished"),
            QCoreApplication::translate("ivcap::MyJobsModel", "ID")};
}

QVariant MyJobsModel::display(int row, int column) const
{
    const Row &r = m_rows.at(row);
    const auto when = [](const QDateTime &t) {
        return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
    };
    switch (column) {
    case NameColumn:
        return r.name;
    case StatusColumn:
        return r.status;
    case ServiceColumn:
        return r.serviceName.isEmpty() ? r.serviceId : r.serviceName;
    case RequestedAtColumn:
        return when(r.requestedAt);
    case FinishedAtColumn:
        return when(r.finishedAt);
    case IdColumn:
        return r.id;
    default:
        return QVariant();
    }
}

QVariant MyJobsModel::raw(int row, int column) const
{
    const Row &r = m_rows.at(row);
    if (column == RequestedAtColumn)
        return r.requestedAt;
    if (column == FinishedAtColumn)
        return r.finishedAt;
    if (column == ServiceColumn)
        return r.serviceId;
    return display(row, column);
}

QVariant MyJobsModel::extraData(int row, int, int role) const
{
    return role == ServiceIdRole ? QVariant(m_rows.at(row).serviceId) : QVariant();
}

QJsonObject MyJobsModel::rawJson(int row) const
{
    return QJsonDocument::fromJson(m_rows.at(row).item).object();
}

} // namespace ivcap
