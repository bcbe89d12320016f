#pragma once

#include <QWidget>

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTableView;
class QLabel;

namespace ivcap::ui {

// A sortable table over one entity list model. Sorting of loaded rows happens in a proxy;
// the view asks the source for more rows as the user scrolls (fetchMore).
class EntityTableView : public QWidget
{
    Q_OBJECT
public:
    explicit EntityTableView(const QString &accessibleName, QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    // Shown above the table while the list is empty (and "Loading…" while it loads).
    void setPlaceholder(const QString &text);

private:
    void updatePlaceholder();

    QTableView *m_table;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_placeholder;
    QString m_emptyText;
};

} // namespace ivcap::ui
