#include "mainwindow.h"

#include "errorbanner.h"
#include "querybar.h"

#include <QAction>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
const QString layoutGroup = QStringLiteral("layout/");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_sidebar(new QListWidget), m_pages(new QStackedWidget),
      m_queryBar(new QueryBar), m_banner(new ErrorBanner), m_connectionLabel(new QLabel),
      m_activityLabel(new QLabel), m_activity(new QProgressBar)
{
    setWindowTitle(tr("IVCAP Desktop"));
    m_sidebar->setAccessibleName(tr("Navigation"));
    m_sidebar->setMaximumWidth(180);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_banner);
    contentLayout->addWidget(m_pages, 1);

    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_sidebar);
    splitter->addWidget(content);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({160, 940});
    setCentralWidget(splitter);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        for (int i = 0; i < m_pageActions.size(); ++i)
            m_pageActions.at(i)->setChecked(i == row);
        if (row >= 0 && row < m_keys.size())
            Q_EMIT currentPageChanged(m_keys.at(row));
    });

    auto *toolbar = addToolBar(tr("Query"));
    toolbar->setObjectName(QStringLiteral("queryToolBar"));
    toolbar->setMovable(false);
    m_refreshAction =
        toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"));
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(
        tr("Refresh the current view (%1)")
            .arg(m_refreshAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshRequested);
    toolbar->addWidget(m_queryBar);
    m_connectAction =
        toolbar->addAction(style()->standardIcon(QStyle::SP_DriveNetIcon), tr("&Connect…"));
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_connectAction->setToolTip(
        tr("Deployments, sign-in and the CLI's contexts (%1)")
            .arg(m_connectAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectionsRequested);
    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, m_queryBar, &QueryBar::focusFilter);

    m_connectionLabel->setAccessibleName(tr("Connection"));
    m_activityLabel->setAccessibleName(tr("Activity"));
    m_activity->setRange(0, 0);
    m_activity->setMaximumWidth(120);
    m_activity->setAccessibleName(tr("Loading"));
    m_activity->hide();
    statusBar()->addPermanentWidget(m_activityLabel);
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_connectionLabel);
    resize(1100, 700);
    setAcceptDrops(true);
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(const QString &key, const QString &title, QWidget *page)
{
    // Stable names let restoreLayout() find the page's splitters and column headers next run.
    int n = 0;
    for (auto *splitter : page->findChildren<QSplitter *>()) {
        if (splitter->objectName().isEmpty())
            splitter->setObjectName(key + QStringLiteral("/splitter%1").arg(n++));
    }
    n = 0;
    for (auto *header : page->findChildren<QHeaderView *>()) {
        if (header->objectName().isEmpty() && header->orientation() == Qt::Horizontal)
            header->setObjectName(key + QStringLiteral("/header%1").arg(n++));
    }
    m_keys.append(key);
    m_sidebar->addItem(title);
    m_pages->addWidget(page);
    const int index = int(m_keys.size()) - 1;
    auto *action = new QAction(title, this);
    action->setObjectName(key + QStringLiteral("PageAction"));
    action->setCheckable(true);
    addAction(action);
    m_pageActions.append(action);
    connect(action, &QAction::triggered, this, [this, index] { m_sidebar->setCurrentRow(index); });
    if (index < 9) {
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        m_sidebar->item(index)->setToolTip(
            tr("%1 (%2)").arg(title, action->shortcut().toString(QKeySequence::NativeText)));
    }
    if (m_sidebar->currentRow() < 0)
        m_sidebar->setCurrentRow(0);
}

bool MainWindow::showPage(const QString &key)
{
    const int index = int(m_keys.indexOf(key));
    if (index < 0)
        return false;
    m_sidebar->setCurrentRow(index);
    return true;
}

void MainWindow::setPageVisible(const QString &key, bool visible)
{
    const int index = int(m_keys.indexOf(key));
    if (index < 0)
        return;
    m_sidebar->item(index)->setHidden(!visible);
    if (!visible && m_sidebar->currentRow() == index) {
        for (int row = 0; row < m_sidebar->count(); ++row) {
            if (!m_sidebar->item(row)->isHidden()) {
                m_sidebar->setCurrentRow(row);
                break;
            }
        }
    }
}

bool MainWindow::isPageVisible(const QString &key) const
{
    const int index = int(m_keys.indexOf(key));
    return index >= 0 && !m_sidebar->item(index)->isHidden();
}

QWidget *MainWindow::page(const QString &key) const
{
    const int index = int(m_keys.indexOf(key));
    return index < 0 ? nullptr : m_pages->widget(index);
}

QString MainWindow::currentPageKey() const
{
    const int row = m_sidebar->currentRow();
    return row >= 0 && row < m_keys.size() ? m_keys.at(row) : QString();
}

void MainWindow::setConnectionText(const QString &text)
{
    m_connectionLabel->setText(text);
}

void MainWindow::setBusy(bool busy, const QString &text)
{
    m_activity->setVisible(busy);
    m_activityLabel->setText(busy ? text : QString());
}

void MainWindow::showError(const QString &message, const QString &details)
{
    m_banner->showError(message, details);
}

void MainWindow::showMessage(const QString &message)
{
    statusBar()->showMessage(message, 5000);
}

void MainWindow::showEvent(QShowEvent *event)
{
    // Pages are added after construction; restore their splitters and headers once they exist.
    if (!m_layoutRestored) {
        m_layoutRestored = true;
        restoreLayout();
    }
    QMainWindow::showEvent(event);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    for (auto *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(
                settings.value(layoutGroup + splitter->objectName()).toByteArray());
    }
    for (auto *header : findChildren<QHeaderView *>()) {
        if (!header->objectName().isEmpty())
            header->restoreState(settings.value(layoutGroup + header->objectName()).toByteArray());
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    for (auto *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(layoutGroup + splitter->objectName(), splitter->saveState());
    }
    for (auto *header : findChildren<QHeaderView *>()) {
        if (!header->objectName().isEmpty())
            settings.setValue(layoutGroup + header->objectName(), header->saveState());
    }
}

void MainWindow::addStatusWidget(QWidget *widget)
{
    statusBar()->insertPermanentWidget(0, widget);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        paths.append(url.isLocalFile() ? url.toLocalFile() : url.toString());
    event->acceptProposedAction();
    Q_EMIT filesDropped(paths);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeGuard && !m_closeGuard()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

} // namespace ivcap::ui
