#pragma once

#include "forms/parameterdefinition.h"

#include <QWidget>

class QLabel;
class QModelIndex;

namespace ivcap {
class Connection;
}

namespace ivcap::ui {

class ParameterEditor;

// One row of the order form: the editor of a parameter with its label (an asterisk and an
// accessible description mark mandatory fields, not colour alone), help text, the validation
// message under it, and a marker when the value differs from the default.
class OrderFormField : public QWidget
{
    Q_OBJECT
public:
    OrderFormField(const ParameterDefinition &definition, Connection *connection,
                   QWidget *parent = nullptr);

    const ParameterDefinition &definition() const { return m_definition; }
    // The label for a QFormLayout row; its buddy is the editor.
    QLabel *label() const { return m_label; }
    ParameterEditor *editor() const { return m_editor; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *defaultMarker() const { return m_marker; }
    QString displayName() const;

    // Takes the value, error and default state of the form model's row.
    void updateFrom(const QModelIndex &index);
    // After "Order again", any difference from the default is worth pointing out, even for
    // parameters without one.
    void setPrefilled(bool prefilled);
    // A message from the server about this field; it stays until the value is edited again.
    void setServerError(const QString &message);
    void focusEditor();

Q_SIGNALS:
    void valueEdited(const QString &name, const QString &value);

private:
    void updateDescription();

    ParameterDefinition m_definition;
    QLabel *m_label;
    ParameterEditor *m_editor;
    QLabel *m_help;
    QLabel *m_error;
    QLabel *m_marker;
    QString m_baseDescription; // what the factory said about the control (unit, tristate)
    QString m_modelError;
    QString m_serverError;
    bool m_prefilled = false;
    bool m_differs = false;
};

} // namespace ivcap::ui
