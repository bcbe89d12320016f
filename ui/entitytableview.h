#pragma once

#include <QWidget>

class QAction;
class QAbstractItemModel;
class QAbstractProxyModel;
class QTableView;
class QLabel;

namespace ivcap {
class EntityListModel;
}

namespace ivcap::ui {

// A table over one entity list model (directly or through identity proxies). A header click
// sorts on the server: the model starts a new query with order-by/order-desc. Columns the API
// cannot order by do nothing when clicked and never show a sort indicator; nothing is sorted
// locally, since a paged list's loaded rows are not the whole list. The view asks the source
// for more rows as the user scrolls (fetchMore).
class EntityTableView : public QWidget
{
    Q_OBJECT
public:
    explicit EntityTableView(const QString &accessibleName, QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QTableView *table() const { return m_table; }
    // Maps between the view's rows and the model given to setModel (an identity mapping).
    QAbstractProxyModel *proxy() const { return m_proxy; }
    // Copies the current row's id to the clipboard (context menu, Ctrl+Shift+C).
    QAction *copyIdAction() const { return m_copyId; }
    // The entity list model under setModel's model, or nullptr.
    EntityListModel *entityModel() const;
    // Shown above the table while the list is empty (and "Loading…" while it loads).
    void setPlaceholder(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updatePlaceholder();
    // Shows the model's server order in the header (or no indicator).
    void showServerOrder();
    void onSortIndicatorChanged(int section);

    QTableView *m_table;
    QAbstractProxyModel *m_proxy;
    QAction *m_copyId;
    QLabel *m_placeholder;
    QString m_emptyText;
};

} // namespace ivcap::ui
