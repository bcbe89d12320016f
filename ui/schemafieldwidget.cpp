#include "schemafieldwidget.h"

#include "artifactpicker.h"
#include "decimalspinbox.h"
#include "forms/schemaformmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

namespace ivcap::ui {

using Kind = SchemaFormNode::Kind;
using Slot = SchemaFormNode::Slot;
using M = SchemaFormModel;

namespace {
// Options beyond this make the combo box searchable (typing filters them).
constexpr int kSearchableOptions = 20;
// A date before any real value stands for "not set" in the date pickers.
const QDate kUnsetDate(1752, 9, 14);

QString jsonText(const QJsonValue &value)
{
    return SchemaResolver::numberText(value);
}
} // namespace

bool SchemaFieldWidget::isArtifactReference(const QJsonObject &schema)
{
    const QString format = schema.value(QLatin1String("format")).toString();
    const QString pattern = schema.value(QLatin1String("pattern")).toString();
    return format.contains(QLatin1String("artifact")) ||
           pattern.contains(QLatin1String(":artifact"));
}

SchemaFieldWidget::SchemaFieldWidget(SchemaFormModel *model, const QModelIndex &index,
                                     Connection *connection, QWidget *parent)
    : QFrame(parent), m_model(model), m_index(index), m_connection(connection)
{
    m_kind = index.data(M::KindRole).toInt();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(2);
    m_header = new QHBoxLayout;
    layout->addLayout(m_header);
    buildHeader();
    buildEditor();
    m_help = new QLabel;
    m_help->setWordWrap(true);
    m_help->setTextFormat(Qt::PlainText);
    m_help->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_help);
    m_errors = new QLabel;
    m_errors->setWordWrap(true);
    m_errors->setTextFormat(Qt::PlainText);
    m_errors->setStyleSheet(QStringLiteral("color: #b00020"));
    m_errors->setAccessibleName(tr("Errors"));
    layout->addWidget(m_errors);
    if (m_kind == int(Kind::Object) || m_kind == int(Kind::Array)) {
        setFrameShape(index.parent().isValid() ? QFrame::StyledPanel : QFrame::NoFrame);
        m_body = new QWidget;
        auto *body = new QVBoxLayout(m_body);
        body->setContentsMargins(index.parent().isValid() ? 16 : 0, 0, 4, 4);
        m_childLayout = new QVBoxLayout;
        m_childLayout->setSpacing(4);
        body->addLayout(m_childLayout);
        auto *tools = new QHBoxLayout;
        if (m_kind == int(Kind::Object)) {
            m_newKey = new QLineEdit;
            m_newKey->setPlaceholderText(tr("New key"));
            m_newKey->setAccessibleName(tr("New key for %1").arg(labelText()));
            tools->addWidget(m_newKey);
            m_add = new QToolButton;
            m_add->setText(tr("Add entry"));
            connect(m_newKey, &QLineEdit::returnPressed, m_add, &QToolButton::click);
            connect(m_add, &QToolButton::clicked, this, [this] {
                if (m_model->addEntry(m_index, m_newKey->text().trimmed()).isValid())
                    m_newKey->clear();
            });
        } else {
            m_add = new QToolButton;
            m_add->setText(tr("Add item"));
            connect(m_add, &QToolButton::clicked, this, [this] { m_model->addItem(m_index); });
        }
        m_add->setAccessibleName(m_add->text() + QLatin1Char(' ') + labelText());
        tools->addWidget(m_add);
        m_expand = new QToolButton;
        m_expand->setText(tr("Open"));
        m_expand->setAccessibleName(tr("Open %1").arg(labelText()));
        connect(m_expand, &QToolButton::clicked, this, [this] { m_model->expand(m_index); });
        tools->addWidget(m_expand);
        tools->addStretch();
        body->addLayout(tools);
        layout->addWidget(m_body);
    }
    refresh();
}

QString SchemaFieldWidget::labelText() const
{
    if (m_index.data(M::SlotRole).toInt() == int(Slot::Item) &&
        m_index.data(M::TitleRole).toString() == M::tr("Item"))
        return tr("Item %1").arg(m_index.row() + 1);
    return m_index.data(M::TitleRole).toString();
}

void SchemaFieldWidget::buildHeader()
{
    const int slot = m_index.data(M::SlotRole).toInt();
    const bool container = m_kind == int(Kind::Object) || m_kind == int(Kind::Array);
    if (container && m_index.parent().isValid()) {
        m_arrow = new QToolButton;
        m_arrow->setAutoRaise(true);
        m_arrow->setArrowType(Qt::DownArrow);
        m_arrow->setAccessibleName(tr("Collapse or expand"));
        connect(m_arrow, &QToolButton::clicked, this, [this] { setExpanded(!m_expanded); });
        m_header->addWidget(m_arrow);
    }
    if (slot == int(Slot::Entry)) {
        m_keyEdit = new QLineEdit(m_index.data(M::KeyRole).toString());
        m_keyEdit->setAccessibleName(tr("Key"));
        m_keyEdit->setMaximumWidth(180);
        connect(m_keyEdit, &QLineEdit::editingFinished, this, [this] {
            if (!m_model->renameEntry(m_index, m_keyEdit->text().trimmed()))
                m_keyEdit->setText(m_index.data(M::KeyRole).toString());
        });
        m_header->addWidget(m_keyEdit);
    } else {
        m_label = new QLabel;
        m_label->setMinimumWidth(140);
        m_header->addWidget(m_label);
    }
    if (!m_index.data(M::AlternativesRole).toStringList().isEmpty()) {
        m_alternatives = new QComboBox;
        m_alternatives->addItems(m_index.data(M::AlternativesRole).toStringList());
        m_alternatives->setAccessibleName(tr("Kind of %1").arg(labelText()));
        connect(m_alternatives, &QComboBox::activated, this,
                [this](int i) { m_model->setChoice(m_index, i); });
        m_header->addWidget(m_alternatives);
    }
    if (slot == int(Slot::Property) && !m_index.data(M::RequiredRole).toBool()) {
        m_include = new QCheckBox(tr("Set"));
        m_include->setToolTip(tr("Whether the request includes this optional field"));
        m_include->setAccessibleName(tr("Set %1").arg(labelText()));
        connect(m_include, &QCheckBox::toggled, this,
                [this](bool on) { m_model->setPresent(m_index, on); });
    }
    if (m_index.data(M::NullableRole).toBool()) {
        m_none = new QCheckBox(tr("None"));
        m_none->setAccessibleName(tr("%1 is none").arg(labelText()));
        connect(m_none, &QCheckBox::toggled, this,
                [this](bool on) { m_model->setNull(m_index, on); });
    }
    if (slot == int(Slot::Item) || slot == int(Slot::Entry)) {
        const auto button = [this](const QString &text, const QString &name) {
            auto *b = new QToolButton;
            b->setText(text);
            b->setAccessibleName(name);
            b->setToolTip(name);
            b->setAutoRaise(true);
            return b;
        };
        if (slot == int(Slot::Item)) {
            m_up = button(QStringLiteral("↑"), tr("Move up"));
            m_down = button(QStringLiteral("↓"), tr("Move down"));
            connect(m_up, &QToolButton::clicked, this,
                    [this] { m_model->moveItem(m_index, m_index.row() - 1); });
            connect(m_down, &QToolButton::clicked, this,
                    [this] { m_model->moveItem(m_index, m_index.row() + 1); });
        }
        m_remove = button(QStringLiteral("✕"), tr("Remove"));
        connect(m_remove, &QToolButton::clicked, this, [this] { m_model->removeRow(m_index); });
    }
}

void SchemaFieldWidget::buildEditor()
{
    const QJsonObject schema = m_index.data(M::SchemaRole).toJsonObject();
    const QString format = m_index.data(M::FormatRole).toString();
    const bool readOnly = m_index.data(M::ReadOnlyRole).toBool();
    switch (Kind(m_kind)) {
    case Kind::String:
        if (format == QLatin1String("date") || format == QLatin1String("date-time") ||
            format == QLatin1String("time")) {
            QDateTimeEdit *edit = format == QLatin1String("date")   ? new QDateEdit
                                  : format == QLatin1String("time") ? new QTimeEdit
                                                                    : new QDateTimeEdit;
            if (format != QLatin1String("time")) {
                edit->setCalendarPopup(true);
                edit->setMinimumDate(kUnsetDate);
                edit->setSpecialValueText(tr("Not set"));
            }
            edit->setDisplayFormat(format == QLatin1String("date")   ? "yyyy-MM-dd"
                                   : format == QLatin1String("time") ? "HH:mm:ss"
                                                                     : "yyyy-MM-dd HH:mm:ss 'UTC'");
            edit->setTimeSpec(Qt::UTC);
            connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this, edit, format] {
                if (format != QLatin1String("time") && edit->date() == kUnsetDate)
                    return;
                QString text;
                if (format == QLatin1String("date")) {
                    text = edit->date().toString(Qt::ISODate);
                } else if (format == QLatin1String("time")) {
                    // keep the offset the value had; a new time is in UTC
                    const QString old = m_index.data(M::JsonValueRole).toJsonValue().toString();
                    const qsizetype cut = old.size() > 8 ? 8 : -1;
                    text = edit->time().toString(QStringLiteral("HH:mm:ss")) +
                           (cut > 0 ? old.mid(cut) : QStringLiteral("Z"));
                } else {
                    text = edit->dateTime().toUTC().toString(Qt::ISODate);
                }
                m_model->setValue(m_index, text);
            });
            m_editor = edit;
        } else if (isArtifactReference(schema) && m_connection) {
            auto *picker = new ArtifactPicker(m_connection);
            connect(picker, &ArtifactPicker::textEdited, this,
                    [this](const QString &text) { m_model->setValue(m_index, text); });
            m_editor = picker;
        } else {
            auto *edit = new QLineEdit;
            const QStringList examples = m_index.data(M::ExamplesRole).toStringList();
            edit->setPlaceholderText(!examples.isEmpty() ? examples.first()
                                     : isArtifactReference(schema)
                                         ? QStringLiteral("urn:ivcap:artifact:…")
                                         : format);
            connect(edit, &QLineEdit::textEdited, this, &SchemaFieldWidget::commitText);
            m_editor = edit;
            if (format == QLatin1String("uuid") && !readOnly) {
                auto *generate = new QToolButton;
                generate->setText(tr("New"));
                generate->setAccessibleName(tr("New UUID for %1").arg(labelText()));
                connect(generate, &QToolButton::clicked, this, [this] {
                    m_model->setValue(m_index, QUuid::createUuid().toString(QUuid::WithoutBraces));
                });
                m_header->addWidget(edit, 1);
                m_header->addWidget(generate);
            }
        }
        break;
    case Kind::Number:
    case Kind::Integer: {
        auto *spin = new DecimalSpinBox;
        spin->setIntegerOnly(m_kind == int(Kind::Integer));
        const auto bound = [&](const char *inclusive, const char *exclusive) {
            const QJsonValue v = schema.value(QLatin1String(inclusive));
            const QJsonValue x = schema.value(QLatin1String(exclusive));
            return v.isDouble()   ? std::optional(v.toDouble())
                   : x.isDouble() ? std::optional(x.toDouble())
                                  : std::nullopt;
        };
        spin->setRange(bound("minimum", "exclusiveMinimum"), bound("maximum", "exclusiveMaximum"));
        if (schema.value(QLatin1String("multipleOf")).toDouble() > 0)
            spin->setStep(schema.value(QLatin1String("multipleOf")).toDouble());
        QStringList range;
        if (schema.contains(QLatin1String("minimum")))
            range << QStringLiteral("≥ %1").arg(jsonText(schema.value(QLatin1String("minimum"))));
        if (schema.contains(QLatin1String("exclusiveMinimum")))
            range << QStringLiteral("> %1").arg(
                jsonText(schema.value(QLatin1String("exclusiveMinimum"))));
        if (schema.contains(QLatin1String("maximum")))
            range << QStringLiteral("≤ %1").arg(jsonText(schema.value(QLatin1String("maximum"))));
        if (schema.contains(QLatin1String("exclusiveMaximum")))
            range << QStringLiteral("< %1").arg(
                jsonText(schema.value(QLatin1String("exclusiveMaximum"))));
        spin->setToolTip(range.join(QLatin1String(", ")));
        connect(spin, &DecimalSpinBox::numberEdited, this,
                [this](const QString &text) { m_model->setNumberText(m_index, text); });
        m_editor = spin;
        const QString unit = schema.value(QLatin1String("unit"))
                                 .toString(schema.value(QLatin1String("x-unit")).toString());
        if (!unit.isEmpty() || !range.isEmpty()) {
            m_header->addWidget(spin, 1);
            auto *suffix = new QLabel(QStringList({unit, range.join(QLatin1String(", "))})
                                          .filter(QRegularExpression(QStringLiteral(".")))
                                          .join(QLatin1String("  ")));
            suffix->setForegroundRole(QPalette::PlaceholderText);
            m_header->addWidget(suffix);
        }
        break;
    }
    case Kind::Boolean: {
        auto *box = new QCheckBox;
        connect(box, &QCheckBox::clicked, this,
                [this](bool on) { m_model->setValue(m_index, on); });
        m_editor = box;
        break;
    }
    case Kind::Enum: {
        auto *combo = new QComboBox;
        const QStringList titles = m_index.data(M::OptionTitlesRole).toStringList();
        const QJsonArray options = m_index.data(M::OptionsRole).toJsonArray();
        for (qsizetype i = 0; i < options.size(); ++i)
            combo->addItem(titles.value(i), QVariant::fromValue(options.at(i)));
        if (options.size() > kSearchableOptions) {
            combo->setEditable(true);
            combo->setInsertPolicy(QComboBox::NoInsert);
            combo->completer()->setFilterMode(Qt::MatchContains);
            combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        }
        connect(combo, &QComboBox::activated, this, [this, combo](int i) {
            m_model->setValue(m_index, combo->itemData(i).toJsonValue());
        });
        m_editor = combo;
        break;
    }
    case Kind::Raw: {
        auto *text = new QPlainTextEdit;
        text->setTabChangesFocus(true);
        text->setMaximumHeight(fontMetrics().lineSpacing() * 5 + 12);
        connect(text, &QPlainTextEdit::textChanged, this, [this, text] {
            const QString error = m_model->setRawJson(m_index, text->toPlainText());
            text->setToolTip(error);
            text->setProperty("jsonError", error);
        });
        m_editor = text;
        break;
    }
    case Kind::Null:
        m_editor = new QLabel(QStringLiteral("null"));
        break;
    default:
        break;
    }
    if (m_editor) {
        m_editor->setAccessibleName(labelText());
        m_editor->setToolTip(m_editor->toolTip().isEmpty()
                                 ? m_index.data(M::DescriptionRole).toString()
                                 : m_editor->toolTip());
        if (readOnly)
            m_editor->setEnabled(false);
        if (m_header->indexOf(m_editor) < 0)
            m_header->addWidget(m_editor, 1);
        if (m_label)
            m_label->setBuddy(m_editor);
    } else {
        m_header->addStretch(1);
    }
    for (QWidget *w : {static_cast<QWidget *>(m_include), static_cast<QWidget *>(m_none),
                       static_cast<QWidget *>(m_up), static_cast<QWidget *>(m_down),
                       static_cast<QWidget *>(m_remove)}) {
        if (w)
            m_header->addWidget(w);
    }
}

void SchemaFieldWidget::commitText(const QString &text)
{
    m_model->setValue(m_index, text);
}

void SchemaFieldWidget::refresh()
{
    if (!m_index.isValid())
        return;
    const bool present = m_index.data(M::PresentRole).toBool();
    const bool isNull = m_index.data(M::IsNullRole).toBool();
    const bool required = m_index.data(M::RequiredRole).toBool();
    const bool deprecated = m_index.data(M::DeprecatedRole).toBool();
    const QString title = labelText();
    if (m_label) {
        // the mark is text, not only colour; screen readers get "required" in the name
        QString text = title;
        if (required)
            text += QStringLiteral(" *");
        if (deprecated)
            text += QLatin1Char(' ') + tr("(deprecated)");
        m_label->setText(text);
        m_label->setToolTip(required ? tr("Required") : QString());
        m_label->setAccessibleName(required ? tr("%1, required").arg(title) : title);
        m_label->setEnabled(!deprecated || present);
    }
    if (m_keyEdit && !m_keyEdit->hasFocus())
        m_keyEdit->setText(m_index.data(M::KeyRole).toString());
    if (m_alternatives) {
        const QSignalBlocker block(m_alternatives);
        m_alternatives->setCurrentIndex(m_index.data(M::ChoiceRole).toInt());
    }
    if (m_include) {
        const QSignalBlocker block(m_include);
        m_include->setChecked(present);
    }
    if (m_none) {
        const QSignalBlocker block(m_none);
        m_none->setChecked(isNull);
    }
    if (m_up)
        m_up->setEnabled(m_index.row() > 0);
    if (m_down)
        m_down->setEnabled(m_index.row() + 1 < m_model->rowCount(m_index.parent()));
    QString help = m_index.data(M::DescriptionRole).toString();
    const QString problem = m_index.data(M::ProblemRole).toString();
    if (!problem.isEmpty())
        help = (help.isEmpty() ? QString() : help + QLatin1Char('\n')) +
               tr("Shown as JSON: %1").arg(problem);
    if (!m_index.data(M::DescribedRole).toBool())
        help = (help.isEmpty() ? QString() : help + QLatin1Char('\n')) +
               tr("Not described by the schema; kept as it is.");
    m_help->setText(help);
    m_help->setVisible(!help.isEmpty());
    const QStringList errors = m_index.data(M::ErrorsRole).toStringList();
    m_errors->setText(
        errors.isEmpty() ? QString() : QStringLiteral("⚠ ") + errors.join(QStringLiteral("\n⚠ ")));
    m_errors->setVisible(!errors.isEmpty());
    if (m_body) {
        const bool open = present && !isNull;
        m_body->setVisible(open && m_expanded);
        if (m_arrow)
            m_arrow->setEnabled(open);
        if (m_expand)
            m_expand->setVisible(m_model->canExpand(m_index));
        if (m_newKey) {
            const bool entries = m_index.data(M::AcceptsEntriesRole).toBool();
            m_newKey->setVisible(entries);
            m_add->setVisible(entries);
        }
    }
    refreshEditor();
}

void SchemaFieldWidget::refreshEditor()
{
    if (!m_editor)
        return;
    const bool present = m_index.data(M::PresentRole).toBool();
    const bool isNull = m_index.data(M::IsNullRole).toBool();
    const QJsonValue value = m_index.data(M::JsonValueRole).toJsonValue();
    const QSignalBlocker block(m_editor);
    m_editor->setEnabled(!isNull && !m_index.data(M::ReadOnlyRole).toBool());
    if (auto *edit = qobject_cast<QLineEdit *>(m_editor)) {
        const QString text = present ? value.toString() : QString();
        if (edit->text() != text)
            edit->setText(text);
    } else if (auto *picker = qobject_cast<ArtifactPicker *>(m_editor)) {
        const QSignalBlocker inner(picker->lineEdit());
        if (picker->text() != value.toString())
            picker->setText(value.toString());
    } else if (auto *spin = qobject_cast<DecimalSpinBox *>(m_editor)) {
        spin->setNumberText(present && !isNull ? m_index.data(M::NumberTextRole).toString()
                                               : QString());
    } else if (auto *box = qobject_cast<QCheckBox *>(m_editor)) {
        box->setChecked(present && value.toBool());
    } else if (auto *combo = qobject_cast<QComboBox *>(m_editor)) {
        int found = -1;
        for (int i = 0; i < combo->count(); ++i) {
            if (combo->itemData(i).toJsonValue() == value)
                found = i;
        }
        if (present && found < 0 && !value.isUndefined()) { // a value the schema does not offer
            combo->addItem(tr("%1 (not an option)").arg(jsonText(value)),
                           QVariant::fromValue(value));
            found = combo->count() - 1;
        }
        combo->setCurrentIndex(present ? found : -1);
    } else if (auto *text = qobject_cast<QPlainTextEdit *>(m_editor)) {
        // while the text does not parse it stays as typed; the model keeps the last value
        const QJsonValue typed =
            QJsonDocument::fromJson("[" + text->toPlainText().toUtf8() + "]").array().at(0);
        if (typed != value || text->toPlainText().trimmed().isEmpty()) {
            if (!(text->hasFocus() && !text->property("jsonError").toString().isEmpty()))
                text->setPlainText(
                    QString::fromUtf8(value.isObject()  ? QJsonDocument(value.toObject()).toJson()
                                      : value.isArray() ? QJsonDocument(value.toArray()).toJson()
                                                        : jsonText(value).toUtf8()));
        }
    } else if (auto *dt = qobject_cast<QDateTimeEdit *>(m_editor)) {
        const QString format = m_index.data(M::FormatRole).toString();
        const QString text = present ? value.toString() : QString();
        if (format == QLatin1String("date")) {
            const QDate date = QDate::fromString(text, Qt::ISODate);
            if (dt->date() != (date.isValid() ? date : kUnsetDate))
                dt->setDate(date.isValid() ? date : kUnsetDate);
        } else if (format == QLatin1String("time")) {
            const QTime time = QTime::fromString(text.left(8), QStringLiteral("HH:mm:ss"));
            if (time.isValid() && dt->time() != time)
                dt->setTime(time);
        } else {
            const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
            const QDateTime shown =
                when.isValid() ? when.toUTC() : QDateTime(kUnsetDate, QTime(0, 0), Qt::UTC);
            if (dt->dateTime() != shown)
                dt->setDateTime(shown);
        }
    }
}

QWidget *SchemaFieldWidget::focusTarget() const
{
    if (m_editor && m_editor->isEnabled())
        return m_editor;
    if (m_include)
        return m_include;
    if (m_alternatives)
        return m_alternatives;
    if (m_keyEdit)
        return m_keyEdit;
    if (m_add && m_add->isVisible())
        return m_add;
    return m_arrow ? static_cast<QWidget *>(m_arrow) : m_editor;
}

QList<QWidget *> SchemaFieldWidget::focusChain() const
{
    QList<QWidget *> chain;
    for (int i = 0; i < m_header->count(); ++i) {
        if (QWidget *w = m_header->itemAt(i)->widget()) {
            if (w->focusPolicy() & Qt::TabFocus)
                chain.append(w);
        }
    }
    return chain;
}

QList<QWidget *> SchemaFieldWidget::toolChain() const
{
    QList<QWidget *> chain;
    for (QWidget *w : {static_cast<QWidget *>(m_newKey), static_cast<QWidget *>(m_add),
                       static_cast<QWidget *>(m_expand)}) {
        if (w)
            chain.append(w);
    }
    return chain;
}

void SchemaFieldWidget::setExpanded(bool expanded)
{
    m_expanded = expanded;
    if (m_arrow)
        m_arrow->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    refresh();
}

} // namespace ivcap::ui
