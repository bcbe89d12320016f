#include "parametereditorfactory.h"

#include "artifactpicker.h"
#include "parametereditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace ivcap::ui {

namespace {
QString trFactory(const char *text)
{
    return QCoreApplication::translate("ivcap::ui::ParameterEditorFactory", text);
}

QString displayLabel(const ParameterDefinition &def)
{
    return def.label.isEmpty() ? def.name : def.label;
}

// An optional parameter without a default may be left unset, which a plain check box or a
// combo box without an empty entry could not express.
bool canBeUnset(const ParameterDefinition &def)
{
    return def.defaultValue.isEmpty();
}

ParameterEditor *lineEditor(QLineEdit *edit, QWidget *parent)
{
    auto *editor = new ParameterEditor(
        edit, [edit] { return edit->text(); }, [edit](const QString &v) { edit->setText(v); },
        parent);
    QObject::connect(edit, &QLineEdit::textEdited, editor, &ParameterEditor::notifyEdited);
    return editor;
}
} // namespace

ParameterEditor *ParameterEditorFactory::create(const ParameterDefinition &def,
                                                Connection *connection, QWidget *parent)
{
    ParameterEditor *editor = nullptr;
    if (def.constant) {
        editor = createConstant(def, parent);
    } else {
        switch (def.type) {
        case ParameterDefinition::Type::Int:
        case ParameterDefinition::Type::Float:
            editor = createNumber(def, parent);
            break;
        case ParameterDefinition::Type::Bool:
            editor = createBool(def, parent);
            break;
        case ParameterDefinition::Type::Option:
            editor = createOption(def, parent);
            break;
        case ParameterDefinition::Type::Artifact:
            editor = createArtifact(def, connection, parent);
            break;
        case ParameterDefinition::Type::String:
        case ParameterDefinition::Type::Collection:
            editor = createText(def, parent);
            break;
        }
    }
    editor->setObjectName(QStringLiteral("parameter:") + def.name);
    editor->control()->setAccessibleName(displayLabel(def));
    editor->control()->setToolTip(def.description);
    return editor;
}

ParameterEditor *ParameterEditorFactory::createText(const ParameterDefinition &def, QWidget *parent)
{
    auto *edit = new QLineEdit;
    if (def.type == ParameterDefinition::Type::Collection)
        edit->setPlaceholderText(trFactory("urn:… (a collection)"));
    else if (!def.defaultValue.isEmpty())
        edit->setPlaceholderText(def.defaultValue);
    return lineEditor(edit, parent);
}

ParameterEditor *ParameterEditorFactory::createNumber(const ParameterDefinition &def,
                                                      QWidget *parent)
{
    auto *edit = new QLineEdit;
    // Only characters that can be part of a number; whether the text is complete is the
    // model's check, so its message can explain what is missing.
    const bool isInt = def.type == ParameterDefinition::Type::Int;
    const QRegularExpression pattern(isInt ? QStringLiteral("[-+]?\\d*")
                                           : QStringLiteral("[-+]?\\d*\\.?\\d*([eE][-+]?\\d*)?"));
    edit->setValidator(new QRegularExpressionValidator(pattern, edit));
    edit->setPlaceholderText(isInt ? trFactory("whole number") : trFactory("number"));
    ParameterEditor *editor = lineEditor(edit, parent);
    if (!def.unit.isEmpty()) {
        auto *unit = new QLabel(def.unit);
        unit->setObjectName(QStringLiteral("unit"));
        unit->setAccessibleName(trFactory("Unit"));
        editor->addTrailingWidget(unit);
        edit->setAccessibleDescription(trFactory("in %1").arg(def.unit));
    }
    return editor;
}

ParameterEditor *ParameterEditorFactory::createBool(const ParameterDefinition &def, QWidget *parent)
{
    auto *box = new QCheckBox(trFactory("Yes"));
    const bool tristate = canBeUnset(def);
    box->setTristate(tristate);
    if (tristate)
        box->setCheckState(Qt::PartiallyChecked);
    auto *editor = new ParameterEditor(
        box,
        [box] {
            switch (box->checkState()) {
            case Qt::Checked:
                return QStringLiteral("true");
            case Qt::Unchecked:
                return QStringLiteral("false");
            case Qt::PartiallyChecked:
                break;
            }
            return QString();
        },
        [box, tristate](const QString &v) {
            if (v == QLatin1String("true"))
                box->setCheckState(Qt::Checked);
            else if (v == QLatin1String("false") || !tristate)
                box->setCheckState(Qt::Unchecked);
            else
                box->setCheckState(Qt::PartiallyChecked);
        },
        parent);
    if (tristate)
        box->setAccessibleDescription(trFactory("Partially checked means not set"));
    QObject::connect(box, &QCheckBox::stateChanged, editor, &ParameterEditor::notifyEdited);
    return editor;
}

ParameterEditor *ParameterEditorFactory::createOption(const ParameterDefinition &def,
                                                      QWidget *parent)
{
    auto *combo = new QComboBox;
    if (canBeUnset(def)) {
        combo->addItem(def.isMandatory() ? trFactory("Choose…") : trFactory("(not set)"),
                       QString());
    }
    for (const ParameterOption &option : def.options) {
        const QString text = option.description.isEmpty()
                                 ? option.value
                                 : trFactory("%1 — %2").arg(option.value, option.description);
        combo->addItem(text, option.value);
        combo->setItemData(combo->count() - 1,
                           option.description.isEmpty() ? option.value : option.description,
                           Qt::ToolTipRole);
    }
    auto *editor = new ParameterEditor(
        combo, [combo] { return combo->currentData().toString(); },
        [combo](const QString &v) {
            const int index = combo->findData(v);
            combo->setCurrentIndex(index >= 0 ? index : 0);
        },
        parent);
    QObject::connect(combo, &QComboBox::currentIndexChanged, editor,
                     &ParameterEditor::notifyEdited);
    return editor;
}

ParameterEditor *ParameterEditorFactory::createArtifact(const ParameterDefinition &,
                                                        Connection *connection, QWidget *parent)
{
    auto *picker = new ArtifactPicker(connection);
    auto *editor = new ParameterEditor(
        picker, [picker] { return picker->text(); },
        [picker](const QString &v) { picker->setText(v); }, parent);
    QObject::connect(picker, &ArtifactPicker::textEdited, editor, &ParameterEditor::notifyEdited);
    return editor;
}

ParameterEditor *ParameterEditorFactory::createConstant(const ParameterDefinition &def,
                                                        QWidget *parent)
{
    auto *edit = new QLineEdit(def.defaultValue);
    edit->setReadOnly(true);
    ParameterEditor *editor = lineEditor(edit, parent);
    auto *note = new QLabel(trFactory("fixed by the provider"));
    editor->addTrailingWidget(note);
    return editor;
}

} // namespace ivcap::ui
