#include "decimalspinbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QRegularExpression>
#include <cmath>

namespace ivcap::ui {

namespace {
// JSON's number grammar (RFC 8259 §6), and its prefixes while the user is typing.
const QRegularExpression &complete()
{
    static const QRegularExpression re(
        QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    return re;
}
const QRegularExpression &partial()
{
    static const QRegularExpression re(
        QStringLiteral("^-?([0-9]*)(\\.[0-9]*)?([eE][+-]?[0-9]*)?$"));
    return re;
}
} // namespace

DecimalSpinBox::DecimalSpinBox(QWidget *parent) : QAbstractSpinBox(parent)
{
    setKeyboardTracking(true);
    setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    connect(lineEdit(), &QLineEdit::textEdited, this, [this](const QString &text) {
        const QString trimmed = text.trimmed();
        if (complete().match(trimmed).hasMatch() &&
            (!m_integer || !trimmed.contains(QRegularExpression(QStringLiteral("[.eE]")))))
            Q_EMIT numberEdited(trimmed);
    });
}

QString DecimalSpinBox::numberText() const
{
    return lineEdit()->text().trimmed();
}

void DecimalSpinBox::setNumberText(const QString &text)
{
    if (lineEdit()->text() == text)
        return;
    // the same number written differently by the user stays as they wrote it
    if (hasFocus() && lineEdit()->text().toDouble() == text.toDouble() && !text.isEmpty())
        return;
    lineEdit()->setText(text);
}

void DecimalSpinBox::setRange(std::optional<double> minimum, std::optional<double> maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
}

QValidator::State DecimalSpinBox::validate(QString &input, int &) const
{
    const QString t = input.trimmed();
    if (t.isEmpty())
        return QValidator::Intermediate;
    if (complete().match(t).hasMatch())
        return m_integer && t.contains(QRegularExpression(QStringLiteral("[.eE]")))
                   ? QValidator::Invalid
                   : QValidator::Acceptable;
    return partial().match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void DecimalSpinBox::stepBy(int steps)
{
    double value = numberText().toDouble() + steps * m_step;
    if (m_minimum && value < *m_minimum)
        value = *m_minimum;
    if (m_maximum && value > *m_maximum)
        value = *m_maximum;
    if (m_step > 0 && std::fmod(m_step, 1.0) != 0) // keep multiples of a decimal step clean
        value = std::round(value / m_step) * m_step;
    const QString text = QString::fromUtf8(
        QJsonDocument(QJsonArray{m_integer ? QJsonValue(qint64(value)) : QJsonValue(value)})
            .toJson(QJsonDocument::Compact)
            .mid(1)
            .chopped(1));
    lineEdit()->setText(text);
    Q_EMIT numberEdited(text);
}

QAbstractSpinBox::StepEnabled DecimalSpinBox::stepEnabled() const
{
    if (isReadOnly())
        return StepNone;
    const double value = numberText().toDouble();
    StepEnabled enabled = StepNone;
    if (!m_maximum || value < *m_maximum)
        enabled |= StepUpEnabled;
    if (!m_minimum || value > *m_minimum)
        enabled |= StepDownEnabled;
    return enabled;
}

} // namespace ivcap::ui
