#include "servicelistmodel.h"

#include "jsonfields.h"

#include <QCoreApplication>

namespace ivcap {

ServiceListModel::ServiceListModel(QObject *parent) : EntityListModel(EntityKind::Services, parent)
{}

void ServiceListModel::setSearch(const QString &search)
{
    ListQuery q = query();
    q.search = search;
    setQuery(q);
}

ServiceListModel::Row ServiceListModel::parse(const QJsonObject &o)
{
    Row r;
    r.id = json::str(o, QLatin1String("id"));
    r.name = json::str(o, QLatin1String("name"));
    r.description = json::str(o, QLatin1String("description"));
    r.providerId = json::refId(o, QLatin1String("provider"));
    r.extras =
        extras(o, {QLatin1String("id"), QLatin1String("name"), QLatin1String("description")});
    return r;
}

void ServiceListModel::appendRow(const QJsonObject &item)
{
    m_rows.append(parse(item));
}

bool ServiceListModel::updateRow(int row, const QJsonObject &item)
{
    Row r = parse(item);
    if (r == m_rows.at(row))
        return false;
    m_rows[row] = std::move(r);
    return true;
}

QStringList ServiceListModel::headers() const
{
    return {QCoreApplication::translate("ivcap::ServiceListModel", "Name"),
            QCoreApplication::translate("ivcap::ServiceListModel", "Description"),
            QCoreApplication::translate("ivcap::ServiceListModel", "Provider"),
            QCoreApplication::translate("ivcap::ServiceListModel", "ID")};
}

QVariant ServiceListModel::display(int row, int column) const
{
    const Row &r = m_rows.at(row);
    switch (column) {
    case NameColumn:
        return r.name;
    case DescriptionColumn:
        return r.description;
    case ProviderColumn:
        return r.providerId;
    case IdColumn:
        return r.id;
    default:
        return QVariant();
    }
}

QJsonObject ServiceListModel::rawJson(int row) const
{
    const Row &r = m_rows.at(row);
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("name"), r.name},
                  {QStringLiteral("description"), r.description}};
    mergeExtras(o, r.extras); // provider and links travel in the extras
    return o;
}

QString ServiceListModel::orderField(int column) const
{
    switch (column) {
    case NameColumn:
        return QStringLiteral("name");
    case IdColumn:
        return QStringLiteral("id");
    default:
        return QString();
    }
}

} // namespace ivcap
