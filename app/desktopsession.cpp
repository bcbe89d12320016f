#include "desktopsession.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "artifactspage.h"
#include "auth/authsession.h"
#include "auth/tokenstore.h"
#include "entitytableview.h"
#include "errorbanner.h"
#include "launcher/sandboxlauncher.h"
#include "mainwindow.h"
#include "models/artifactlistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/orderdetails.h"
#include "models/orderlistmodel.h"
#include "models/servicelistmodel.h"
#include "notifier.h"
#include "orderformdialog.h"
#include "orderspage.h"
#include "querybar.h"
#include "servicespage.h"
#include "signindialog.h"
#include "transfer/transferqueuemodel.h"
#include "uploadspage.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QStandardPaths>
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
    : QObject(parent), m_options(options), m_connection(new Connection(this)),
      m_tokenStore(new TokenStore(this)), m_auth(new AuthSession(m_connection, m_tokenStore, this))
{
    connect(m_auth, &AuthSession::signInRequired, this, [this](const QString &message) {
        if (m_window)
            m_window->errorBanner()->showAuthenticationError(message);
    });
}

DesktopSession::~DesktopSession()
{
    delete m_window;
    delete m_transfers;
    // Models go before the connection so that they cancel their requests on a live manager.
    qDeleteAll(findChildren<EntityListModel *>(Qt::FindDirectChildrenOnly));
}

QString DesktopSession::transferStatePath() const
{
    // One queue per deployment, so that a restart resumes uploads against the right server.
    const QByteArray key = QCryptographicHash::hash(m_connection->baseUrl().toString().toUtf8(),
                                                    QCryptographicHash::Sha1)
                               .toHex()
                               .left(12);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/transfers-%1.json").arg(QString::fromLatin1(key));
}

QStringList DesktopSession::viewNames()
{
    return {QStringLiteral("services"), QStringLiteral("orders"), QStringLiteral("artifacts"),
            QStringLiteral("metadata"), QStringLiteral("uploads")};
}

bool DesktopSession::isOneShot() const
{
    return !m_options.screenshotFile.isEmpty() || m_options.reportStartup;
}

bool DesktopSession::start()
{
    const QStringList views = viewNames();
    if (!views.contains(m_options.view)) {
        m_error = tr("Unknown view “%1”; choose one of: %2")
                      .arg(m_options.view, views.join(QStringLiteral(", ")));
        return false;
    }
    m_connection->setAccountId(m_options.account);
    if (isOneShot()) {
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
        if (m_options.token.isEmpty() && !m_options.context.name.isEmpty()) {
            // A saved context's tokens are in the keychain, which answers asynchronously.
            connect(
                m_tokenStore, &TokenStore::loaded, this,
                [this](const QString &, const AuthTokens &tokens) {
                    m_options.tokens = tokens;
                    connectTo(m_options.url, tokens.accessToken);
                },
                Qt::SingleShotConnection);
            m_tokenStore->load(m_options.context.name);
            return true;
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
    Context context = m_options.context;
    context.url = url;
    context.accountId = m_options.account;
    AuthTokens tokens = m_options.tokens;
    tokens.accessToken = token;
    m_auth->activate(context, tokens);
    buildViews();
}

void DesktopSession::switchContext(const Context &context, const AuthTokens &tokens)
{
    m_auth->activate(context, tokens);
    if (!m_window)
        return;
    m_window->setConnectionText(tr("%1 at %2").arg(context.name, context.url.toString()));
    m_window->errorBanner()->dismiss();
    for (EntityListModel *model : std::as_const(m_models))
        model->reload();
}

void DesktopSession::buildViews()
{
    m_window = new ui::MainWindow;
    m_window->setConnectionText(m_sandbox
                                    ? tr("Sandbox at %1").arg(m_connection->baseUrl().toString())
                                    : m_connection->baseUrl().toString());
    auto tablePage = [](const QString &title, EntityListModel *model) {
        auto *view = new ui::EntityTableView(title);
        view->setModel(model);
        return view;
    };
    m_notifier = new ui::Notifier(m_window);
    auto *services = new ServiceListModel(this);
    auto *servicesPage = new ui::ServicesPage(m_connection, services);
    addEntityPage(QStringLiteral("services"), tr("Services"), services, servicesPage);
    connect(servicesPage, &ui::ServicesPage::orderRequested, this,
            [this](const QString &serviceId) { openOrderForm(serviceId); });
    auto *orders = new OrderListModel(this);
    m_ordersPage = new ui::OrdersPage(m_connection, orders);
    addEntityPage(QStringLiteral("orders"), tr("Orders"), orders, m_ordersPage);
    auto *artifacts = new ArtifactListModel(this);
    auto *artifactsPage = new ui::ArtifactsPage(m_connection, artifacts);
    addEntityPage(QStringLiteral("artifacts"), tr("Artifacts"), artifacts, artifactsPage);
    connect(m_ordersPage, &ui::OrdersPage::artifactActivated, this,
            [this, artifactsPage](const QString &artifactId) {
                m_window->showPage(QStringLiteral("artifacts"));
                artifactsPage->showArtifact(artifactId);
            });
    connect(m_ordersPage, &ui::OrdersPage::orderAgainRequested, this,
            [this](const QString &serviceId, const QJsonArray &parameters) {
                openOrderForm(serviceId)->prefill(parameters);
            });
    auto *metadata = new MetadataListModel(this);
    addEntityPage(QStringLiteral("metadata"), tr("Metadata"), metadata,
                  tablePage(tr("Metadata"), metadata));

    m_transfers = new TransferQueueModel(m_connection, transferStatePath(), this);
    m_transfers->restore();
    auto *uploads = new ui::UploadsPage(m_transfers);
    m_window->addPage(QStringLiteral("uploads"), tr("Uploads"), uploads);
    connect(uploads, &ui::UploadsPage::filesSkipped, this, [this](const QStringList &paths) {
        m_window->showError(tr("%n item(s) could not be uploaded: only readable local files can "
                               "be.",
                               nullptr, int(paths.size())),
                            paths.join(QLatin1Char('\n')));
    });

    ui::QueryBar *query = m_window->queryBar();
    connect(query, &ui::QueryBar::filterChanged, this, [this](const QString &filter) {
        if (EntityListModel *model = currentModel())
            model->setFilter(filter);
    });
    // "As of" applies to the whole deployment, so every view moves in time together.
    connect(query, &ui::QueryBar::atTimeChanged, this, [this](const QDateTime &time) {
        for (EntityListModel *model : std::as_const(m_models))
            model->setAtTime(time);
    });
    connect(m_window, &ui::MainWindow::currentPageChanged, this, &DesktopSession::showQueryOf);
    connect(m_window, &ui::MainWindow::refreshRequested, this, [this] {
        if (EntityListModel *model = currentModel())
            model->lastError().isError() || model->rowCount() == 0 ? model->reload()
                                                                   : model->refresh();
    });
    connect(m_window->errorBanner(), &ui::ErrorBanner::signInRequested, this,
            &DesktopSession::askToSignIn);

    if (isOneShot())
        watchForScreenshot(m_options.view);
    m_window->showPage(m_options.view);
    showQueryOf(m_window->currentPageKey());
    m_window->show();
}

ui::OrderFormDialog *DesktopSession::openOrderForm(const QString &serviceId)
{
    auto *form = new ui::OrderFormDialog(m_connection, serviceId, m_window);
    connect(form, &ui::OrderFormDialog::orderPlaced, this, &DesktopSession::trackPlacedOrder);
    form->show();
    return form;
}

void DesktopSession::trackPlacedOrder(const QString &orderId)
{
    m_window->showPage(QStringLiteral("orders"));
    m_ordersPage->showOrder(orderId);
    // Watch the order to its end, so the user hears about it wherever they are in the app.
    auto *order = new OrderDetails(m_connection, orderId, this);
    connect(order, &OrderDetails::terminalReached, this, [this, order](const QString &status) {
        const QString name = order->name().isEmpty() ? order->id() : order->name();
        const bool ok = status == QLatin1String("succeeded");
        m_notifier->notify(ok ? tr("Order finished") : tr("Order did not succeed"),
                           tr("%1 is %2").arg(name, status), !ok);
        order->deleteLater();
    });
    connect(order, &EntityDetails::errorOccurred, this, [this, order](const ApiError &error) {
        reportError(error);
        order->deleteLater();
    });
    order->start();
    Q_EMIT orderPlaced(orderId);
}

void DesktopSession::addEntityPage(const QString &key, const QString &title, EntityListModel *model,
                                   QWidget *widget)
{
    model->setConnection(m_connection);
    m_models.insert(key, model);
    m_window->addPage(key, title, widget);
    connect(model, &EntityListModel::errorOccurred, this, &DesktopSession::reportError);
    connect(model, &EntityListModel::loadingChanged, this, &DesktopSession::updateActivity);
}

EntityListModel *DesktopSession::currentModel() const
{
    return m_window ? m_models.value(m_window->currentPageKey()) : nullptr;
}

void DesktopSession::showQueryOf(const QString &key)
{
    EntityListModel *model = m_models.value(key);
    m_window->queryBar()->setEnabled(model != nullptr);
    if (model)
        m_window->queryBar()->setFilter(model->filter());
}

void DesktopSession::updateActivity()
{
    QStringList loading;
    for (auto it = m_models.cbegin(); it != m_models.cend(); ++it) {
        if (it.value()->isLoading())
            loading.append(it.key());
    }
    m_window->setBusy(!loading.isEmpty(),
                      tr("Loading %1…").arg(QLocale().createSeparatedList(loading)));
}

void DesktopSession::askToSignIn()
{
    auto *dialog = new ui::SignInDialog(m_connection->baseUrl().host(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        AuthTokens tokens;
        tokens.accessToken = dialog->token();
        m_auth->setTokens(tokens);
        m_window->errorBanner()->dismiss();
        for (EntityListModel *model : std::as_const(m_models))
            model->reload();
    });
    dialog->open();
}

void DesktopSession::watchForScreenshot(const QString &key)
{
    EntityListModel *model = m_models.value(key);
    if (!model) {
        QTimer::singleShot(0, this, &DesktopSession::takeScreenshot);
        return;
    }
    connect(model, &EntityListModel::loadingChanged, this, [this, model](bool loading) {
        if (!loading && !model->lastError().isError())
            QTimer::singleShot(0, this, &DesktopSession::takeScreenshot);
    });
    connect(model, &EntityListModel::errorOccurred, this, [this](const ApiError &error) {
        fail(tr("Loading failed: %1").arg(error.toString()));
    });
}

void DesktopSession::takeScreenshot()
{
    if (m_screenshotTaken || !m_window)
        return;
    m_screenshotTaken = true;
    if (m_options.reportStartup) {
        // Paint synchronously so the time includes the first frame of the loaded page.
        m_window->repaint();
        const qint64 ms = QDateTime::currentMSecsSinceEpoch() - m_options.launchedAtMs;
        QTextStream(stdout) << QStringLiteral("{\"first_page_painted_ms\": %1}").arg(ms) << '\n';
        if (m_options.screenshotFile.isEmpty()) {
            QApplication::exit(0);
            return;
        }
    }
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
    if (isOneShot()) {
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
    if (!m_window)
        return;
    QString details;
    if (error.httpStatus)
        details = tr("HTTP %1 %2").arg(error.httpStatus).arg(error.goaError);
    if (!error.url.isEmpty())
        details += (details.isEmpty() ? QString() : QStringLiteral("\n")) + error.url.toString();
    if (error.kind == ApiError::Kind::Unauthorized)
        m_window->errorBanner()->showAuthenticationError(
            tr("The deployment refused the credentials: %1").arg(error.message), details);
    else
        m_window->showError(error.toString(), details);
}

} // namespace ivcap::app
