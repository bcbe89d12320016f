#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace ivcap {
class DeviceAuthFlow;
}

namespace ivcap::ui {

// What the user needs while a device-flow sign-in waits for them: the verification URL (as a
// link and a QR code for a phone), the code to enter, and how it is going.
class DeviceSignInWidget : public QWidget
{
    Q_OBJECT
public:
    explicit DeviceSignInWidget(DeviceAuthFlow *flow, QWidget *parent = nullptr);

    QString userCode() const;
    QString status() const;
    bool hasQrCode() const;

Q_SIGNALS:
    void cancelRequested();

private:
    void showCode();
    void setStatus(const QString &text);

    DeviceAuthFlow *m_flow;
    QLabel *m_intro;
    QLabel *m_link;
    QLabel *m_code;
    QLabel *m_qr;
    QLabel *m_status;
    QPushButton *m_cancel;
};

} // namespace ivcap::ui
