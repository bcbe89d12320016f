#include "devicesigninwidget.h"

#include "auth/deviceauthflow.h"
#include "qrcodeimage.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>

namespace ivcap::ui {

DeviceSignInWidget::DeviceSignInWidget(DeviceAuthFlow *flow, QWidget *parent)
    : QWidget(parent), m_flow(flow), m_intro(new QLabel), m_link(new QLabel), m_code(new QLabel),
      m_qr(new QLabel), m_status(new QLabel), m_cancel(new QPushButton(tr("Cancel sign-in")))
{
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Open the address below in a browser (or scan the code with a phone), "
                        "sign in there and confirm this code:"));
    m_link->setOpenExternalLinks(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_link->setAccessibleName(tr("Verification address"));
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setAccessibleName(tr("Code to confirm"));
    m_qr->setAccessibleName(tr("QR code of the verification address"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Sign-in status"));
    m_cancel->setAccessibleName(tr("Cancel sign-in"));

    auto *layout = new QGridLayout(this);
    layout->addWidget(m_intro, 0, 0, 1, 2);
    layout->addWidget(m_link, 1, 0);
    layout->addWidget(m_code, 2, 0);
    layout->addWidget(m_qr, 1, 1, 3, 1);
    layout->addWidget(m_status, 3, 0);
    layout->addWidget(m_cancel, 4, 0, Qt::AlignLeft);

    connect(m_cancel, &QPushButton::clicked, this, &DeviceSignInWidget::cancelRequested);
    connect(flow, &DeviceAuthFlow::codeReady, this, &DeviceSignInWidget::showCode);
    connect(flow, &DeviceAuthFlow::stateChanged, this, [this](DeviceAuthFlow::State state) {
        switch (state) {
        case DeviceAuthFlow::State::Discovering:
        case DeviceAuthFlow::State::RequestingCode:
            setStatus(tr("Contacting the identity provider…"));
            break;
        case DeviceAuthFlow::State::WaitingForUser:
            setStatus(tr("Waiting for you to confirm the code in the browser…"));
            break;
        case DeviceAuthFlow::State::Succeeded:
            setStatus(tr("Signed in."));
            break;
        case DeviceAuthFlow::State::Failed:
            setStatus(m_flow->errorString());
            break;
        case DeviceAuthFlow::State::Idle:
            setStatus(tr("Sign-in cancelled."));
            break;
        }
        m_cancel->setEnabled(state != DeviceAuthFlow::State::Succeeded &&
                             state != DeviceAuthFlow::State::Failed &&
                             state != DeviceAuthFlow::State::Idle);
    });
    if (flow->state() == DeviceAuthFlow::State::WaitingForUser)
        showCode();
}

void DeviceSignInWidget::showCode()
{
    const QUrl complete = m_flow->verificationUrlComplete();
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(complete.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                             m_flow->verificationUrl().toString().toHtmlEscaped()));
    m_code->setText(m_flow->userCode());
    const QImage qr = QrCodeImage::render(complete.toString(QUrl::FullyEncoded));
    m_qr->setPixmap(QPixmap::fromImage(qr));
}

void DeviceSignInWidget::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString DeviceSignInWidget::userCode() const
{
    return m_code->text();
}

QString DeviceSignInWidget::status() const
{
    return m_status->text();
}

bool DeviceSignInWidget::hasQrCode() const
{
    return !m_qr->pixmap().isNull();
}

} // namespace ivcap::ui
