#include "errorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
// Keeps the banner's memory bounded however noisy a deployment gets.
constexpr int maxHistory = 50;
} // namespace

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel), m_message(new QLabel), m_details(new QLabel),
      m_signIn(new QPushButton(tr("Sign in again…"))), m_detailsButton(new QToolButton),
      m_close(new QToolButton)
{
    setObjectName(QStringLiteral("errorBanner"));
    setAccessibleName(tr("Error"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xea));
    pal.setColor(QPalette::WindowText, QColor(0x5f, 0x21, 0x20));
    setPalette(pal);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Error message"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAccessibleName(tr("Error details"));
    m_details->hide();
    m_signIn->setAccessibleName(tr("Sign in again"));
    m_signIn->hide();
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setAccessibleName(tr("Show error details"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setToolTip(tr("Dismiss (Esc)"));
    m_close->setAccessibleName(tr("Dismiss error"));
    m_close->setShortcut(Qt::Key_Escape);

    auto *row = new QHBoxLayout;
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addWidget(m_message, 1);
    row->addWidget(m_signIn);
    row->addWidget(m_detailsButton);
    row->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addLayout(row);
    layout->addWidget(m_details);

    connect(m_detailsButton, &QToolButton::toggled, m_details, &QLabel::setVisible);
    connect(m_close, &QToolButton::clicked, this, &ErrorBanner::dismiss);
    connect(m_signIn, &QPushButton::clicked, this, &ErrorBanner::signInRequested);
    hide();
}

void ErrorBanner::showError(const QString &message, const QString &details)
{
    present(message, details, false);
}

void ErrorBanner::showApiError(const ApiError &error)
{
    QString message = error.toString();
    if (error.untrustedCertificate)
        message += QLatin1Char(' ') +
                   tr("If the deployment has its own certificate authority, choose that "
                      "authority's certificate as the connection's CA file in Connections.");
    present(message, detailsOf(error), false);
}

QString ErrorBanner::detailsOf(const ApiError &error)
{
    QString details;
    if (error.httpStatus)
        details = tr("HTTP %1 %2").arg(error.httpStatus).arg(error.goaError);
    if (!error.url.isEmpty())
        details += (details.isEmpty() ? QString() : QStringLiteral("\n")) + error.url.toString();
    return details;
}

void ErrorBanner::showAuthenticationError(const QString &message, const QString &details)
{
    present(message, details, true);
}

void ErrorBanner::present(const QString &message, const QString &details, bool offerSignIn)
{
    m_history.append(message);
    if (m_history.size() > maxHistory)
        m_history.removeFirst();
    // The history holds everything since the last dismissal.
    const int earlier = int(m_history.size()) - 1;
    m_message->setText(earlier > 0 ? tr("%1 (and %n earlier)", nullptr, earlier).arg(message)
                                   : message);
    m_details->setText(details);
    m_detailsButton->setVisible(!details.isEmpty());
    // A sign-in offer stays until dismissed: a later, unrelated error must not hide it.
    if (offerSignIn)
        m_signIn->show();
    show();
}

void ErrorBanner::dismiss()
{
    m_history.clear();
    m_signIn->hide();
    m_detailsButton->setChecked(false);
    hide();
}

QString ErrorBanner::message() const
{
    return m_message->text();
}

} // namespace ivcap::ui
