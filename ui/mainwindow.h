#pragma once

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;

namespace ivcap::ui {

class ErrorBanner;
class QueryBar;

// The shell: a navigation sidebar, one page per entity view, a toolbar with the query controls,
// the error banner and a status bar. Features live in their own widgets; this class only hosts
// them and remembers the window layout (geometry, and the state of every splitter and header
// view that has an object name).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page reachable from the sidebar and by Ctrl+<n>; `key` names it for --view.
    void addPage(const QString &key, const QString &title, QWidget *page);
    bool showPage(const QString &key);
    // Hides or shows a page's sidebar entry (a page whose concept the deployment lacks); a
    // hidden current page gives way to the first visible one.
    void setPageVisible(const QString &key, bool visible);
    bool isPageVisible(const QString &key) const;
    QWidget *page(const QString &key) const;
    QString currentPageKey() const;

    QueryBar *queryBar() const { return m_queryBar; }
    // The window's own actions, shared by the toolbar, the sidebar and the menu bar.
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *connectAction() const { return m_connectAction; }
    QAction *findAction() const { return m_findAction; }
    // One per page, in sidebar order, with Ctrl+1 … Ctrl+9.
    QList<QAction *> pageActions() const { return m_pageActions; }
    ErrorBanner *errorBanner() const { return m_banner; }

    void setConnectionText(const QString &text);
    // Activity in the status bar: an indeterminate bar while anything loads.
    void setBusy(bool busy, const QString &text = QString());
    void showError(const QString &message, const QString &details = QString());
    void showMessage(const QString &message);
    void addStatusWidget(QWidget *widget);
    // Asked before the window closes; returning false keeps it open (e.g. transfers running).
    void setCloseGuard(std::function<bool()> guard) { m_closeGuard = std::move(guard); }

Q_SIGNALS:
    void currentPageChanged(const QString &key);
    void refreshRequested();
    void connectionsRequested();
    // Local files dropped anywhere on the window, to upload.
    void filesDropped(const QStringList &paths);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void restoreLayout();
    void saveLayout() const;

    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    QueryBar *m_queryBar;
    ErrorBanner *m_banner;
    QLabel *m_connectionLabel;
    QLabel *m_activityLabel;
    QProgressBar *m_activity;
    QStringList m_keys;
    QAction *m_refreshAction;
    QAction *m_connectAction;
    QAction *m_findAction;
    QList<QAction *> m_pageActions;
    std::function<bool()> m_closeGuard;
    bool m_layoutRestored = false;
};

} // namespace ivcap::ui
