// The menu bar: every command is there with the platform's standard key, the menu items are
// the toolbar's and sidebar's own actions (one action, one shortcut, one behaviour), the Edit
// commands act on the focused field and are disabled where they cannot, and Help lists the
// shortcuts and says which versions are running.
#include "mainmenu.h"
#include "mainwindow.h"
#include "querybar.h"
#include "shortcutsdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolBar>

using namespace ivcap::ui;

class TestMainMenu : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> m_window;
    MainMenu *m_menu = nullptr;
    QLineEdit *m_field = nullptr;

    QMenu *menu(const char *name) const
    {
        auto *found = m_window->menuBar()->findChild<QMenu *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no menu %s", name);
        return found;
    }

    static QAction *item(QMenu *menu, const QString &objectName)
    {
        for (QAction *action : menu->actions()) {
            if (action->objectName() == objectName)
                return action;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<MainWindow>();
        for (const char *key : {"services", "orders", "artifacts", "aspects", "uploads"}) {
            auto *page = new QWidget;
            if (QByteArray(key) == "orders")
                m_field = new QLineEdit(page);
            m_window->addPage(QString::fromLatin1(key), QString::fromLatin1(key), page);
        }
        m_menu = new MainMenu(m_window.get());
        m_menu->setDeployment(QUrl(QStringLiteral("https://ivcap.example.org")),
                              QStringLiteral("0.28"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void everyMenuHasItsCommandsWithStandardKeys()
    {
        const QStringList titles = [this] {
            QStringList list;
            for (QAction *action : m_window->menuBar()->actions())
                list.append(action->text().remove(QLatin1Char('&')));
            return list;
        }();
        QCOMPARE(titles, (QStringList{"File", "Edit", "View", "Help"}));

        QMenu *file = menu("fileMenu");
        QCOMPARE(item(file, "connectAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
        QCOMPARE(item(file, "uploadAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_U));
        QCOMPARE(item(file, "quitAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
        QMenu *edit = menu("editMenu");
        QCOMPARE(item(edit, "undoAction")->shortcut(), QKeySequence(QKeySequence::Undo));
        QCOMPARE(item(edit, "redoAction")->shortcut(), QKeySequence(QKeySequence::Redo));
        QCOMPARE(item(edit, "cutAction")->shortcut(), QKeySequence(QKeySequence::Cut));
        QCOMPARE(item(edit, "copyAction")->shortcut(), QKeySequence(QKeySequence::Copy));
        QCOMPARE(item(edit, "pasteAction")->shortcut(), QKeySequence(QKeySequence::Paste));
        QCOMPARE(item(edit, "selectAllAction")->shortcut(), QKeySequence(QKeySequence::SelectAll));
        QCOMPARE(item(edit, "findAction")->shortcut(), QKeySequence(QKeySequence::Find));
        QMenu *view = menu("viewMenu");
        for (int i = 0; i < 5; ++i)
            QCOMPARE(view->actions().at(i)->shortcut(),
                     QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        QCOMPARE(item(view, "refreshAction")->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(item(view, "asOfAction"));
        QMenu *help = menu("helpMenu");
        QCOMPARE(item(help, "shortcutsAction")->shortcut(), QKeySequence(Qt::Key_F1));
        QVERIFY(item(help, "aboutAction"));

        // No two enabled commands share a key, or neither would fire.
        QHash<QKeySequence, QString> keys;
        for (QAction *action : m_window->findChildren<QAction *>()) {
            if (action->shortcut().isEmpty())
                continue;
            QVERIFY2(!keys.contains(action->shortcut()),
                     qPrintable(action->objectName() + " and " + keys.value(action->shortcut())));
            keys.insert(action->shortcut(), action->objectName());
        }
    }

    void menuItemsAreTheToolbarsAndSidebarsActions()
    {
        auto *toolbar = m_window->findChild<QToolBar *>();
        QVERIFY(toolbar->actions().contains(item(menu("fileMenu"), "connectAction")));
        QVERIFY(toolbar->actions().contains(item(menu("viewMenu"), "refreshAction")));
        QCOMPARE(menu("viewMenu")->actions().mid(0, 5), m_window->pageActions());

        QSignalSpy connections(m_window.get(), &MainWindow::connectionsRequested);
        QSignalSpy refresh(m_window.get(), &MainWindow::refreshRequested);
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_K));
        QCOMPARE(connections.count(), 1);
        item(menu("fileMenu"), "connectAction")->trigger();
        QCOMPARE(connections.count(), 2);
        QTest::keySequence(m_window.get(), QKeySequence::Refresh);
        QCOMPARE(refresh.count(), 1);

        // View ▸ Artifacts and Ctrl+3 switch the page like the sidebar does.
        menu("viewMenu")->actions().at(2)->trigger();
        QCOMPARE(m_window->currentPageKey(), QStringLiteral("artifacts"));
        QVERIFY(menu("viewMenu")->actions().at(2)->isChecked());
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_2));
        QCOMPARE(m_window->currentPageKey(), QStringLiteral("orders"));
        QVERIFY(!menu("viewMenu")->actions().at(2)->isChecked());
    }

    void findAndAsOfMoveTheFocusToTheQueryBar()
    {
        item(menu("editMenu"), "findAction")->trigger();
        QTRY_VERIFY(m_window->queryBar()->filterField()->hasFocus());
        item(menu("viewMenu"), "asOfAction")->trigger();
        QTRY_VERIFY(QApplication::focusWidget() &&
                    m_window->queryBar()->isAncestorOf(QApplication::focusWidget()) &&
                    !m_window->queryBar()->filterField()->hasFocus());
    }

    void uploadAndQuit()
    {
        QSignalSpy upload(m_menu, &MainMenu::uploadRequested);
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_U));
        QCOMPARE(upload.count(), 1);
        int asked = 0;
        m_window->setCloseGuard([&asked] {
            ++asked;
            return true;
        });
        m_menu->quitAction()->trigger();
        QCOMPARE(asked, 1); // quitting is closing the window, guard and all
        QVERIFY(!m_window->isVisible());
    }

    void editCommandsActOnTheFocusedField()
    {
        QMenu *edit = menu("editMenu");
        // The sidebar has the focus: nothing to edit there.
        m_window->findChild<QListWidget *>()->setFocus();
        QTRY_VERIFY(!item(edit, "undoAction")->isEnabled());
        QVERIFY(!item(edit, "pasteAction")->isEnabled());

        m_window->showPage(QStringLiteral("orders"));
        m_field->setFocus();
        QTRY_VERIFY(item(edit, "pasteAction")->isEnabled());
        QTest::keyClicks(m_field, QStringLiteral("hello"));
        item(edit, "selectAllAction")->trigger();
        QCOMPARE(m_field->selectedText(), QStringLiteral("hello"));
        item(edit, "copyAction")->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("hello"));
        item(edit, "cutAction")->trigger();
        QCOMPARE(m_field->text(), QString());
        item(edit, "undoAction")->trigger();
        QCOMPARE(m_field->text(), QStringLiteral("hello"));
        m_field->end(false);
        item(edit, "pasteAction")->trigger();
        QCOMPARE(m_field->text(), QStringLiteral("hellohello"));

        m_field->setReadOnly(true);
        m_window->findChild<QListWidget *>()->setFocus();
        m_field->setFocus();
        QTRY_VERIFY(!item(edit, "pasteAction")->isEnabled());
        QVERIFY(item(edit, "copyAction")->isEnabled());
    }

    void helpListsTheShortcutsAndTheVersions()
    {
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        auto *dialog = m_window->findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QStringList commands;
        for (int row = 0; row < dialog->table()->rowCount(); ++row)
            commands.append(dialog->table()->item(row, 0)->text());
        for (const char *command : {"Quit", "Refresh", "Connect…", "Upload files…", "Find…"})
            QVERIFY2(commands.contains(QString::fromUtf8(command)),
                     qPrintable(commands.join(QLatin1Char('|'))));

        m_menu->aboutAction()->trigger();
        auto *about = m_window->findChild<QMessageBox *>(QStringLiteral("aboutBox"));
        QVERIFY(about);
        QVERIFY(about->isVisible());
        QVERIFY(about->text().contains(QApplication::applicationVersion()));
        QVERIFY(about->text().contains(QStringLiteral("https://ivcap.example.org")));
        QVERIFY(about->text().contains(QStringLiteral("0.28")));
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    TestMainMenu test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainmenu.moc"
