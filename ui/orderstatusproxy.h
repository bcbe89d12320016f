#pragma once

#include <QIcon>
#include <QIdentityProxyModel>

namespace ivcap::ui {

// Presents an order status (PROTOCOL.md §3.2) as icon, text, colour and tooltip together, so a
// status never depends on colour alone. Only the status column is decorated; every other role
// passes through. Unknown values keep their text and get the "unknown" icon.
class OrderStatusProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit OrderStatusProxy(QObject *parent = nullptr);

    // The source column that holds the status (OrderListModel::StatusColumn by default).
    void setStatusColumn(int column) { m_statusColumn = column; }
    int statusColumn() const { return m_statusColumn; }

    QVariant data(const QModelIndex &index, int role) const override;

    static QIcon icon(const QString &status);
    static QString label(const QString &status);
    static QString description(const QString &status);
    static QColor colour(const QString &status);

private:
    int m_statusColumn;
};

} // namespace ivcap::ui
