#pragma once

#include <QDialog>

class QTableWidget;

namespace ivcap::ui {

// Help ▸ Keyboard shortcuts: every action of a window that has a shortcut, with its menu
// text and key, read from the actions themselves so the list cannot drift from what works.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    // Lists the shortcuts of `window`'s actions (its menus' and its own); non-modal.
    explicit ShortcutsDialog(QWidget *window);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace ivcap::ui
