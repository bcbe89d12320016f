#include "joblistmodel.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QLocale>

namespace ivcap {

JobListModel::JobListModel(QObject *parent) : EntityListModel(EntityKind::Jobs, parent) {}

bool JobListModel::canFetchMore(const QModelIndex &parent) const
{
    return !scope().isEmpty() && EntityListModel::canFetchMore(parent);
}

JobListModel::Row JobListModel::parse(const QJsonObject &o)
{
    Row r;
    r.id = json::str(o, QLatin1String("id"));
    r.name = json::str(o, QLatin1String("name"));
    r.status = json::intern(json::str(o, QLatin1String("status")));
    r.service = json::intern(Dialect::reference(o, QLatin1String("service")));
    r.startedAt = json::time(o, QLatin1String("started-at"));
    r.finishedAt = json::time(o, QLatin1String("finished-at"));
    r.extras = extras(o, {QLatin1String("id"), QLatin1String("name"), QLatin1String("status"),
                          QLatin1String("service"), QLatin1String("started-at"),
                          QLatin1String("finished-at")});
    return r;
}

void JobListModel::appendRow(const QJsonObject &item)
{
    m_rows.append(parse(item));
}

bool JobListModel::updateRow(int row, const QJsonObject &item)
{
    Row r = parse(item);
    if (r == m_rows.at(row))
        return false;
    m_rows[row] = std::move(r);
    return true;
}

QStringList JobListModel::headers() const
{
    return {QCoreApplication::translate("ivcap::JobListModel", "Name"),
            QCoreApplication::translate("ivcap::JobListModel", "Status"),
            QCoreApplication::translate("ivcap::JobListModel", "Started"),
            QCoreApplication::translate("ivcap::JobListModel", "Finished"),
            QCoreApplication::translate("ivcap::JobListModel", "Service"),
            QCoreApplication::translate("ivcap::JobListModel", "ID")};
}

QVariant JobListModel::display(int row, int column) const
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
    case StartedAtColumn:
        return when(r.startedAt);
    case FinishedAtColumn:
        return when(r.finishedAt);
    case ServiceColumn:
        return r.service;
    case IdColumn:
        return r.id;
    default:
        return QVariant();
    }
}

QVariant JobListModel::raw(int row, int column) const
{
    const Row &r = m_rows.at(row);
    if (column == StartedAtColumn)
        return r.startedAt;
    if (column == FinishedAtColumn)
        return r.finishedAt;
    return display(row, column);
}

QJsonObject JobListModel::rawJson(int row) const
{
    const Row &r = m_rows.at(row);
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("name"), r.name},
                  {QStringLiteral("status"), r.status},
                  {QStringLiteral("service"), r.service}};
    if (r.startedAt.isValid())
        o.insert(QStringLiteral("started-at"), r.startedAt.toString(Qt::ISODateWithMs));
    if (r.finishedAt.isValid())
        o.insert(QStringLiteral("finished-at"), r.finishedAt.toString(Qt::ISODateWithMs));
    mergeExtras(o, r.extras);
    return o;
}

} // namespace ivcap
