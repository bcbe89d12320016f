#include "signindialog.h"

#include "api/connection.h"
#include "auth/deviceauthflow.h"
#include "devicesigninwidget.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ivcap::ui {

SignInDialog::SignInDialog(const QUrl &deployment, const QString &hostOverride,
                           Connection *connection, QWidget *parent)
    : QDialog(parent), m_deployment(deployment), m_hostOverride(hostOverride),
      m_connection(connection), m_token(new QLineEdit),
      m_browser(new QPushButton(tr("Sign in with the &browser…")))
{
    setWindowTitle(tr("Sign in to %1").arg(deployment.host()));
    auto *intro = new QLabel(tr("The deployment did not accept the current credentials. Sign in "
                                "again with your browser, or paste a new access token (for "
                                "example from <tt>ivcap context get access-token</tt>)."));
    intro->setWordWrap(true);
    m_browser->setObjectName(QStringLiteral("browserSignInButton"));
    m_browser->setAccessibleName(tr("Sign in with the browser"));
    m_browser->setAutoDefault(false);
    connect(m_browser, &QPushButton::clicked, this, &SignInDialog::startDeviceFlow);

    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Access token"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Use &token"));
    ok->setAccessibleName(tr("Sign in with the token"));
    ok->setEnabled(false);
    connect(m_token, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (token().isEmpty())
            return;
        AuthTokens tokens;
        tokens.accessToken = token();
        Q_EMIT signedIn(tokens);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Access &token:"), m_token);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_browser, 0, Qt::AlignLeft);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString SignInDialog::token() const
{
    return m_token->text().trimmed();
}

void SignInDialog::startDeviceFlow()
{
    if (m_flow)
        return;
    delete m_deviceWidget; // the last attempt's, after a failure
    m_flow = new DeviceAuthFlow(m_connection, this);
    m_deviceWidget = new DeviceSignInWidget(m_flow, this);
    static_cast<QVBoxLayout *>(layout())->insertWidget(2, m_deviceWidget);
    m_browser->setEnabled(false);
    const auto finish = [this] {
        m_flow->deleteLater();
        m_flow = nullptr;
    };
    connect(m_deviceWidget, &DeviceSignInWidget::cancelRequested, this, [this, finish] {
        m_flow->cancel();
        finish();
        m_deviceWidget->deleteLater();
        m_deviceWidget = nullptr;
        m_browser->setEnabled(true);
    });
    connect(m_flow, &DeviceAuthFlow::succeeded, this, [this, finish](const AuthTokens &tokens) {
        finish();
        Q_EMIT signedIn(tokens);
        accept();
    });
    // A failure stays on screen (the widget shows why); the user may try again.
    connect(m_flow, &DeviceAuthFlow::failed, this, [this, finish] {
        finish();
        m_browser->setEnabled(true);
    });
    m_flow->start(m_deployment, m_hostOverride);
}

} // namespace ivcap::ui
