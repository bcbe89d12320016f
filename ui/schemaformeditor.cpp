#include "schemaformeditor.h"

#include "forms/schemaformmodel.h"
#include "schemaformview.h"

#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
// One change of the document, from either view. Consecutive edits of one field (typing) merge
// into one step.
class DocumentEdit : public QUndoCommand
{
public:
    DocumentEdit(std::function<void(const QJsonValue &)> apply, QJsonValue before, QJsonValue after,
                 const QString &what, QString pointer)
        : QUndoCommand(what), m_apply(std::move(apply)), m_before(std::move(before)),
          m_after(std::move(after)), m_pointer(std::move(pointer))
    {}
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const DocumentEdit *>(other);
        if (o->m_pointer != m_pointer || o->text() != text())
            return false;
        m_after = o->m_after;
        return true;
    }
    void undo() override { m_apply(m_before); }
    void redo() override
    {
        if (m_done)
            m_apply(m_after);
        m_done = true; // the first redo is the edit itself, already made
    }

private:
    std::function<void(const QJsonValue &)> m_apply;
    QJsonValue m_before, m_after;
    QString m_pointer;
    bool m_done = false;
};

QString pretty(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return SchemaResolver::numberText(value);
}
} // namespace

SchemaFormEditor::SchemaFormEditor(QWidget *parent)
    : QWidget(parent), m_model(new SchemaFormModel(this)), m_undo(new QUndoStack(this)),
      m_formButton(new QToolButton), m_jsonButton(new QToolButton), m_stack(new QStackedWidget),
      m_view(new SchemaFormView), m_json(new QPlainTextEdit), m_jsonError(new QLabel),
      m_banner(new QLabel), m_summary(new QListWidget), m_submit(new QPushButton(tr("Submit")))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_formButton->setText(tr("Form"));
    m_jsonButton->setText(tr("JSON"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *b : {m_formButton, m_jsonButton}) {
        b->setCheckable(true);
        b->setAccessibleName(tr("Show as %1").arg(b->text()));
        group->addButton(b);
        bar->addWidget(b);
    }
    m_formButton->setChecked(true);
    connect(m_jsonButton, &QToolButton::toggled, this, &SchemaFormEditor::showJson);
    bar->addStretch(1);
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    for (QAction *a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        auto *b = new QToolButton;
        b->setDefaultAction(a);
        bar->addWidget(b);
    }
    layout->addLayout(bar);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background: #fff4d6; padding: 4px"));
    m_banner->hide();
    layout->addWidget(m_banner);

    m_view->setModel(m_model);
    m_stack->addWidget(m_view);
    auto *jsonPage = new QWidget;
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    m_json->setAccessibleName(tr("Document as JSON"));
    m_json->setTabChangesFocus(true);
    // typing in the JSON view goes through the form's undo stack, not the editor's own
    m_json->setUndoRedoEnabled(false);
    jsonLayout->addWidget(m_json);
    m_jsonError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_jsonError->hide();
    jsonLayout->addWidget(m_jsonError);
    m_stack->addWidget(jsonPage);
    layout->addWidget(m_stack, 1);

    auto *summaryLabel = new QLabel(tr("Problems:"));
    m_summary->setAccessibleName(tr("Problems in the form"));
    m_summary->setMaximumHeight(110);
    layout->addWidget(summaryLabel);
    layout->addWidget(m_summary);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_submit);
    layout->addLayout(buttons);
    connect(m_summary, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QModelIndex index = m_model->indexForPointer(item->data(Qt::UserRole).toString());
        if (isJsonShown())
            showJson(false);
        m_view->focusField(index);
    });
    connect(m_summary, &QListWidget::itemClicked, m_summary, &QListWidget::itemActivated);
    connect(m_submit, &QPushButton::clicked, this, [this] {
        if (m_model->isValid())
            Q_EMIT submitted(m_model->document());
    });
    connect(m_model, &SchemaFormModel::edited, this, &SchemaFormEditor::onEdited);
    connect(m_model, &SchemaFormModel::errorsChanged, this, &SchemaFormEditor::updateSummary);
    connect(m_model, &SchemaFormModel::documentChanged, this, [this] {
        updateJsonText();
        Q_EMIT documentChanged(m_model->document());
    });
    connect(m_json, &QPlainTextEdit::textChanged, this, &SchemaFormEditor::onJsonTextChanged);
    connect(summaryLabel, &QLabel::linkActivated, this, [] {});
    updateJsonText();
    updateSummary();
}

bool SchemaFormEditor::setSchema(const QJsonValue &schema)
{
    const bool ok = m_model->setSchema(schema);
    m_banner->setText(m_model->schemaProblem());
    m_banner->setVisible(!m_model->schemaProblem().isEmpty());
    m_undo->clear();
    updateJsonText();
    updateSummary();
    return ok;
}

void SchemaFormEditor::setDocument(const QJsonValue &document)
{
    m_applying = true; // a new document is no step to undo
    m_model->setDocument(document);
    m_applying = false;
    m_undo->clear();
    updateJsonText();
}

QJsonValue SchemaFormEditor::document() const
{
    return m_model->document();
}

bool SchemaFormEditor::isValid() const
{
    return m_model->isValid();
}

void SchemaFormEditor::setConnection(Connection *connection)
{
    m_connection = connection;
    m_view->setModel(m_model, connection);
}

void SchemaFormEditor::setSubmitText(const QString &text)
{
    m_submit->setText(text);
    m_submit->setVisible(!text.isEmpty());
}

bool SchemaFormEditor::isJsonShown() const
{
    return m_stack->currentIndex() == 1;
}

void SchemaFormEditor::showJson(bool json)
{
    m_stack->setCurrentIndex(json ? 1 : 0);
    const QSignalBlocker a(m_jsonButton), b(m_formButton);
    m_jsonButton->setChecked(json);
    m_formButton->setChecked(!json);
    if (json)
        updateJsonText();
}

void SchemaFormEditor::onEdited(const QJsonValue &before, const QJsonValue &after,
                                const QString &what, const QString &pointer)
{
    if (m_applying)
        return;
    m_undo->push(new DocumentEdit(
        [this](const QJsonValue &document) {
            m_applying = true;
            m_model->setDocument(document);
            m_applying = false;
        },
        before, after, what, pointer));
}

void SchemaFormEditor::onJsonTextChanged()
{
    if (m_writingJson)
        return;
    QJsonParseError error;
    const QByteArray text = m_json->toPlainText().toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
        // the form keeps the last document that parsed; nothing typed is lost
        m_jsonError->setText(QStringLiteral("⚠ ") + tr("Not JSON yet: %1")
                                                        .arg(error.error != QJsonParseError::NoError
                                                                 ? error.errorString()
                                                                 : tr("one value expected")));
        m_jsonError->show();
        return;
    }
    m_jsonError->hide();
    const QJsonValue value = doc.array().at(0);
    if (value == m_model->document())
        return;
    m_writingJson = true; // the text is the source: leave it as typed
    m_model->setDocument(value);
    m_writingJson = false;
}

void SchemaFormEditor::updateJsonText()
{
    if (m_writingJson)
        return;
    const QJsonValue current =
        QJsonDocument::fromJson("[" + m_json->toPlainText().toUtf8() + "]").array().at(0);
    const QJsonValue document = m_model->document();
    if (current == document && !m_json->toPlainText().isEmpty())
        return;
    m_writingJson = true;
    const int position = m_json->textCursor().position();
    m_json->setPlainText(pretty(document.isUndefined() ? QJsonValue() : document));
    QTextCursor cursor = m_json->textCursor();
    cursor.setPosition(qMin(position, m_json->toPlainText().size()));
    m_json->setTextCursor(cursor);
    m_writingJson = false;
    m_jsonError->hide();
}

void SchemaFormEditor::updateSummary()
{
    m_summary->clear();
    for (const SchemaFormModel::FieldError &e : m_model->errors()) {
        const QString where =
            e.index.isValid() ? e.index.data(SchemaFormModel::TitleRole).toString() : QString();
        auto *item = new QListWidgetItem(
            QStringLiteral("⚠ %1: %2").arg(where.isEmpty() ? e.pointer : where, e.message));
        item->setData(Qt::UserRole, e.index.isValid()
                                        ? e.index.data(SchemaFormModel::PointerRole).toString()
                                        : e.pointer);
        item->setToolTip(e.pointer);
        m_summary->addItem(item);
    }
    m_summary->setVisible(m_summary->count() > 0);
    m_submit->setEnabled(m_model->isValid());
    m_submit->setToolTip(m_model->isValid() ? QString()
                                            : tr("Fix the problems listed above first"));
}

} // namespace ivcap::ui
