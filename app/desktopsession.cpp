#include "desktopsession.h"

#include "api/apierror.h"
#include "api/changenotifier.h"
#include "api/connection.h"
#include "api/entitynames.h"
#include "artifactspage.h"
#include "aspecteditor.h"
#include "auth/authsession.h"
#include "auth/tokenstore.h"
#include "connectiondialog.h"
#include "draftsmenu.h"
#include "entitymetadatapanel.h"
#include "errorbanner.h"
#include "jobrequestdialog.h"
#include "jobsfeature.h"
#include "jobspage.h"
#include "launcher/sandboxlauncher.h"
#include "liverefresh.h"
#include "mainmenu.h"
#include "mainwindow.h"
#include "metadatapage.h"
#include "models/artifactlistmodel.h"
#include "models/entitydetails.h"
#include "models/metadatalistmodel.h"
#include "models/myjobsmodel.h"
#include "models/orderdetails.h"
#include "models/orderlistmodel.h"
#include "models/servicelistmodel.h"
#include "notifier.h"
#include "orderformdialog.h"
#include "ordernotice.h"
#include "orderspage.h"
#include "querybar.h"
#include "schema/schemaregistry.h"
#include "servicespage.h"
#include "signindialog.h"
#include "transfer/transferqueuemodel.h"
#include "transfer/uploadselection.h"
#include "transfersummary.h"
#include "uploadoptionsdialog.h"
#include "uploadspage.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

namespace ivcap::app {

namespace {
// Set when the user paused running transfers to quit; the next start resumes them.
const QString resumeOnStartKey = QStringLiteral("transfers/resumeOnStart");
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
    // The private sandbox gets a new port each run but keeps its data: one queue for it.
    const bool onSandbox = m_sandbox && m_connection->isSameOrigin(m_sandbox->url());
    const QString identity =
        onSandbox ? QStringLiteral("sandbox") : m_connection->baseUrl().toString();
    const QByteArray key =
        QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/transfers-%1.json").arg(QString::fromLatin1(key));
}

QStringList DesktopSession::viewNames()
{
    return {QStringLiteral("services"), QStringLiteral("orders"),  QStringLiteral("artifacts"),
            QStringLiteral("aspects"),  QStringLiteral("uploads"), QStringLiteral("jobs")};
}

QString DesktopSession::canonicalView(const QString &name)
{
    // The Aspects page was called Metadata (v0.28's name); scripts and habits keep working.
    return name == QLatin1String("metadata") ? QStringLiteral("aspects") : name;
}

bool DesktopSession::isOneShot() const
{
    return !m_options.screenshotFile.isEmpty() || m_options.reportStartup;
}

bool DesktopSession::start()
{
    const QStringList views = viewNames();
    m_options.view = canonicalView(m_options.view);
    if (!views.contains(m_options.view)) {
        m_error = tr("Unknown view “%1”; choose one of: %2")
                      .arg(m_options.view, views.join(QStringLiteral(", ")));
        return false;
    }
    m_connection->setAccountId(m_options.account);
    if (isOneShot()) {
        QTimer::singleShot(screenshotDeadlineMs, this, [this] {
            fail(m_options.requestJobService.isEmpty()
                     ? tr("The %1 view did not load within %2 s")
                           .arg(m_options.view)
                           .arg(screenshotDeadlineMs / 1000)
                     : tr("The request form of %1 did not load within %2 s")
                           .arg(m_options.requestJobService)
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
    if (!SandboxLauncher::isSupportedApi(m_options.sandboxApi)) {
        m_error = tr("The sandbox cannot speak IVCAP API “%1”; choose one of: %2")
                      .arg(m_options.sandboxApi,
                           SandboxLauncher::supportedApis().join(QStringLiteral(", ")));
        return false;
    }
    m_sandbox = new SandboxLauncher(this);
    connect(m_sandbox, &SandboxLauncher::ready, this, &DesktopSession::connectTo);
    connect(m_sandbox, &SandboxLauncher::failed, this, &DesktopSession::fail);
    // A data directory keeps the dialect it was made with: each dialect has its own.
    m_sandbox->start(SandboxLauncher::defaultDataDir(m_options.sandboxApi), m_options.sandboxApi);
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
    if (auto *menu = m_window->findChild<ui::MainMenu *>())
        menu->setDeployment(context.url, m_connection->apiVersion());
    // Detail panes, previews and metadata panels drop what they show of the old deployment.
    ChangeNotifier::of(m_connection)->announceDeploymentChanged();
    for (EntityListModel *model : std::as_const(m_models))
        model->reload();
    if (m_transfers)
        m_transfers->switchStatePath(transferStatePath());
}

void DesktopSession::buildViews()
{
    m_window = new ui::MainWindow;
    m_window->setConnectionText(m_sandbox
                                    ? tr("Sandbox at %1").arg(m_connection->baseUrl().toString())
                                    : m_connection->baseUrl().toString());
    m_notifier = new ui::Notifier(m_window);
    // A clicked notification opens what it was about: an order, or the transfers.
    // Targets are "page" or "page:id".
    connect(m_notifier, &ui::Notifier::activated, this, [this](const QString &target) {
        const qsizetype colon = target.indexOf(QLatin1Char(':'));
        m_window->showPage(canonicalView(target.left(colon)));
        if (colon > 0 && target.left(colon) == QLatin1String("orders"))
            m_ordersPage->showOrder(target.mid(colon + 1));
    });
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
    // The datafabric's aspects where the deployment has them, its metadata where it has not.
    auto *metadata = new MetadataListModel(EntityKind::Aspects, this);
    auto *metadataPage = new ui::MetadataPage(m_connection, metadata);
    metadataPage->schemaRegistry()->addDirectory(QStringLiteral(":/schemas"));
    metadataPage->editor()->setSchemaRegistry(metadataPage->schemaRegistry());
    addEntityPage(QStringLiteral("aspects"), tr("Aspects"), metadata, metadataPage);
    const auto showRecord = [this, metadataPage](const QString &recordId) {
        m_window->showPage(QStringLiteral("aspects"));
        metadataPage->showRecord(recordId);
    };
    // Every detail pane's metadata panel leads to the metadata page, and learns of changes.
    for (auto *panel : m_window->findChildren<ui::EntityMetadataPanel *>()) {
        connect(panel, &ui::EntityMetadataPanel::recordActivated, this, showRecord);
        connect(panel, &ui::EntityMetadataPanel::addRequested, this,
                [this, metadataPage](const QString &entityId) {
                    m_window->showPage(QStringLiteral("aspects"));
                    metadataPage->addAspectTo(entityId);
                });
        connect(metadataPage, &ui::MetadataPage::metadataChanged, panel,
                [panel](const QString &entityId) {
                    if (entityId.isEmpty() || entityId == panel->entityId())
                        panel->reload();
                });
    }

    m_transfers = new TransferQueueModel(m_connection, transferStatePath(), this);
    m_transfers->restore();
    artifactsPage->setTransferQueue(m_transfers);
    auto *uploads = new ui::UploadsPage(m_transfers);
    m_window->addPage(QStringLiteral("uploads"), tr("Uploads"), uploads);
    // Last, so the sidebar's Ctrl+<n> keys stay where they are on deployments without jobs.
    m_jobs = new JobsFeature(m_connection, m_window, m_notifier, this);
    connect(servicesPage, &ui::ServicesPage::jobRequestRequested, m_jobs,
            [this](const QString &serviceId) { m_jobs->openRequestDialog(serviceId); });
    connect(servicesPage, &ui::ServicesPage::jobActivated, m_jobs, &JobsFeature::showJob);
    const auto listJobs = [this](bool available) {
        if (available) {
            m_models.insert(QStringLiteral("jobs"), m_jobs->model());
            connect(m_jobs->model(), &EntityListModel::errorOccurred, this,
                    &DesktopSession::reportError, Qt::UniqueConnection);
            connect(m_jobs->model(), &EntityListModel::loadingChanged, this,
                    &DesktopSession::updateActivity, Qt::UniqueConnection);
        } else {
            m_models.remove(QStringLiteral("jobs"));
        }
    };
    connect(m_jobs, &JobsFeature::availabilityChanged, this, listJobs);
    listJobs(m_jobs->isAvailable());
    connect(m_jobs->page(), &ui::JobsPage::artifactActivated, this,
            [this, artifactsPage](const QString &artifactId) {
                m_window->showPage(QStringLiteral("artifacts"));
                artifactsPage->showArtifact(artifactId);
            });
    connect(m_jobs->page(), &ui::JobsPage::orderActivated, this, [this](const QString &orderId) {
        m_window->showPage(QStringLiteral("orders"));
        m_ordersPage->showOrder(orderId);
    });
    connect(uploads, &ui::UploadsPage::filesChosen, this, &DesktopSession::offerUploads);
    connect(m_window, &ui::MainWindow::filesDropped, this, &DesktopSession::offerUploads);
    connect(uploads, &ui::UploadsPage::artifactActivated, this,
            [this, artifactsPage](const QString &artifactId) {
                m_window->showPage(QStringLiteral("artifacts"));
                artifactsPage->showArtifact(artifactId);
            });
    auto *summary = new ui::TransferSummary(m_transfers);
    m_window->addStatusWidget(summary);
    connect(summary, &ui::TransferSummary::clicked, this,
            [this] { m_window->showPage(QStringLiteral("uploads")); });
    connect(summary, &ui::TransferSummary::batchFinished, this, [this](int done, int failed) {
        m_notifier->notify(failed ? tr("Transfers finished with problems")
                                  : tr("Transfers finished"),
                           failed ? tr("%n done, %1 failed", nullptr, done).arg(failed)
                                  : tr("%n done", nullptr, done),
                           failed > 0, QStringLiteral("uploads"));
    });
    auto *menu = new ui::MainMenu(m_window);
    connect(menu, &ui::MainMenu::uploadRequested, uploads, &ui::UploadsPage::chooseFiles);
    menu->setDeployment(m_connection->baseUrl(), m_connection->apiVersion());
    connect(m_connection, &Connection::apiVersionChanged, menu,
            [this, menu](const QString &v) { menu->setDeployment(m_connection->baseUrl(), v); });
    menu->draftsMenu()->setEditorPage(m_window, QStringLiteral("aspects"), metadataPage);
    m_window->setCloseGuard([this, summary] { return confirmQuit(summary->activeCount()); });
    if (QSettings().value(resumeOnStartKey).toBool()) {
        QSettings().remove(resumeOnStartKey);
        m_transfers->resumeAll();
    }

    new ui::LiveRefresh(
        m_window, [this] { return currentModel(); }, this);

    ui::QueryBar *query = m_window->queryBar();
    connect(query, &ui::QueryBar::filterChanged, this, [this](const QString &filter) {
        if (EntityListModel *model = currentModel())
            model->setFilter(filter);
    });
    // "As of" applies to the whole deployment, so every view moves in time together.
    connect(query, &ui::QueryBar::atTimeChanged, this, [this](const QDateTime &time) {
        for (EntityListModel *model : std::as_const(m_models))
            model->setAtTime(time);
        for (auto *panel : m_window->findChildren<ui::EntityMetadataPanel *>())
            panel->setAtTime(time);
    });
    connect(m_window, &ui::MainWindow::currentPageChanged, this, &DesktopSession::showQueryOf);
    connect(m_window, &ui::MainWindow::refreshRequested, this, [this] {
        if (EntityListModel *model = currentModel())
            model->lastError().isError() || model->rowCount() == 0 ? model->reload()
                                                                   : model->refresh();
    });
    connect(m_window->errorBanner(), &ui::ErrorBanner::signInRequested, this,
            &DesktopSession::askToSignIn);
    connect(m_window, &ui::MainWindow::connectionsRequested, this, [this] { openConnections(); });

    if (!m_options.requestJobService.isEmpty()) {
        // Whether the deployment has jobs is known once the detection ends (JobsFeature hears
        // of it first, having connected first).
        if (m_connection->isDialectKnown())
            QTimer::singleShot(0, this, &DesktopSession::openRequestedJob);
        else
            connect(m_connection, &Connection::apiDetectionFinished, this,
                    &DesktopSession::openRequestedJob, Qt::SingleShotConnection);
    } else if (isOneShot() && m_options.view == QLatin1String("jobs") &&
               !m_connection->isDialectKnown()) {
        // Whether there are jobs to show is known once the detection ends; JobsFeature hears
        // of it first (it connected first), so the jobs model is listed and loading by then.
        connect(
            m_connection, &Connection::apiDetectionFinished, this,
            [this] { watchForScreenshot(QStringLiteral("jobs")); }, Qt::SingleShotConnection);
    } else if (isOneShot()) {
        watchForScreenshot(m_options.view);
    }
    m_window->showPage(m_options.view);
    showQueryOf(m_window->currentPageKey());
    m_window->show();
    Q_EMIT windowShown();
    if (!m_options.files.isEmpty())
        offerUploads(m_options.files);
    if (m_pendingConnections != PendingConnections::None)
        openConnections(m_pendingConnections == PendingConnections::Import);
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
        const ui::OrderNotice notice = ui::OrderNotice::forOrder(
            EntityNames::of(m_connection)->displayName(order->serviceId()), order->name(), status);
        m_notifier->notify(notice.title, notice.message, notice.problem,
                           QStringLiteral("orders:") + order->id());
        order->deleteLater();
    });
    connect(order, &EntityDetails::errorOccurred, this, [this, order](const ApiError &error) {
        reportError(error);
        order->deleteLater();
    });
    order->start();
    Q_EMIT orderPlaced(orderId);
}

void DesktopSession::offerUploads(const QStringList &paths)
{
    // Folders upload the files under them; what cannot be uploaded is listed, not dropped.
    const UploadSelection selection = UploadSelection::expand(paths);
    const QStringList &files = selection.files;
    if (!selection.skipped.isEmpty())
        m_window->showError(tr("%n item(s) cannot be uploaded: only readable local files can.",
                               nullptr, int(selection.skipped.size())),
                            selection.skipped.join(QLatin1Char('\n')));
    if (selection.folders > 0)
        m_window->showMessage(selection.summary());
    if (files.isEmpty())
        return;
    auto *dialog = new ui::UploadOptionsDialog(files, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The collections to choose from are the artifacts page's (read now if not yet).
    if (auto *artifacts =
            qobject_cast<ui::ArtifactsPage *>(m_window->page(QStringLiteral("artifacts")))) {
        artifacts->loadCollections();
        dialog->setCollections(artifacts->collections());
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QStringList chosen = dialog->files();
        for (int i = 0; i < chosen.size(); ++i)
            m_transfers->addUpload(chosen.at(i), dialog->optionsFor(i));
        m_window->showPage(QStringLiteral("uploads"));
    });
    dialog->open();
}

bool DesktopSession::confirmQuit(int activeTransfers)
{
    if (activeTransfers == 0 || isOneShot() || m_quitAnswered)
        return true;
    // The close waits for the answer, asked window-modally without a nested event loop; the
    // answer closes the window again.
    if (m_quitQuestion && m_quitQuestion->isVisible()) {
        m_quitQuestion->raise();
        m_quitQuestion->activateWindow();
        return false;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Transfers are running"),
                                tr("%n transfer(s) are still running. Pause them and continue the "
                                   "next time IVCAP Desktop starts?",
                                   nullptr, activeTransfers),
                                QMessageBox::NoButton, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *pause = box->addButton(tr("&Pause and quit"), QMessageBox::AcceptRole);
    QPushButton *cancel = box->addButton(tr("Cancel them and &quit"), QMessageBox::DestructiveRole);
    box->addButton(tr("&Keep running"), QMessageBox::RejectRole);
    box->setDefaultButton(pause);
    connect(box, &QMessageBox::buttonClicked, this, [this, pause, cancel](QAbstractButton *b) {
        if (b == pause) {
            m_transfers->pauseAll();
            QSettings().setValue(resumeOnStartKey, true);
        } else if (b == cancel) {
            m_transfers->cancelAll();
        } else {
            return;
        }
        m_quitAnswered = true;
        QTimer::singleShot(0, m_window, &QWidget::close);
    });
    m_quitQuestion = box;
    box->open();
    return false;
}

void DesktopSession::addEntityPage(const QString &key, const QString &title, EntityListModel *model,
                                   QWidget *widget)
{
    model->setConnection(m_connection);
    m_models.insert(key, model);
    m_window->addPage(key, title, widget);
    // A list's errors show on its own page (EntityTableView's banner) and go when it loads
    // again; only a refused sign-in concerns the whole window.
    connect(model, &EntityListModel::errorOccurred, this, [this](const ApiError &error) {
        if (error.kind == ApiError::Kind::Unauthorized)
            reportError(error);
    });
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

void DesktopSession::openConnections(bool importFromCli)
{
    if (!m_window) {
        // The window comes once the deployment (or the private sandbox) is ready.
        m_pendingConnections =
            importFromCli ? PendingConnections::Import : PendingConnections::Open;
        return;
    }
    if (m_connections) {
        m_connections->raise();
        m_connections->activateWindow();
    } else {
        m_connections = new ui::ConnectionDialog(&m_contexts, m_auth, m_window);
        m_connections->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_connections, &ui::ConnectionDialog::contextActivated, this,
                &DesktopSession::switchContext);
        connect(m_connections, &ui::ConnectionDialog::signedIn, this,
                [this](const Context &context) {
                    if (context.name == m_auth->context().name)
                        reloadAfterSignIn();
                });
        m_connections->show();
    }
    if (importFromCli)
        m_connections->importFromCli();
}

void DesktopSession::askToSignIn()
{
    auto *dialog = new ui::SignInDialog(m_connection->baseUrl(), m_auth->context().hostOverride,
                                        m_connection, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ui::SignInDialog::signedIn, this, [this](const AuthTokens &tokens) {
        m_auth->setTokens(tokens);
        reloadAfterSignIn();
    });
    dialog->open();
}

void DesktopSession::reloadAfterSignIn()
{
    // What failed with the old credentials is read again with the new ones.
    m_window->errorBanner()->dismiss();
    for (EntityListModel *model : std::as_const(m_models))
        model->reload();
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

void DesktopSession::openRequestedJob()
{
    if (!m_jobs->isAvailable()) {
        // Nothing to open: one clear error, whether or not a screenshot was asked for.
        const QString version = m_connection->apiVersion();
        QTextStream(stderr)
            << (m_connection->isDialectKnown()
                    ? tr("Cannot request a job: the deployment at %1 has no jobs (it speaks "
                         "IVCAP API %2; jobs need API 0.44 or later).")
                          .arg(m_connection->baseUrl().toString(),
                               version.isEmpty() ? tr("an earlier version") : version)
                    : tr("Cannot request a job: could not tell which IVCAP API the deployment "
                         "at %1 speaks.")
                          .arg(m_connection->baseUrl().toString()))
            << '\n';
        m_screenshotTaken = true;
        QApplication::exit(2);
        return;
    }
    ui::JobRequestDialog *dialog = m_jobs->openRequestDialog(m_options.requestJobService);
    m_requestDialog = dialog;
    if (m_options.screenshotFile.isEmpty())
        return;
    // The picture is taken once the form has its schema (or knows it has none).
    connect(dialog, &ui::JobRequestDialog::ready, this,
            [this] { QTimer::singleShot(0, this, &DesktopSession::takeScreenshot); });
    connect(dialog, &ui::JobRequestDialog::failed, this, [this, dialog](const QString &message) {
        if (!dialog->isReady())
            fail(message);
    });
}

void DesktopSession::takeScreenshot()
{
    if (m_screenshotTaken || !m_window)
        return;
    // Let detail panes that started reading with the first page finish, so the picture shows
    // them filled in; a slow deployment gets a bounded wait, not a hang.
    const QList<EntityDetails *> details = m_window->findChildren<EntityDetails *>();
    const bool settling = std::any_of(details.cbegin(), details.cend(),
                                      [](const EntityDetails *d) { return d->isLoading(); });
    if (settling && m_settleAttempts++ < 100) {
        QTimer::singleShot(30, this, &DesktopSession::takeScreenshot);
        return;
    }
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
    QWidget *target = m_requestDialog ? m_requestDialog.data() : m_window;
    if (!target->grab().save(m_options.screenshotFile, "PNG")) {
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
    if (error.kind == ApiError::Kind::Unauthorized)
        m_window->errorBanner()->showAuthenticationError(
            tr("The deployment refused the credentials: %1").arg(error.message),
            ui::ErrorBanner::detailsOf(error));
    else
        m_window->errorBanner()->showApiError(error);
}

} // namespace ivcap::app
