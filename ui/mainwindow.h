#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QLabel;

namespace ivcap::ui {

// The shell: a navigation sidebar, one page per entity view, and a status bar. Features live in
// their own widgets; this class only hosts them and remembers the window layout.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page reachable from the sidebar and by Ctrl+<n>; `key` names it for --view.
    void addPage(const QString &key, const QString &title, QWidget *page);
    bool showPage(const QString &key);
    QWidget *page(const QString &key) const;
    void setConnectionText(const QString &text);
    void showError(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreLayout();

    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    QLabel *m_connectionLabel;
    QStringList m_keys;
};

} // namespace ivcap::ui
