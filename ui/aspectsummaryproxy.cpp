#include "aspectsummaryproxy.h"

#include "models/metadatalistmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ivcap::ui {

AspectSummaryProxy::AspectSummaryProxy(QObject *parent) : QIdentityProxyModel(parent) {}

QVariant AspectSummaryProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() != MetadataListModel::AspectColumn ||
        (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QIdentityProxyModel::data(index, role);
    const QJsonObject aspect =
        QIdentityProxyModel::data(index, MetadataListModel::AspectRole).toJsonObject();
    if (role == Qt::ToolTipRole)
        return QString::fromUtf8(QJsonDocument(aspect).toJson(QJsonDocument::Indented).left(4000));
    return summary(aspect);
}

QString AspectSummaryProxy::summary(const QJsonObject &aspect, int maxLength)
{
    QStringList parts;
    for (auto it = aspect.begin(); it != aspect.end(); ++it) {
        if (it.key() == QLatin1String("$schema"))
            continue;
        QString value;
        const QJsonValue v = it.value();
        if (v.isString())
            value = v.toString();
        else if (v.isArray())
            value = tr("[%n item(s)]", nullptr, int(v.toArray().size()));
        else if (v.isObject())
            value = QStringLiteral("{…}");
        else
            value = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                        .mid(1)
                        .chopped(1);
        parts.append(it.key() + QStringLiteral(": ") + value);
    }
    QString text = parts.join(QStringLiteral(", "));
    if (text.size() > maxLength)
        text = text.left(maxLength - 1) + QChar(0x2026);
    return text;
}

} // namespace ivcap::ui
