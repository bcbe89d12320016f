#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>

namespace ivcap {

// The products (ProductT) of one order. Updated from each poll: known products change in place,
// new ones are appended, so a view keeps its selection while an order runs.
class ProductListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, SizeColumn, StatusColumn, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1, RawValueRole, DataUrlRole, RawJsonRole };

    explicit ProductListModel(QObject *parent = nullptr);

    void setProducts(const QJsonArray &products);
    QString idAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<QJsonObject> m_products;
};

} // namespace ivcap
