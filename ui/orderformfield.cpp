#include "orderformfield.h"

#include "forms/orderformmodel.h"
#include "parametereditor.h"
#include "parametereditorfactory.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ivcap::ui {

OrderFormField::OrderFormField(const ParameterDefinition &definition, Connection *connection,
                               QWidget *parent)
    : QWidget(parent), m_definition(definition), m_label(new QLabel),
      m_editor(ParameterEditorFactory::create(definition, connection)), m_help(new QLabel),
      m_error(new QLabel), m_marker(new QLabel)
{
    setObjectName(QStringLiteral("field:") + definition.name);
    const QString mandatoryMark = definition.isMandatory() ? tr(" *") : QString();
    m_label->setText(displayName() + mandatoryMark + QLatin1Char(':'));
    m_label->setBuddy(m_editor->control());
    m_label->setToolTip(definition.isMandatory() ? tr("Required") : QString());
    m_help->setText(definition.description);
    m_help->setWordWrap(true);
    m_help->setVisible(!definition.description.isEmpty());
    m_help->setAccessibleName(tr("Help for %1").arg(displayName()));
    QFont small = m_help->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_help->setFont(small);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Problem with %1").arg(displayName()));
    // The error colour is a second cue: the text itself says what is wrong.
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    m_marker->setObjectName(QStringLiteral("defaultMarker"));
    m_marker->setAccessibleName(tr("Changed from default"));
    m_marker->setFont(small);
    m_marker->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_editor);
    layout->addWidget(m_marker);
    layout->addWidget(m_help);
    layout->addWidget(m_error);
    setFocusProxy(m_editor);
    m_baseDescription = m_editor->control()->accessibleDescription();

    connect(m_editor, &ParameterEditor::valueEdited, this, [this](const QString &value) {
        m_serverError.clear();
        Q_EMIT valueEdited(m_definition.name, value);
    });
    updateDescription();
}

QString OrderFormField::displayName() const
{
    return m_definition.label.isEmpty() ? m_definition.name : m_definition.label;
}

void OrderFormField::updateFrom(const QModelIndex &index)
{
    m_editor->setValue(index.data(OrderFormModel::ValueRole).toString());
    m_modelError = index.data(OrderFormModel::ErrorMessageRole).toString();
    m_differs =
        index.data(OrderFormModel::DiffersFromDefaultRole).toBool() && !m_definition.constant;
    updateDescription();
}

void OrderFormField::setPrefilled(bool prefilled)
{
    m_prefilled = prefilled;
    updateDescription();
}

void OrderFormField::setServerError(const QString &message)
{
    m_serverError = message;
    updateDescription();
}

void OrderFormField::focusEditor()
{
    m_editor->control()->setFocus(Qt::OtherFocusReason);
}

void OrderFormField::updateDescription()
{
    const QString error = m_serverError.isEmpty() ? m_modelError : m_serverError;
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());

    const QString &def = m_definition.defaultValue;
    const bool showMarker = m_differs && (m_prefilled || !def.isEmpty());
    m_marker->setText(def.isEmpty() ? tr("Changed from the default (no value)")
                                    : tr("Changed from the default “%1”").arg(def));
    m_marker->setVisible(showMarker);
    m_editor->control()->setToolTip(showMarker && m_definition.description.isEmpty()
                                        ? m_marker->text()
                                        : m_definition.description);

    QStringList description;
    if (!m_baseDescription.isEmpty())
        description << m_baseDescription + QLatin1Char('.');
    if (m_definition.isMandatory())
        description << tr("Required.");
    if (m_definition.constant)
        description << tr("Fixed by the provider; not sent with the order.");
    if (!m_definition.description.isEmpty())
        description << m_definition.description;
    if (showMarker)
        description << m_marker->text() + QLatin1Char('.');
    if (!error.isEmpty())
        description << error;
    m_editor->control()->setAccessibleDescription(description.join(QLatin1Char(' ')));
}

} // namespace ivcap::ui
