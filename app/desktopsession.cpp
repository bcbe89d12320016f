#include "desktopsession.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "entitytableview.h"
#include "launcher/sandboxlauncher.h"
#include "mainwindow.h"
#include "models/artifactlistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/orderlistmodel.h"
#include "models/servicelistmodel.h"

#include <QApplication>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

namespace ivcap::app {

namespace {
// Long enough for a first page from a slow deployment, short enough that a scripted
// --screenshot never hangs a CI job.
constexpr int screenshotDeadlineMs = 60000;
} // namespace

DesktopSession::DesktopSession(const Options &options, QObject *parent)
    : QObject(parent), m_options(options), m_connection(new Connection(this))
{
    connect(m_connection, &Connection::authenticationRequired, this, &DesktopSession::reportError);
}

DesktopSession::~DesktopSession()
{
    delete m_window;
    // Models go before the connection so that they cancel their requests on a live manager.
    qDeleteAll(findChildren<EntityListModel *>(Qt::FindDirectChildrenOnly));
}

bool DesktopSession::start()
{
    const QStringList views{QStringLiteral("services"), QStringLiteral("orders"),
                            QStringLiteral("artifacts"), QStringLiteral("metadata")};
    if (!views.contains(m_options.view)) {
        m_error = tr("Unknown view “%1”; choose one of: %2")
                      .arg(m_options.view, views.join(QStringLiteral(", ")));
        return false;
    }
    m_connection->setAccountId(m_options.account);
    if (!m_options.screenshotFile.isEmpty()) {
        QTimer::singleShot(screenshotDeadlineMs, this, [this] {
            fail(tr("The %1 view did not load within %2 s")
                     .arg(m_options.view)
                     .arg(screenshotDeadlineMs / 1000));
        });
    }
    if (!m_options.useSandbox) {
        if (!m_options.url.isValid() || m_options.url.scheme().isEmpty()) {
            m_error = tr("Not a valid deployment URL: %1").arg(m_options.url.toString());
            return false;
        }
        connectTo(m_options.url, m_options.token);
        return true;
    }
    m_sandbox = new SandboxLauncher(this);
    connect(m_sandbox, &SandboxLauncher::ready, this, &DesktopSession::connectTo);
    connect(m_sandbox, &SandboxLauncher::failed, this, &DesktopSession::fail);
    m_sandbox->start(SandboxLauncher::defaultDataDir());
    return true;
}

void DesktopSession::connectTo(const QUrl &url, const QString &token)
{
    m_connection->setBaseUrl(url);
    m_connection->setToken(token);
    buildViews();
}

void DesktopSession::buildViews()
{
    m_window = new ui::MainWindow;
    m_window->setConnectionText(m_sandbox
                                    ? tr("Sandbox at %1").arg(m_connection->baseUrl().toString())
                                    : m_connection->baseUrl().toString());
    struct Page
    {
        QString key;
        QString title;
        EntityListModel *model;
    };
    const QList<Page> pages{
        {QStringLiteral("services"), tr("Services"), new ServiceListModel(this)},
        {QStringLiteral("orders"), tr("Orders"), new OrderListModel(this)},
        {QStringLiteral("artifacts"), tr("Artifacts"), new ArtifactListModel(this)},
        {QStringLiteral("metadata"), tr("Metadata"), new MetadataListModel(this)},
    };
    for (const Page &page : pages) {
        page.model->setConnection(m_connection);
        auto *view = new ui::EntityTableView(page.title);
        view->setModel(page.model);
        m_window->addPage(page.key, page.title, view);
        connect(page.model, &EntityListModel::errorOccurred, this, &DesktopSession::reportError);
        if (page.key == m_options.view && !m_options.screenshotFile.isEmpty())
            watchForScreenshot(page.model);
    }
    m_window->showPage(m_options.view);
    m_window->show();
}

void DesktopSession::watchForScreenshot(QAbstractItemModel *model)
{
    auto *entities = static_cast<EntityListModel *>(model);
    connect(entities, &EntityListModel::loadingChanged, this, [this, entities](bool loading) {
        if (!loading && !entities->lastError().isError())
            QTimer::singleShot(0, this, &DesktopSession::takeScreenshot);
    });
    connect(entities, &EntityListModel::errorOccurred, this, [this](const ApiError &error) {
        fail(tr("Loading failed: %1").arg(error.toString()));
    });
}

void DesktopSession::takeScreenshot()
{
    if (m_screenshotTaken || !m_window)
        return;
    m_screenshotTaken = true;
    if (!m_window->grab().save(m_options.screenshotFile, "PNG")) {
        m_screenshotTaken = false;
        fail(tr("Could not write the screenshot to %1").arg(m_options.screenshotFile));
        return;
    }
    QTextStream(stdout) << tr("Screenshot written to %1").arg(m_options.screenshotFile) << '\n';
    QApplication::exit(0);
}

void DesktopSession::fail(const QString &message)
{
    if (m_screenshotTaken)
        return;
    QTextStream(stderr) << message << '\n';
    if (!m_options.screenshotFile.isEmpty()) {
        m_screenshotTaken = true;
        QApplication::exit(1);
        return;
    }
    if (m_window)
        m_window->showError(message);
    else
        QApplication::exit(1);
}

void DesktopSession::reportError(const ApiError &error)
{
    if (m_window)
        m_window->showError(error.toString());
}

} // namespace ivcap::app
