#pragma once

#include <QKeySequence>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QAction;
class QMenu;
class QMessageBox;

namespace ivcap::ui {

class DraftsMenu;
class MainWindow;
class ShortcutsDialog;

// The main window's menu bar: File (Connect…, Upload files…, Quit), Edit (the standard editing
// commands for the focused field, Find), View (the pages, Refresh, As of…) and Help (Keyboard
// shortcuts, About). It reuses the window's own actions (the toolbar's Refresh and Connect, the
// sidebar's page actions, Find), so a menu item and its toolbar button are one QAction with one
// shortcut; keys are the platform's standard ones (QKeySequence::StandardKey) where they exist.
// The Edit commands act on whatever text field has the focus and are disabled where there is
// none, so they never steal a shortcut from a widget that handles it itself.
class MainMenu : public QObject
{
    Q_OBJECT
public:
    // Builds the menu bar of `window`; call after its pages have been added.
    explicit MainMenu(MainWindow *window);

    // What About says of the deployment: its address and, when known, the API version it
    // speaks (empty: not known).
    void setDeployment(const QUrl &url, const QString &apiVersion = QString());

    QAction *uploadAction() const { return m_upload; }
    // File ▸ Unsaved aspect drafts.
    DraftsMenu *draftsMenu() const { return m_drafts; }
    QAction *quitAction() const { return m_quit; }
    QAction *asOfAction() const { return m_asOf; }
    QAction *shortcutsAction() const { return m_shortcuts; }
    QAction *aboutAction() const { return m_about; }
    // Undo, Redo, Cut, Copy, Paste, Select All, in that order.
    QList<QAction *> editActions() const { return m_editActions; }

    // The text About shows.
    QString aboutText() const;

Q_SIGNALS:
    // File ▸ Upload files…: the owner asks for files to upload.
    void uploadRequested();

private:
    QAction *addEditAction(QMenu *menu, const QString &text, QKeySequence::StandardKey key,
                           const char *slot, const QString &name);
    void updateEditActions();
    void showShortcuts();
    void showAbout();

    MainWindow *m_window;
    QAction *m_upload;
    DraftsMenu *m_drafts;
    QAction *m_quit;
    QAction *m_asOf;
    QAction *m_shortcuts;
    QAction *m_about;
    QList<QAction *> m_editActions;
    QUrl m_deploymentUrl;
    QString m_apiVersion;
    QPointer<ShortcutsDialog> m_shortcutsDialog;
    QPointer<QMessageBox> m_aboutBox;
};

} // namespace ivcap::ui
