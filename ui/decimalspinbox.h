#pragma once

#include <QAbstractSpinBox>
#include <optional>

namespace ivcap::ui {

// A spin box for JSON numbers that keeps the text the user typed: no rounding to a fixed
// number of decimals and no detour through double for what is stored, so 19.99 stays 19.99 and
// 9007199254740993 keeps its last digit. The arrows step by `step` (a schema's multipleOf, or
// 1) within the optional bounds; the unit, if any, is shown as a suffix label outside the text.
class DecimalSpinBox : public QAbstractSpinBox
{
    Q_OBJECT
public:
    explicit DecimalSpinBox(QWidget *parent = nullptr);

    QString numberText() const;
    // Shows `text` unless it is what the box already holds (so the cursor stays put).
    void setNumberText(const QString &text);
    void setIntegerOnly(bool integer) { m_integer = integer; }
    void setRange(std::optional<double> minimum, std::optional<double> maximum);
    void setStep(double step) { m_step = step; }

    QValidator::State validate(QString &input, int &pos) const override;
    void stepBy(int steps) override;

Q_SIGNALS:
    // The user changed the number; `text` is a valid JSON number.
    void numberEdited(const QString &text);

protected:
    StepEnabled stepEnabled() const override;

private:
    std::optional<double> m_minimum, m_maximum;
    double m_step = 1;
    bool m_integer = false;
};

} // namespace ivcap::ui
