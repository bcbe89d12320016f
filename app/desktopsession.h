#pragma once

#include "auth/authtokens.h"
#include "auth/context.h"

#include "auth/contextstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QMessageBox;

namespace ivcap {
class AuthSession;
class Connection;
class EntityListModel;
class TokenStore;
class SandboxLauncher;
class TransferQueueModel;
struct ApiError;
namespace ui {
class MainWindow;
class Notifier;
class OrderFormDialog;
class OrdersPage;
class ConnectionDialog;
} // namespace ui
} // namespace ivcap

class QWidget;

namespace ivcap::app {

class JobsFeature;

// Wires one run of the app: where to connect (a deployment or a private sandbox), which models
// feed which views, how the toolbar's query reaches the current view's model, where errors go,
// and the one-shot --screenshot mode.
class DesktopSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;
        QString token;
        QString account;
        bool useSandbox = false;
        // The IVCAP API dialect of the private sandbox ("0.48" or "0.28"; --sandbox-api),
        // each with a data directory of its own (SandboxLauncher::defaultDataDir).
        QString sandboxApi = QStringLiteral("0.48");
        QString view = QStringLiteral("services");
        QString screenshotFile;
        // Open the request form of this service (a service URN) once connected; with
        // screenshotFile, the picture is of that form (--request-job).
        QString requestJobService;
        // Print the time from launchedAtMs to the first painted page of `view`, then exit.
        bool reportStartup = false;
        qint64 launchedAtMs = 0;
        // Local files to offer for upload once the window is up (from the command line).
        QStringList files;
        // The named context of this run (--context), if any: its name, host override and
        // origin; url, token and account above already hold its values. `tokens` adds the
        // refresh token and expiry to `token`.
        Context context;
        AuthTokens tokens;
    };

    explicit DesktopSession(const Options &options, QObject *parent = nullptr);
    ~DesktopSession() override;

    static QStringList viewNames();
    // The view a name given on the command line or by a second launch means: `metadata` is the
    // old name of `aspects`; any other name as given.
    static QString canonicalView(const QString &name);

    bool start();
    QString errorString() const { return m_error; }
    ui::MainWindow *window() const { return m_window; }
    Connection *connection() const { return m_connection; }
    AuthSession *authSession() const { return m_auth; }

    // Connects to another context and reloads every model from it.
    void switchContext(const ivcap::Context &context, const ivcap::AuthTokens &tokens);
    // The (non-modal) connections dialog; `importFromCli` starts with the CLI's contexts.
    void openConnections(bool importFromCli = false);
    ui::Notifier *notifier() const { return m_notifier; }
    // The jobs of deployments that have them: the Jobs page, request dialogs, tracking.
    JobsFeature *jobs() const { return m_jobs; }

    // Opens the (non-modal) order form for a service; the form deletes itself when closed.
    ui::OrderFormDialog *openOrderForm(const QString &serviceId);
    // Asks for the options of uploading these local files (the readable ones; the others are
    // reported in the error banner). Needs the window.
    void offerUploads(const QStringList &paths);

Q_SIGNALS:
    void orderPlaced(const QString &orderId);
    // The main window has been shown (once, when the deployment answered or the sandbox
    // started).
    void windowShown();

private:
    void trackPlacedOrder(const QString &orderId);
    bool confirmQuit(int activeTransfers);
    QString transferStatePath() const;
    void connectTo(const QUrl &url, const QString &token);
    void buildViews();
    void addEntityPage(const QString &key, const QString &title, EntityListModel *model,
                       QWidget *widget);
    EntityListModel *currentModel() const;
    void showQueryOf(const QString &key);
    void updateActivity();
    void askToSignIn();
    void reloadAfterSignIn();
    bool isOneShot() const;
    void watchForScreenshot(const QString &key);
    void takeScreenshot();
    void openRequestedJob();
    void fail(const QString &message);
    void reportError(const ivcap::ApiError &error);

    Options m_options;
    QString m_error;
    Connection *m_connection;
    TokenStore *m_tokenStore;
    AuthSession *m_auth;
    ContextStore m_contexts;
    QPointer<ui::ConnectionDialog> m_connections;
    enum class PendingConnections { None, Open, Import };
    PendingConnections m_pendingConnections = PendingConnections::None;
    SandboxLauncher *m_sandbox = nullptr;
    ui::MainWindow *m_window = nullptr;
    ui::Notifier *m_notifier = nullptr;
    ui::OrdersPage *m_ordersPage = nullptr;
    JobsFeature *m_jobs = nullptr;
    QHash<QString, EntityListModel *> m_models;
    TransferQueueModel *m_transfers = nullptr;
    QPointer<QMessageBox> m_quitQuestion;
    QPointer<QWidget> m_requestDialog; // --request-job's form: what --screenshot renders
    bool m_quitAnswered = false; // the transfers were paused or cancelled: the window may close
    bool m_screenshotTaken = false;
    int m_settleAttempts = 0;
};

} // namespace ivcap::app
