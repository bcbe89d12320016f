#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace ivcap::ui {

// Asks for a new access token after the deployment refused the current one. It is opened only
// from the user's click on the error banner, never from a network callback.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(const QString &deployment, QWidget *parent = nullptr);

    QString token() const;

private:
    QLineEdit *m_token;
};

} // namespace ivcap::ui
