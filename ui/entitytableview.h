#pragma once

#include "api/apierror.h"

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

class ErrorBanner;

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
    // Shown above the table while the list is really empty (and "Loading…" while it loads;
    // what went wrong when it failed; that a filter or "As of" hides everything).
    void setPlaceholder(const QString &text);
    // The page's own error banner: the list's load errors (a 401 goes to the window's banner),
    // cleared when the list loads again.
    ErrorBanner *errorBanner() const { return m_banner; }
    QLabel *placeholderLabel() const { return m_placeholder; }
    // "Showing the deployment as of …" while the list looks at a past time.
    QLabel *asOfLabel() const { return m_asOf; }

Q_SIGNALS:
    // The user chose the row of `current` (an index of table()'s model): it became current
    // while selected, or the current row became selected (a click on it). The cursor a table
    // puts on its first row, unselected, when it gets the focus is no choice and not reported.
    void rowChosen(const QModelIndex &current);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reportChoice();
    void updatePlaceholder();
    // Shows the model's server order in the header (or no indicator).
    void showServerOrder();
    void onSortIndicatorChanged(int section);
    void showError(const ivcap::ApiError &error);
    void showAsOf();

    QTableView *m_table;
    QAbstractProxyModel *m_proxy;
    QAction *m_copyId;
    QLabel *m_placeholder;
    ErrorBanner *m_banner;
    QLabel *m_asOf;
    QString m_emptyText;
};

} // namespace ivcap::ui
