#include "artifactlistmodel.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QLocale>

namespace ivcap {

ArtifactListModel::ArtifactListModel(QObject *parent)
    : EntityListModel(EntityKind::Artifacts, parent)
{}

ArtifactListModel::Row ArtifactListModel::parse(const QJsonObject &o)
{
    Row r;
    r.id = json::str(o, QLatin1String("id"));
    r.name = json::str(o, QLatin1String("name"));
    r.mimeType = json::intern(json::str(o, QLatin1String("mime-type")));
    r.status = json::intern(json::str(o, QLatin1String("status")));
    r.size = json::int64(o, QLatin1String("size"));
    r.extras = extras(o, {QLatin1String("id"), QLatin1String("name"), QLatin1String("mime-type"),
                          QLatin1String("status"), QLatin1String("size")});
    return r;
}

void ArtifactListModel::appendRow(const QJsonObject &item)
{
    m_rows.append(parse(item));
}

bool ArtifactListModel::updateRow(int row, const QJsonObject &item)
{
    Row r = parse(item);
    if (r == m_rows.at(row))
        return false;
    m_rows[row] = std::move(r);
    return true;
}

QStringList ArtifactListModel::headers() const
{
    return {QCoreApplication::translate("ivcap::ArtifactListModel", "Name"),
            QCoreApplication::translate("ivcap::ArtifactListModel", "Type"),
            QCoreApplication::translate("ivcap::ArtifactListModel", "Size"),
            QCoreApplication::translate("ivcap::ArtifactListModel", "Status"),
            QCoreApplication::translate("ivcap::ArtifactListModel", "ID")};
}

QVariant ArtifactListModel::display(int row, int column) const
{
    const Row &r = m_rows.at(row);
    switch (column) {
    case NameColumn:
        return r.name;
    case MimeTypeColumn:
        return r.mimeType;
    case SizeColumn:
        return QLocale().formattedDataSize(r.size);
    case StatusColumn:
        return r.status;
    case IdColumn:
        return r.id;
    default:
        return QVariant();
    }
}

QVariant ArtifactListModel::raw(int row, int column) const
{
    if (column == SizeColumn)
        return m_rows.at(row).size;
    return display(row, column);
}

QVariant ArtifactListModel::extraData(int row, int, int role) const
{
    const Row &r = m_rows.at(row);
    switch (role) {
    case SizeRole:
        return r.size;
    case MimeTypeRole:
        return r.mimeType;
    case NameRole:
        return r.name;
    default:
        return QVariant();
    }
}

QJsonObject ArtifactListModel::rawJson(int row) const
{
    const Row &r = m_rows.at(row);
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("name"), r.name},
                  {QStringLiteral("mime-type"), r.mimeType},
                  {QStringLiteral("status"), r.status},
                  {QStringLiteral("size"), r.size}};
    mergeExtras(o, r.extras);
    return o;
}

QString ArtifactListModel::orderField(int column) const
{
    switch (column) {
    case NameColumn:
        return QStringLiteral("name");
    case StatusColumn:
        return QStringLiteral("status");
    case IdColumn:
        return QStringLiteral("id");
    default:
        return QString();
    }
}

} // namespace ivcap
