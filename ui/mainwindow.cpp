#include "mainwindow.h"

#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace ivcap::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_sidebar(new QListWidget), m_pages(new QStackedWidget),
      m_connectionLabel(new QLabel)
{
    setWindowTitle(tr("IVCAP Desktop"));
    m_sidebar->setAccessibleName(tr("Navigation"));
    m_sidebar->setMaximumWidth(180);
    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({160, 940});
    setCentralWidget(splitter);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_connectionLabel->setAccessibleName(tr("Connection"));
    statusBar()->addPermanentWidget(m_connectionLabel);
    resize(1100, 700);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(const QString &key, const QString &title, QWidget *page)
{
    m_keys.append(key);
    m_sidebar->addItem(title);
    m_pages->addWidget(page);
    const int index = m_keys.size() - 1;
    if (index < 9) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)), this);
        connect(shortcut, &QShortcut::activated, this,
                [this, index] { m_sidebar->setCurrentRow(index); });
        m_sidebar->item(index)->setToolTip(
            tr("%1 (%2)").arg(title, shortcut->key().toString(QKeySequence::NativeText)));
    }
    if (m_sidebar->currentRow() < 0)
        m_sidebar->setCurrentRow(0);
}

bool MainWindow::showPage(const QString &key)
{
    const int index = m_keys.indexOf(key);
    if (index < 0)
        return false;
    m_sidebar->setCurrentRow(index);
    return true;
}

QWidget *MainWindow::page(const QString &key) const
{
    const int index = m_keys.indexOf(key);
    return index < 0 ? nullptr : m_pages->widget(index);
}

void MainWindow::setConnectionText(const QString &text)
{
    m_connectionLabel->setText(text);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(tr("Error: %1").arg(message));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    event->accept();
}

} // namespace ivcap::ui
