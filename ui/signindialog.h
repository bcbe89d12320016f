#pragma once

#include "auth/authtokens.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

class QLineEdit;
class QPushButton;

namespace ivcap {
class Connection;
class DeviceAuthFlow;
} // namespace ivcap

namespace ivcap::ui {

class DeviceSignInWidget;

// Signs in again after the deployment refused the current credentials: with the browser (the
// OAuth device flow, as the IVCAP CLI's `ivcap context login` does) or with a pasted access
// token. Opened only from the user's click on the error banner, never from a network callback.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    // `deployment` and `hostOverride` as in the active context; the device flow trusts the CA
    // file of `connection` (the active one; may be null).
    SignInDialog(const QUrl &deployment, const QString &hostOverride, Connection *connection,
                 QWidget *parent = nullptr);

    // The pasted token, trimmed.
    QString token() const;
    // Starts the device flow (the "Sign in with the browser" button); the code and QR code
    // appear in the dialog.
    void startDeviceFlow();
    DeviceSignInWidget *deviceSignIn() const { return m_deviceWidget; }

Q_SIGNALS:
    // Either way in succeeded; the dialog closes itself after this.
    void signedIn(const ivcap::AuthTokens &tokens);

private:
    QUrl m_deployment;
    QString m_hostOverride;
    QPointer<Connection> m_connection;
    QLineEdit *m_token;
    QPushButton *m_browser;
    DeviceAuthFlow *m_flow = nullptr;
    DeviceSignInWidget *m_deviceWidget = nullptr;
};

} // namespace ivcap::ui
