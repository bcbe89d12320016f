#include "aspecteditor.h"

#include "api/aspectcalls.h"
#include "aspect/aspecttreemodel.h"
#include "aspect/jsonnumbers.h"
#include "aspectconflictbanner.h"
#include "aspectsnapshotcommand.h"
#include "forms/schemaformmodel.h"
#include "models/metadatarecord.h"
#include "schemaformview.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
constexpr int PathRole = Qt::UserRole + 1;

// QJsonParseError counts bytes of the UTF-8 text, and points just past the character it
// stopped at; people count lines and characters, and want the character itself.
QString describeSyntaxError(const QByteArray &utf8, const QJsonParseError &error)
{
    const QString before = QString::fromUtf8(utf8.left(qMax(0, error.offset - 1)));
    const int line = int(before.count(QLatin1Char('\n'))) + 1;
    const int column = int(before.size() - (before.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
    return AspectEditor::tr("JSON syntax error at line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(error.errorString());
}

QString canonicalText(const QJsonObject &aspect)
{
    return QString::fromUtf8(QJsonDocument(aspect).toJson(QJsonDocument::Indented));
}
} // namespace

AspectEditor::AspectEditor(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_model(new AspectTreeModel(this)),
      m_tree(new QTreeView(this)), m_text(new QPlainTextEdit(this)), m_views(new QTabWidget(this)),
      m_formModel(new SchemaFormModel(this)), m_formView(new SchemaFormView(this)),
      m_violationList(new QListWidget(this)), m_undo(new QUndoStack(this)),
      m_heading(new QLabel(this)), m_schemaLabel(new QLabel(this)), m_status(new QLabel(this)),
      m_saveError(new QLabel(this)), m_draftNote(new QLabel(this)),
      m_save(new QPushButton(tr("&Save"), this)),
      m_discard(new QPushButton(tr("&Discard draft"), this)),
      m_conflict(new AspectConflictBanner(connection, this))
{
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("Aspect tree"));
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(AspectTreeModel::KeyColumn,
                                           QHeaderView::ResizeToContents);
    m_text->setAccessibleName(tr("Aspect JSON text"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // One undo stack spans both editors; the text edit's own history would fork it.
    m_text->setUndoRedoEnabled(false);
    m_text->installEventFilter(this);
    m_violationList->setAccessibleName(tr("Schema violations"));
    m_violationList->setMaximumHeight(120);
    for (QLabel *label : {m_heading, m_schemaLabel, m_status, m_saveError, m_draftNote}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_heading->setAccessibleName(tr("Aspect record"));
    m_schemaLabel->setAccessibleName(tr("Aspect schema"));
    m_status->setAccessibleName(tr("Aspect status"));
    m_saveError->setAccessibleName(tr("Save error"));
    m_saveError->hide();
    m_draftNote->setAccessibleName(tr("Draft status"));
    m_save->setAccessibleName(tr("Save aspect"));
    m_discard->setAccessibleName(tr("Discard draft"));

    auto *treeBar = new QHBoxLayout;
    const auto addButton = [&](const QString &text, const QString &name, const QKeySequence &key,
                               void (AspectEditor::*slot)()) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_tree->addAction(action);
        connect(action, &QAction::triggered, this, slot);
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAccessibleName(name);
        treeBar->addWidget(button);
        m_treeButtons.append(button);
    };
    addButton(tr("Add"), tr("Add node"), QKeySequence(Qt::CTRL | Qt::Key_Insert),
              &AspectEditor::addNode);
    addButton(tr("Remove"), tr("Remove node"), QKeySequence::Delete, &AspectEditor::removeNode);
    addButton(tr("Rename"), tr("Rename node"), QKeySequence(Qt::Key_F2), &AspectEditor::renameNode);
    addButton(tr("Up"), tr("Move node up"), QKeySequence(Qt::ALT | Qt::Key_Up),
              &AspectEditor::moveNodeUp);
    addButton(tr("Down"), tr("Move node down"), QKeySequence(Qt::ALT | Qt::Key_Down),
              &AspectEditor::moveNodeDown);
    treeBar->addStretch(1);

    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo);
    addAction(redo);
    auto *schemaButton = new QPushButton(tr("Schema &file…"), this);
    schemaButton->setAccessibleName(tr("Choose a schema file"));
    connect(schemaButton, &QPushButton::clicked, this, &AspectEditor::chooseSchemaFile);

    auto *bottom = new QHBoxLayout;
    for (QAction *action : {undo, redo}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAccessibleName(action->text());
        bottom->addWidget(button);
    }
    bottom->addWidget(schemaButton);
    bottom->addStretch(1);
    bottom->addWidget(m_discard);
    bottom->addWidget(m_save);

    auto *treeSide = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treeSide);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addLayout(treeBar);
    treeLayout->addWidget(m_tree, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(treeSide);
    m_formView->setModel(m_formModel, connection);
    m_views->addTab(m_text, tr("JSON"));
    m_views->addTab(m_formView, tr("Form"));
    m_views->setTabEnabled(1, false);
    m_views->setAccessibleName(tr("Aspect views"));
    splitter->addWidget(m_views);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_schemaLabel);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_violationList);
    layout->addWidget(m_saveError);
    layout->addWidget(m_conflict);
    layout->addWidget(m_draftNote);
    layout->addLayout(bottom);

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(400);
    connect(&m_draftTimer, &QTimer::timeout, this, &AspectEditor::flushDraft);
    connect(m_text, &QPlainTextEdit::textChanged, this, &AspectEditor::onTextEdited);
    connect(m_model, &AspectTreeModel::documentChanged, this, &AspectEditor::onTreeEdited);
    connect(m_formModel, &SchemaFormModel::documentChanged, this, &AspectEditor::onFormEdited);
    connect(m_violationList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { selectPath(item->data(PathRole).toString()); });
    connect(m_violationList, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { selectPath(item->data(PathRole).toString()); });
    connect(m_save, &QPushButton::clicked, this, &AspectEditor::save);
    connect(m_discard, &QPushButton::clicked, this, &AspectEditor::discardDraft);
    // A 424 `not-unique` answer: the banner asks, and the save goes on as chosen.
    connect(m_conflict, &AspectConflictBanner::othersRetracted, this, &AspectEditor::save);
    connect(m_conflict, &AspectConflictBanner::addNewRequested, this,
            &AspectEditor::saveAsNewAspect);
    clear();
}

AspectEditor::~AspectEditor()
{
    // Closing the editor must not lose an edit the timer has not written yet.
    flushDraft();
}

void AspectEditor::setSchemaRegistry(SchemaRegistry *registry)
{
    m_registry = registry ? registry : &m_ownRegistry;
    m_validatorKey.clear();
    m_validator.setResolver([this](const QString &uri) { return m_registry->resolve(uri); });
    revalidate();
}

bool AspectEditor::useSchemaFile(const QString &fileName)
{
    QFile file(fileName);
    QJsonParseError error;
    const QJsonDocument doc = file.open(QIODevice::ReadOnly)
                                  ? QJsonDocument::fromJson(file.readAll(), &error)
                                  : QJsonDocument();
    if (!doc.isObject()) {
        m_status->setText(tr("Cannot use %1 as a schema: %2")
                              .arg(QFileInfo(fileName).fileName(),
                                   file.isOpen() ? error.errorString() : file.errorString()));
        return false;
    }
    m_fileSchema = doc.object();
    m_fileSchemaName = QFileInfo(fileName).fileName();
    m_validatorKey.clear();
    revalidate();
    return true;
}

void AspectEditor::chooseSchemaFile()
{
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Choose a JSON Schema"), QString(), tr("JSON Schema (*.json);;All files (*)"));
    if (!fileName.isEmpty())
        useSchemaFile(fileName);
}

void AspectEditor::clear()
{
    flushDraft();
    delete m_loader;
    m_recordId.clear();
    m_entityId.clear();
    m_recordSchema.clear();
    m_draftKey.clear();
    m_loaded = false;
    m_revoked = false;
    m_baselineText.clear();
    m_syncing = true;
    m_model->setJson(QJsonObject());
    m_text->clear();
    m_syncing = false;
    m_currentText.clear();
    m_undo->clear();
    m_heading->setText(tr("No aspect selected."));
    revalidate();
}

void AspectEditor::newAspect(const QString &entityId, const QJsonObject &initial)
{
    load(QString(), entityId, initial.value(QLatin1String("$schema")).toString(), initial, false);
}

void AspectEditor::openRecord(const QString &recordId)
{
    if (recordId.isEmpty() || !m_connection)
        return;
    flushDraft();
    delete m_loader;
    m_loader = new MetadataRecord(m_connection, recordId, this, EntityKind::Aspects);
    connect(m_loader, &EntityDetails::changed, this, [this, loader = m_loader.data()] {
        loader->deleteLater();
        m_loader = nullptr;
        setRecord(loader->raw(), loader->aspectText());
    });
    connect(m_loader, &EntityDetails::errorOccurred, this,
            [this, loader = m_loader.data()](const ApiError &error) {
                loader->deleteLater();
                m_loader = nullptr;
                m_status->setText(tr("Could not read the record: %1").arg(error.message));
                Q_EMIT loadFailed(error.message);
                Q_EMIT stateChanged();
            });
    m_status->setText(tr("Loading %1…").arg(recordId));
    m_loader->load();
}

void AspectEditor::setRecord(const QJsonObject &record, const QByteArray &aspectText)
{
    // v0.28 metadata (`record-id`, `aspect`) or a datafabric aspect (`id`, `content`); later
    // deployments' /1/metadata answer `id` too.
    const QString id = record.value(QLatin1String("record-id")).toString();
    const QJsonValue aspect = record.value(QLatin1String("aspect"));
    load(id.isEmpty() ? record.value(QLatin1String("id")).toString() : id,
         record.value(QLatin1String("entity")).toString(),
         record.value(QLatin1String("schema")).toString(),
         (aspect.isUndefined() ? record.value(QLatin1String("content")) : aspect).toObject(),
         !record.value(QLatin1String("valid-to")).toString().isEmpty(), aspectText);
}

void AspectEditor::load(const QString &recordId, const QString &entityId, const QString &schema,
                        const QJsonObject &aspect, bool revoked, const QByteArray &aspectText)
{
    flushDraft();
    m_recordId = recordId;
    m_entityId = entityId;
    m_recordSchema = schema;
    m_revoked = revoked;
    m_loaded = true;
    m_draftKey = AspectDrafts::keyFor(recordId, entityId, schema);
    // The server's text keeps numbers that the QJsonObject holds as their nearest double.
    const QByteArray exact =
        aspectText.trimmed().startsWith('{') ? AspectTreeModel::formatJsonText(aspectText) : "";
    m_baselineText = exact.isEmpty() ? canonicalText(aspect) : QString::fromUtf8(exact);
    m_saveError->hide();
    m_conflict->dismiss();
    m_heading->setText(recordId.isEmpty()
                           ? tr("New aspect for %1").arg(entityId)
                           : (revoked ? tr("Record %1 of %2 (retracted)") : tr("Record %1 of %2"))
                                 .arg(recordId, entityId));
    QString text = m_baselineText;
    const auto draft = revoked ? std::nullopt : m_drafts.draft(m_draftKey);
    if (draft)
        text = draft->text;
    m_undo->clear();
    m_currentText.clear(); // forces the text edit to take the new document
    applyText(text, Origin::Load);
    if (!recordId.isEmpty())
        Q_EMIT recordLoaded(recordId);
}

void AspectEditor::applyText(const QString &text, Origin origin)
{
    m_syncing = true;
    if (origin != Origin::Text && m_text->toPlainText() != text)
        m_text->setPlainText(text);
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = jsonnumbers::parse(utf8, &error);
    if (error.error == QJsonParseError::NoError) {
        m_syntaxError.clear();
        const QJsonValue value =
            doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        // Re-reading the tree would collapse it and lose the selection, so only on change.
        if (origin != Origin::Tree &&
            (m_model->toJson() != value ||
             m_model->toJsonText(false) != AspectTreeModel::formatJsonText(utf8, false))) {
            m_model->setJsonText(utf8); // keeps each number's digits
            m_tree->expandAll();
        }
        // the form changes only the fields that differ, so its focus survives
        if (origin != Origin::Form && m_views->isTabEnabled(1))
            m_formModel->setDocumentText(utf8); // keeps each number's digits
    } else {
        m_syntaxError = describeSyntaxError(utf8, error);
    }
    m_syncing = false;
    m_currentText = text;
    if (origin != Origin::Load)
        m_draftTimer.start();
    revalidate();
}

void AspectEditor::onTextEdited()
{
    if (m_syncing || !m_loaded)
        return;
    const QString before = m_currentText;
    const QString after = m_text->toPlainText();
    if (before == after)
        return;
    applyText(after, Origin::Text);
    m_undo->push(new AspectSnapshotCommand(
        before, after, true, [this](const QString &t) { applyText(t, Origin::Undo); },
        tr("Edit text")));
}

void AspectEditor::onTreeEdited()
{
    if (m_syncing || !m_loaded)
        return;
    const QString before = m_currentText;
    const QString after = QString::fromUtf8(m_model->toJsonText(true));
    if (before == after)
        return;
    applyText(after, Origin::Tree);
    m_undo->push(new AspectSnapshotCommand(
        before, after, false, [this](const QString &t) { applyText(t, Origin::Undo); },
        tr("Edit tree")));
}

void AspectEditor::onFormEdited()
{
    if (m_syncing || !m_loaded)
        return;
    const QString before = m_currentText;
    const QJsonValue value = m_formModel->document();
    if (!value.isObject())
        return;
    const QString after = QString::fromUtf8(m_formModel->documentText(true));
    if (before == after)
        return;
    applyText(after, Origin::Form);
    m_undo->push(new AspectSnapshotCommand(
        before, after, false, [this](const QString &t) { applyText(t, Origin::Undo); },
        tr("Edit form")));
}

void AspectEditor::updateSchemaValidator(const QJsonValue &document)
{
    QString key;
    std::optional<QJsonValue> schema;
    if (!m_fileSchemaName.isEmpty()) {
        key = QLatin1String("file:") + m_fileSchemaName;
        schema = m_fileSchema;
    } else {
        QString name = document.toObject().value(QLatin1String("$schema")).toString();
        if (name.isEmpty())
            name = m_recordSchema;
        key = name;
        schema = m_registry->resolve(name);
        if (!schema)
            key = QLatin1String("missing:") + name;
    }
    if (key == m_validatorKey)
        return;
    m_validatorKey = key;
    m_validator.setResolver([this](const QString &uri) { return m_registry->resolve(uri); });
    m_schemaFound = schema.has_value();
    if (schema)
        m_validator.setSchema(*schema);
    // the Form view follows the schema; without one it has nothing to show
    const bool wasSyncing = m_syncing;
    m_syncing = true;
    m_views->setTabEnabled(1, schema.has_value());
    if (schema) {
        m_formModel->setSchema(*schema,
                               [this](const QString &uri) { return m_registry->resolve(uri); });
        m_formModel->setDocumentText(m_model->toJsonText(false));
    } else if (m_views->currentIndex() == 1) {
        m_views->setCurrentIndex(0);
    }
    m_syncing = wasSyncing;
}

void AspectEditor::revalidate()
{
    m_violations.clear();
    m_violationList->clear();
    QString reason;
    QString schemaText;
    const QJsonValue document = m_model->toJson();
    if (!m_loaded) {
        reason = tr("Nothing to save.");
    } else if (m_revoked) {
        reason = tr("This version was retracted and cannot be changed.");
    } else if (!m_syntaxError.isEmpty()) {
        reason = m_syntaxError;
    } else if (!document.isObject()) {
        reason = tr("An aspect must be a JSON object.");
    } else if (m_entityId.isEmpty()) {
        reason = tr("There is no entity to attach the aspect to.");
    } else if (schema().isEmpty()) {
        reason = tr("The aspect needs a schema: set \"$schema\".");
    }
    if (m_loaded && m_syntaxError.isEmpty()) {
        updateSchemaValidator(document);
        const QString name =
            m_validatorKey.startsWith(QLatin1String("file:")) ? m_fileSchemaName : schema();
        if (!m_schemaFound) {
            schemaText = tr("No schema %1 is known here; the aspect is not checked.").arg(name);
        } else if (m_validator.hasSchema()) {
            m_violations = m_validator.validate(document);
            schemaText = tr("Checked against %1.").arg(name);
        } else {
            schemaText =
                tr("The schema %1 cannot be used: %2").arg(name, m_validator.errorString());
        }
    }
    for (const auto &v : std::as_const(m_violations)) {
        auto *item =
            new QListWidgetItem(QStringLiteral("%1: %2").arg(
                                    v.path.isEmpty() ? QStringLiteral("/") : v.path, v.message),
                                m_violationList);
        item->setData(PathRole, v.path);
    }
    if (reason.isEmpty() && !m_violations.isEmpty())
        reason = tr("%n schema violation(s); select one to see the node.", nullptr,
                    int(m_violations.size()));
    if (reason.isEmpty() && isSaving())
        reason = tr("Saving…");
    m_invalidReason = reason;
    m_schemaLabel->setText(schemaText);
    m_status->setText(reason.isEmpty() && !isModified() && !m_recordId.isEmpty() ? tr("No changes.")
                                                                                 : reason);
    updateControls();
}

void AspectEditor::updateControls()
{
    const bool editable = m_loaded && !m_readOnly && !m_revoked;
    m_text->setReadOnly(!editable);
    // While the text does not parse the tree shows the last valid document; editing it then
    // would silently drop the text.
    const bool treeEditable = editable && m_syntaxError.isEmpty();
    m_tree->setEditTriggers(treeEditable ? QAbstractItemView::DoubleClicked |
                                               QAbstractItemView::EditKeyPressed |
                                               QAbstractItemView::SelectedClicked
                                         : QAbstractItemView::NoEditTriggers);
    for (QToolButton *b : std::as_const(m_treeButtons))
        b->setEnabled(treeEditable);
    m_violationList->setVisible(!m_violations.isEmpty());
    m_save->setEnabled(canSave());
    m_save->setToolTip(m_invalidReason);
    const bool draft = hasDraft() || (isModified() && m_draftTimer.isActive());
    m_discard->setEnabled(editable && (draft || isModified()));
    m_draftNote->setText(draft ? tr("Unsaved draft: it is kept until you save or discard it.")
                               : QString());
    m_draftNote->setVisible(draft);
    Q_EMIT stateChanged();
}

QString AspectEditor::schema() const
{
    if (!m_recordSchema.isEmpty())
        return m_recordSchema;
    return m_model->toJson().toObject().value(QLatin1String("$schema")).toString();
}

bool AspectEditor::canSave() const
{
    return m_loaded && !m_readOnly && m_invalidReason.isEmpty() &&
           (isModified() || m_recordId.isEmpty());
}

bool AspectEditor::isLoading() const
{
    return m_loader != nullptr;
}

bool AspectEditor::isSaving() const
{
    return m_request != nullptr;
}

bool AspectEditor::hasDraft() const
{
    // A revoked version cannot be edited, so a draft of it is not shown as its own (it stays
    // in the drafts list until discarded).
    return !m_revoked && !m_draftKey.isEmpty() && m_drafts.contains(m_draftKey);
}

void AspectEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateControls();
}

void AspectEditor::flushDraft()
{
    m_draftTimer.stop();
    if (m_draftKey.isEmpty() || !m_loaded || m_revoked)
        return;
    if (isModified()) {
        m_drafts.store(m_draftKey, {m_currentText, m_recordId, m_entityId, schema(), {}});
    } else {
        m_drafts.discard(m_draftKey);
    }
}

void AspectEditor::discardDraft()
{
    m_drafts.discard(m_draftKey);
    m_draftTimer.stop();
    m_undo->clear();
    m_currentText.clear();
    applyText(m_baselineText, Origin::Load);
}

bool AspectEditor::selectPath(const QString &path)
{
    const QModelIndex index = m_model->indexForPath(path);
    if (!index.isValid())
        return false;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void AspectEditor::addNode()
{
    QModelIndex current = m_tree->currentIndex().siblingAtColumn(AspectTreeModel::KeyColumn);
    if (!current.isValid())
        current = m_model->rootIndex();
    QModelIndex parent = current;
    int row = m_model->rowCount(current);
    const auto type = m_model->nodeType(current);
    if (type != AspectTreeModel::Type::Object && type != AspectTreeModel::Type::Array) {
        parent = current.parent();
        row = current.row() + 1;
        if (!parent.isValid())
            return; // a scalar document has no place for a sibling
    }
    QString key;
    if (m_model->nodeType(parent) == AspectTreeModel::Type::Object) {
        QStringList keys;
        for (int r = 0; r < m_model->rowCount(parent); ++r)
            keys << m_model->index(r, AspectTreeModel::KeyColumn, parent).data().toString();
        key = tr("new");
        for (int n = 2; keys.contains(key); ++n)
            key = tr("new %1").arg(n);
    }
    if (!m_model->insertChild(parent, row, key, QString()))
        return;
    m_tree->expand(parent);
    const QModelIndex added = m_model->index(row, AspectTreeModel::KeyColumn, parent);
    m_tree->setCurrentIndex(added);
    if (!key.isEmpty() && m_tree->isVisible())
        m_tree->edit(added);
}

void AspectEditor::removeNode()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && current.parent().isValid())
        m_model->removeRows(current.row(), 1, current.parent());
}

void AspectEditor::renameNode()
{
    const QModelIndex key = m_tree->currentIndex().siblingAtColumn(AspectTreeModel::KeyColumn);
    if (key.isValid() && (m_model->flags(key) & Qt::ItemIsEditable))
        m_tree->edit(key);
}

void AspectEditor::moveNode(int delta)
{
    const QModelIndex current = m_tree->currentIndex().siblingAtColumn(0);
    const QModelIndex parent = current.parent();
    if (!current.isValid() || !parent.isValid())
        return;
    const int target = current.row() + delta;
    if (target < 0 || target >= m_model->rowCount(parent))
        return;
    // moveRows counts the destination before the move, so moving down skips one more row.
    if (m_model->moveRows(parent, current.row(), 1, parent, delta > 0 ? target + 1 : target))
        m_tree->setCurrentIndex(m_model->index(target, 0, parent));
}

bool AspectEditor::eventFilter(QObject *watched, QEvent *event)
{
    // The text edit claims Ctrl+Z for its own (disabled) history; send it to the shared stack.
    if (watched == m_text &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (undo || redo) {
            if (event->type() == QEvent::KeyPress)
                undo ? m_undo->undo() : m_undo->redo();
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AspectEditor::save()
{
    send(m_recordId.isEmpty() ? Write::Add : Write::Replace);
}

void AspectEditor::saveAsNewAspect()
{
    send(Write::AddBeside);
}

void AspectEditor::send(Write write)
{
    if (!canSave() || !m_connection)
        return;
    const QJsonObject aspect = jsonnumbers::parse(m_currentText.toUtf8()).object();
    m_saveError->hide();
    m_conflict->dismiss();
    flushDraft(); // a crash during the request must not lose the edit
    m_write = write;
    m_request = write == Write::Replace
                    ? Api::replaceAspect(m_connection, m_recordId, m_entityId, schema(), aspect,
                                         QString(), this)
                    : Api::addAspect(m_connection, m_entityId, schema(), aspect, QString(), this);
    // The text as shown goes out, not its QJsonObject: that holds every number as a double,
    // which would round 2^53 + 1 or rewrite 1.50 as 1.5.
    m_request->setBody(m_currentText.toUtf8());
    connect(m_request, &ApiRequest::finished, this, &AspectEditor::onSaved);
    connect(m_request, &ApiRequest::failed, this, &AspectEditor::onSaveFailed);
    m_request->start();
    revalidate();
}

void AspectEditor::onSaved(const QJsonDocument &reply)
{
    m_request = nullptr;
    const QString newId = Api::writtenRecordId(reply);
    if (newId.isEmpty()) {
        onSaveFailed(ApiError::local(tr("the server did not say which record it created")));
        return;
    }
    // A new aspect beside the others replaces nothing.
    const QString previous = m_write == Write::Replace ? m_recordId : QString();
    // Saved: the draft is done with. Forget its key too, or load() below would flush the edit
    // (still "modified" against the old baseline) straight back into the drafts file.
    m_draftTimer.stop();
    m_drafts.discard(m_draftKey);
    m_draftKey.clear();
    const QJsonObject aspect = jsonnumbers::parse(m_currentText.toUtf8()).object();
    load(newId, m_entityId, schema(), aspect, false, m_currentText.toUtf8());
    Q_EMIT saved(newId, previous);
}

void AspectEditor::onSaveFailed(const ApiError &error)
{
    m_request = nullptr;
    if (error.httpStatus == 424 && m_write == Write::Replace) {
        // More than one live aspect of this schema: IVCAP cannot tell which one to replace.
        m_conflict->present(m_entityId, schema(), m_recordId);
        revalidate();
        Q_EMIT saveFailed(error.message);
        return;
    }
    m_saveError->setText(tr("Could not save: %1").arg(error.message));
    m_saveError->show();
    revalidate();
    Q_EMIT saveFailed(error.message);
}

} // namespace ivcap::ui
