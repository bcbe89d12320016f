#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace ivcap::ui {

// The Connections dialog's "API version" row: the context's pin (detect, 0.48, 0.28, or
// another version a context was saved with) beside what it amounts to for the deployment:
// "IVCAP API 0.48, pinned by this context.", "IVCAP API 0.48, detected." or a hint that
// connecting or "Test connection" detects it.
class ApiVersionField : public QWidget
{
    Q_OBJECT
public:
    explicit ApiVersionField(QWidget *parent = nullptr);

    QComboBox *pinBox() const { return m_pin; }
    // The pinned version ("0.48"), or empty: detect it on connecting (Context::apiVersion).
    QString pin() const;
    // Shows `pin` as chosen; a version the list lacks is added rather than dropped.
    void setPin(const QString &pin);
    // What the deployment was found to speak (empty: not known); without a deployment (no
    // valid URL yet) nothing is said.
    void setDetected(const QString &version, bool hasDeployment);
    QString text() const;

Q_SIGNALS:
    void pinChanged();

private:
    void updateText();

    QComboBox *m_pin;
    QLabel *m_text;
    QString m_detected;
    bool m_hasDeployment = false;
};

} // namespace ivcap::ui
