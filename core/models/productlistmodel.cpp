#include "productlistmodel.h"

#include "api/dialect.h"
#include "jsonfields.h"

#include <QLocale>

namespace ivcap {

namespace {
QString productId(const QJsonObject &product)
{
    return product.value(QLatin1String("id")).toString();
}
} // namespace

ProductListModel::ProductListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProductListModel::setProducts(const QJsonArray &products)
{
    QList<QJsonObject> incoming;
    for (const QJsonValue &v : products) {
        if (v.isObject())
            incoming.append(v.toObject());
    }
    // Drop rows the server no longer lists (rare, but a record may be revoked), back to front.
    for (int row = int(m_products.size()) - 1; row >= 0; --row) {
        const QString id = productId(m_products.at(row));
        const bool kept = std::any_of(incoming.cbegin(), incoming.cend(),
                                      [&id](const QJsonObject &p) { return productId(p) == id; });
        if (!kept) {
            beginRemoveRows({}, row, row);
            m_products.removeAt(row);
            endRemoveRows();
        }
    }
    for (const QJsonObject &product : std::as_const(incoming)) {
        const QString id = productId(product);
        const auto it = std::find_if(m_products.begin(), m_products.end(),
                                     [&id](const QJsonObject &p) { return productId(p) == id; });
        if (it == m_products.end()) {
            const int row = int(m_products.size());
            beginInsertRows({}, row, row);
            m_products.append(product);
            endInsertRows();
        } else if (*it != product) {
            *it = product;
            const int row = int(it - m_products.begin());
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

QString ProductListModel::idAt(int row) const
{
    return row >= 0 && row < m_products.size() ? productId(m_products.at(row)) : QString();
}

int ProductListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int ProductListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const QJsonObject &p = m_products.at(index.row());
    switch (role) {
    case IdRole:
        return productId(p);
    case RawJsonRole:
        return p;
    case DataUrlRole:
        return Dialect::productDataUrl(p);
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case RawValueRole:
        break;
    default:
        return QVariant();
    }
    switch (index.column()) {
    case NameColumn: {
        const QString name = json::str(p, QLatin1String("name"));
        return name.isEmpty() && role == Qt::DisplayRole ? productId(p) : name;
    }
    case TypeColumn:
        return json::str(p, QLatin1String("mime-type"));
    case SizeColumn: {
        const qint64 size = json::int64(p, QLatin1String("size"));
        if (role == RawValueRole)
            return size;
        return QLocale().formattedDataSize(size);
    }
    case StatusColumn:
        return json::str(p, QLatin1String("status"));
    }
    return QVariant();
}

QVariant ProductListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case StatusColumn:
        return tr("Status");
    }
    return QVariant();
}

} // namespace ivcap
