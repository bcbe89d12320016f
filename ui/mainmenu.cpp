#include "mainmenu.h"

#include "draftsmenu.h"
#include "mainwindow.h"
#include "querybar.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace ivcap::ui {

namespace {
// Whether `widget` offers `signature` (e.g. "undo()") as an invokable method.
bool offers(const QWidget *widget, const char *signature)
{
    return widget && widget->metaObject()->indexOfMethod(signature) >= 0;
}

bool isReadOnly(const QWidget *widget)
{
    if (auto *line = qobject_cast<const QLineEdit *>(widget))
        return line->isReadOnly();
    if (auto *text = qobject_cast<const QTextEdit *>(widget))
        return text->isReadOnly();
    if (auto *plain = qobject_cast<const QPlainTextEdit *>(widget))
        return plain->isReadOnly();
    return false;
}
} // namespace

MainMenu::MainMenu(MainWindow *window) : QObject(window), m_window(window)
{
    QMenuBar *bar = window->menuBar();
    bar->setAccessibleName(tr("Menu bar"));

    QMenu *file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(window->connectAction());
    m_upload = file->addAction(tr("&Upload files…"), this, &MainMenu::uploadRequested);
    m_upload->setObjectName(QStringLiteral("uploadAction"));
    m_upload->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_drafts = new DraftsMenu(QString(), file);
    file->addMenu(m_drafts);
    file->addSeparator();
    m_quit = file->addAction(tr("&Quit"));
    m_quit->setObjectName(QStringLiteral("quitAction"));
    // Not every platform theme binds StandardKey::Quit (the generic one does not): Ctrl+Q then.
    const QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    m_quit->setShortcuts(
        quitKeys.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Q)} : quitKeys);
    m_quit->setMenuRole(QAction::QuitRole);
    // Closing the window is quitting: it asks about running transfers first.
    connect(m_quit, &QAction::triggered, window, &QWidget::close);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    addEditAction(edit, tr("&Undo"), QKeySequence::Undo, "undo()", QStringLiteral("undoAction"));
    addEditAction(edit, tr("&Redo"), QKeySequence::Redo, "redo()", QStringLiteral("redoAction"));
    edit->addSeparator();
    addEditAction(edit, tr("Cu&t"), QKeySequence::Cut, "cut()", QStringLiteral("cutAction"));
    addEditAction(edit, tr("&Copy"), QKeySequence::Copy, "copy()", QStringLiteral("copyAction"));
    addEditAction(edit, tr("&Paste"), QKeySequence::Paste, "paste()",
                  QStringLiteral("pasteAction"));
    addEditAction(edit, tr("Select &All"), QKeySequence::SelectAll, "selectAll()",
                  QStringLiteral("selectAllAction"));
    edit->addSeparator();
    edit->addAction(window->findAction());
    connect(qApp, &QApplication::focusChanged, this, &MainMenu::updateEditActions);
    connect(edit, &QMenu::aboutToShow, this, &MainMenu::updateEditActions);
    updateEditActions();

    QMenu *view = bar->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addActions(window->pageActions());
    view->addSeparator();
    view->addAction(window->refreshAction());
    m_asOf = view->addAction(tr("&As of…"), window->queryBar(), &QueryBar::focusAtTime);
    m_asOf->setObjectName(QStringLiteral("asOfAction"));
    m_asOf->setToolTip(tr("Show the deployment as it was at a past time"));

    QMenu *help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    m_shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainMenu::showShortcuts);
    m_shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    m_about = help->addAction(tr("&About IVCAP Desktop"), this, &MainMenu::showAbout);
    m_about->setObjectName(QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
}

QAction *MainMenu::addEditAction(QMenu *menu, const QString &text, QKeySequence::StandardKey key,
                                 const char *slot, const QString &name)
{
    QAction *action = menu->addAction(text);
    action->setObjectName(name);
    action->setShortcut(key);
    const QByteArray method = QByteArray(slot).chopped(2); // "undo()" → "undo"
    connect(action, &QAction::triggered, this, [method] {
        if (QWidget *focus = QApplication::focusWidget())
            QMetaObject::invokeMethod(focus, method.constData());
    });
    action->setData(QByteArray(slot));
    m_editActions.append(action);
    return action;
}

void MainMenu::updateEditActions()
{
    const QWidget *focus = QApplication::focusWidget();
    const bool readOnly = isReadOnly(focus);
    for (QAction *action : std::as_const(m_editActions)) {
        const QByteArray slot = action->data().toByteArray();
        const bool changes = slot != "copy()" && slot != "selectAll()";
        action->setEnabled(offers(focus, slot.constData()) && !(changes && readOnly));
    }
}

void MainMenu::setDeployment(const QUrl &url, const QString &apiVersion)
{
    m_deploymentUrl = url;
    m_apiVersion = apiVersion;
    if (m_aboutBox)
        m_aboutBox->setText(aboutText());
}

QString MainMenu::aboutText() const
{
    const QString deployment = m_deploymentUrl.isEmpty()
                                   ? tr("not connected")
                                   : m_deploymentUrl.toDisplayString().toHtmlEscaped();
    const QString api = m_apiVersion.isEmpty() ? tr("not reported by the deployment")
                                               : m_apiVersion.toHtmlEscaped();
    return tr("<h3>IVCAP Desktop %1</h3>"
              "<p>A desktop client for IVCAP deployments: services, jobs, orders, artifacts and "
              "aspects.</p>"
              "<p>Deployment: %2<br>API version: %3<br>Qt %4</p>")
        .arg(QApplication::applicationVersion().toHtmlEscaped(), deployment, api,
             QString::fromLatin1(qVersion()));
}

void MainMenu::showShortcuts()
{
    if (!m_shortcutsDialog) {
        m_shortcutsDialog = new ShortcutsDialog(m_window);
        m_shortcutsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcutsDialog->show();
    m_shortcutsDialog->raise();
    m_shortcutsDialog->activateWindow();
}

void MainMenu::showAbout()
{
    if (!m_aboutBox) {
        m_aboutBox = new QMessageBox(QMessageBox::Information, tr("About IVCAP Desktop"),
                                     aboutText(), QMessageBox::Close, m_window);
        m_aboutBox->setObjectName(QStringLiteral("aboutBox"));
        m_aboutBox->setTextFormat(Qt::RichText);
        m_aboutBox->setIconPixmap(QApplication::windowIcon().pixmap(64));
        m_aboutBox->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_aboutBox->open();
}

} // namespace ivcap::ui
