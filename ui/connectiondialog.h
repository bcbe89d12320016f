#pragma once

#include "auth/authtokens.h"
#include "auth/context.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ivcap {
class AuthSession;
class Connection;
class ConnectionTester;
class ContextStore;
class DeviceAuthFlow;
class TokenStore;
} // namespace ivcap

namespace ivcap::ui {

class ApiVersionField;
class CaFileField;
class DeviceSignInWidget;

// Add, edit, switch and remove contexts; import the IVCAP CLI's; test a connection; sign in
// with the device flow and sign out; see who is signed in and until when, and which IVCAP API
// version each deployment speaks: pinned by the context (Context::apiVersion, chosen here), or
// detected (by the connection in use, or by "Test connection"); and the CA file trusted for a
// deployment with its own certificate authority (Context::caFile), checked on Save and Test,
// with a hint to set it when a test meets a certificate the system does not trust. The dialog
// changes the saved contexts and tokens itself; switching the app to another context is left
// to whoever handles contextActivated().
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionDialog(ContextStore *store, AuthSession *session, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // Where "Import from the CLI" reads (the CLI's own place by default).
    void setCliConfigPath(const QString &path) { m_cliConfigPath = path; }

    QString selectedName() const;
    void selectContext(const QString &name);
    // The form as a context (not yet saved).
    Context editedContext() const;

    void importFromCli();
    // Saves the form unless it is incomplete or its CA file is unusable (the problem is then
    // shown next to the field and the form kept); returns whether it saved. Saving the context
    // in use gives its connection the new CA file at once.
    bool saveEdited();
    void removeSelected();
    void activateSelected();
    // Tests the form's context (its CA file included) without saving it; testFinished() follows,
    // at once (false) when the CA file is unusable.
    void testConnection();
    void signIn();
    void signOut();

    QString statusText() const;
    QString identityText() const;
    // What the dialog says of the selected context's API version, e.g. "IVCAP API 0.48
    // (detected)"; empty while neither pinned nor detected.
    QString apiVersionText() const;
    // Said after a connection error caused by a certificate the system does not trust: where
    // to set the deployment's CA.
    static QString certificateHint();
    DeviceSignInWidget *signInWidget() const { return m_signInWidget; }
    CaFileField *caFileField() const { return m_caFile; }

Q_SIGNALS:
    // The user chose to work with `context`; `tokens` are its stored tokens (maybe empty).
    void contextActivated(const ivcap::Context &context, const ivcap::AuthTokens &tokens);
    void signedIn(const ivcap::Context &context, const ivcap::AuthTokens &tokens);
    void testFinished(bool ok);

private:
    void reloadList(const QString &select = QString());
    void showSelected();
    void updateButtons();
    void updateIdentity();
    void setStatus(const QString &text);
    void updateApiVersion();
    // The API version last detected at `url`: by the connection in use or a test.
    QString detectedVersion(const QUrl &url) const;
    AuthTokens tokensOf(const QString &name) const;
    Connection *probeConnection(const Context &context);
    void finishSignIn(const AuthTokens &tokens);

    ContextStore *m_store;
    AuthSession *m_session;
    TokenStore *m_tokens;
    QString m_cliConfigPath;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_account;
    QLineEdit *m_host;
    QCheckBox *m_allowHttp;
    ApiVersionField *m_api;
    CaFileField *m_caFile;
    QHash<QString, QString> m_detected; // deployment URL → API version found by a test
    QLabel *m_identity;
    QLabel *m_persistence;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_remove;
    QPushButton *m_activate;
    QPushButton *m_test;
    QPushButton *m_signIn;
    QPushButton *m_signOut;
    QPointer<Connection> m_probe;
    QPointer<ConnectionTester> m_tester;
    QPointer<DeviceAuthFlow> m_flow;
    DeviceSignInWidget *m_signInWidget = nullptr;
    void removeSignInWidget();
    Context m_signInContext;
};

} // namespace ivcap::ui
