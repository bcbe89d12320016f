#pragma once

#include "api/apierror.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace ivcap::ui {

// The one non-modal channel for errors: a strip above the current page with the latest message,
// its details on demand, and a count of earlier ones. Network callbacks report here and never
// open dialogs; the user dismisses the banner when ready.
class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    // `details` (status, URL, server message) shows when the user asks for it.
    void showError(const QString &message, const QString &details = QString());
    // An error of a request: its message, and as details its HTTP status, IVCAP error and URL.
    // A certificate the app does not trust adds where to set the deployment's CA file.
    void showApiError(const ivcap::ApiError &error);
    // The details showApiError gives: "HTTP status goa-error" and the URL, one per line.
    static QString detailsOf(const ivcap::ApiError &error);
    // A 401: the same strip, with a button that asks to sign in again.
    void showAuthenticationError(const QString &message, const QString &details = QString());
    void dismiss();

    QString message() const;
    int count() const { return int(m_history.size()); }
    QStringList history() const { return m_history; }

Q_SIGNALS:
    void signInRequested();

private:
    void present(const QString &message, const QString &details, bool offerSignIn);

    QLabel *m_icon;
    QLabel *m_message;
    QLabel *m_details;
    QPushButton *m_signIn;
    QToolButton *m_detailsButton;
    QToolButton *m_close;
    QStringList m_history;
};

} // namespace ivcap::ui
