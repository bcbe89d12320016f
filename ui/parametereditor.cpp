#include "parametereditor.h"

#include <QHBoxLayout>

namespace ivcap::ui {

ParameterEditor::ParameterEditor(QWidget *control, Getter getter, Setter setter, QWidget *parent)
    : QWidget(parent), m_control(control), m_getter(std::move(getter)), m_setter(std::move(setter))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(control, 1);
    setFocusProxy(control);
}

QString ParameterEditor::value() const
{
    return m_getter();
}

void ParameterEditor::setValue(const QString &value)
{
    if (value == m_getter())
        return;
    m_updating = true;
    m_setter(value);
    m_updating = false;
}

void ParameterEditor::addTrailingWidget(QWidget *widget)
{
    static_cast<QHBoxLayout *>(layout())->addWidget(widget);
}

void ParameterEditor::notifyEdited()
{
    if (!m_updating)
        Q_EMIT valueEdited(m_getter());
}

} // namespace ivcap::ui
