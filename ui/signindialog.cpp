#include "signindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ivcap::ui {

SignInDialog::SignInDialog(const QString &deployment, QWidget *parent)
    : QDialog(parent), m_token(new QLineEdit)
{
    setWindowTitle(tr("Sign in to %1").arg(deployment));
    auto *intro = new QLabel(tr("The deployment did not accept the current credentials. Paste a "
                                "new access token (for example from <tt>ivcap context "
                                "get access-token</tt>)."));
    intro->setWordWrap(true);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Access token"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Sign in"));
    ok->setEnabled(false);
    connect(m_token, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QFormLayout(this);
    layout->addRow(intro);
    layout->addRow(tr("Access &token:"), m_token);
    layout->addRow(buttons);
}

QString SignInDialog::token() const
{
    return m_token->text().trimmed();
}

} // namespace ivcap::ui
