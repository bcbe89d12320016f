#include "orderlistmodel.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QLocale>

namespace ivcap {

OrderListModel::OrderListModel(QObject *parent) : EntityListModel(EntityKind::Orders, parent) {}

bool OrderListModel::isTerminal(const QString &status)
{
    return status == QLatin1String("succeeded") || status == QLatin1String("failed") ||
           status == QLatin1String("error");
}

OrderListModel::Row OrderListModel::parse(const QJsonObject &o) const
{
    Row r;
    // v0.28 names the service `service-id`; later versions write the URN under `service`.
    const QLatin1String serviceKey = dialect().key(EntityKind::Orders, Field::OrderService);
    r.serviceUrnKey = serviceKey != QLatin1String("service-id");
    r.id = json::str(o, QLatin1String("id"));
    r.name = json::str(o, QLatin1String("name"));
    r.status = json::intern(json::str(o, QLatin1String("status")));
    r.serviceId = Dialect::reference(o, serviceKey);
    r.orderedAt = json::time(o, QLatin1String("ordered-at"));
    r.startedAt = json::time(o, QLatin1String("started-at"));
    r.finishedAt = json::time(o, QLatin1String("finished-at"));
    r.extras = extras(o, {QLatin1String("id"), QLatin1String("name"), QLatin1String("status"),
                          serviceKey, QLatin1String("ordered-at"), QLatin1String("started-at"),
                          QLatin1String("finished-at")});
    return r;
}

void OrderListModel::appendRow(const QJsonObject &item)
{
    m_rows.append(parse(item));
}

bool OrderListModel::updateRow(int row, const QJsonObject &item)
{
    Row r = parse(item);
    if (r == m_rows.at(row))
        return false;
    m_rows[row] = std::move(r);
    return true;
}

QStringList OrderListModel::headers() const
{
    return {QCoreApplication::translate("ivcap::OrderListModel", "Name"),
            QCoreApplication::translate("ivcap::OrderListModel", "Status"),
            QCoreApplication::translate("ivcap::OrderListModel", "Ordered"),
            QCoreApplication::translate("ivcap::OrderListModel", "Started"),
            QCoreApplication::translate("ivcap::OrderListModel", "Finished"),
            QCoreApplication::translate("ivcap::OrderListModel", "Service")};
}

QVariant OrderListModel::display(int row, int column) const
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
    case OrderedAtColumn:
        return when(r.orderedAt);
    case StartedAtColumn:
        return when(r.startedAt);
    case FinishedAtColumn:
        return when(r.finishedAt);
    case ServiceColumn:
        return r.serviceId;
    default:
        return QVariant();
    }
}

QVariant OrderListModel::raw(int row, int column) const
{
    const Row &r = m_rows.at(row);
    switch (column) {
    case OrderedAtColumn:
        return r.orderedAt;
    case StartedAtColumn:
        return r.startedAt;
    case FinishedAtColumn:
        return r.finishedAt;
    default:
        return display(row, column);
    }
}

QJsonObject OrderListModel::rawJson(int row) const
{
    const Row &r = m_rows.at(row);
    const auto iso = [](const QDateTime &t) {
        return t.isValid() ? t.toString(Qt::ISODate) : QString();
    };
    QJsonObject o{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("name"), r.name},
        {QStringLiteral("status"), r.status},
        {r.serviceUrnKey ? QStringLiteral("service") : QStringLiteral("service-id"), r.serviceId},
        {QStringLiteral("ordered-at"), iso(r.orderedAt)},
        {QStringLiteral("started-at"), iso(r.startedAt)},
        {QStringLiteral("finished-at"), iso(r.finishedAt)}};
    mergeExtras(o, r.extras);
    return o;
}

QString OrderListModel::orderField(int column) const
{
    switch (column) {
    case NameColumn:
        return QStringLiteral("name");
    case StatusColumn:
        return QStringLiteral("status");
    case OrderedAtColumn:
        return QStringLiteral("ordered-at");
    default:
        return QString();
    }
}

} // namespace ivcap
