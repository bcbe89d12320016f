#pragma once

#include <QWidget>

#include <functional>

namespace ivcap::ui {

// One order-form field: a type-specific control behind a common interface that speaks the wire
// string (PROTOCOL.md §6), so the form never needs to know which widget it holds. The control
// is built by ParameterEditorFactory, which also supplies how to read and write it.
class ParameterEditor : public QWidget
{
    Q_OBJECT
public:
    using Getter = std::function<QString()>;
    using Setter = std::function<void(const QString &)>;

    ParameterEditor(QWidget *control, Getter getter, Setter setter, QWidget *parent = nullptr);

    QString value() const;
    // Shows `value` without emitting valueEdited, so a model update never echoes back.
    void setValue(const QString &value);
    // The widget that takes focus and carries the accessible name.
    QWidget *control() const { return m_control; }
    // Puts an extra widget (a unit, a button) to the right of the control.
    void addTrailingWidget(QWidget *widget);

public Q_SLOTS:
    // Called by the control's change signals; reads the control and reports its wire value.
    void notifyEdited();

Q_SIGNALS:
    void valueEdited(const QString &value);

private:
    QWidget *m_control;
    Getter m_getter;
    Setter m_setter;
    bool m_updating = false;
};

} // namespace ivcap::ui
