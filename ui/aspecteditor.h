#pragma once

#include "api/apirequest.h"
#include "api/connection.h"
#include "aspect/aspectdrafts.h"
#include "models/metadatarecord.h"
#include "schema/schemaregistry.h"
#include "schema/schemavalidator.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QPushButton;
class QToolButton;
class QTreeView;
class QUndoStack;

namespace ivcap {
class AspectTreeModel;
class SchemaFormModel;
struct ApiError;
} // namespace ivcap

namespace ivcap::ui {

class AspectConflictBanner;
class SchemaFormView;

// Edits one metadata aspect: a tree of keys, values and types beside the raw JSON text, both
// kept in sync, with one undo stack across them. The aspect is checked for JSON syntax and
// against the JSON Schema its `$schema` names (or a file the user picks); Save stays disabled
// while it is invalid and says why. Save adds a record for a new aspect and replaces the
// record for an existing one (Api::replaceAspect: PUT /1/aspects?entity&schema, or v0.28's
// PUT /1/metadata/{id}); when the update answers 424 `not-unique` an inline banner
// (conflictBanner()) explains it and offers to retract the others, add the edit as a new
// aspect, or cancel. Unsaved edits are kept as drafts until saved or discarded.
class AspectEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AspectEditor(Connection *connection, QWidget *parent = nullptr);
    ~AspectEditor() override;

    // Not owned; by default the editor has an empty registry of its own.
    void setSchemaRegistry(SchemaRegistry *registry);
    SchemaRegistry *schemaRegistry() const { return m_registry; }
    // Validates against this file instead of the aspect's `$schema`; false (with the reason in
    // the status line) when it cannot be read.
    bool useSchemaFile(const QString &fileName);

    // Starts a new aspect for `entityId`; its schema is the aspect's `$schema`.
    void newAspect(const QString &entityId, const QJsonObject &initial = {});
    // Reads the record from the server and shows it.
    void openRecord(const QString &recordId);
    // Shows a MetadataRecordRT object (record-id, entity, schema, aspect, valid-to …).
    // `aspectText`, when given, is the aspect's JSON text as the server wrote it, shown instead
    // of `record`'s aspect so that numbers a double would round keep every digit.
    void setRecord(const QJsonObject &record, const QByteArray &aspectText = {});
    void clear();

    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    bool isRevoked() const { return m_revoked; }
    bool isLoading() const;
    bool isSaving() const;

    QString recordId() const { return m_recordId; }
    QString entityId() const { return m_entityId; }
    // The record's schema, or the `$schema` of a new aspect.
    QString schema() const;
    QString text() const { return m_currentText; }
    bool isModified() const { return m_currentText != m_baselineText; }
    bool canSave() const;
    // Why the aspect cannot be saved; empty when it can (or nothing changed).
    QString invalidReason() const { return m_invalidReason; }
    QString syntaxError() const { return m_syntaxError; }
    QList<SchemaValidator::Violation> violations() const { return m_violations; }
    bool hasDraft() const;
    QString draftKey() const { return m_draftKey; }

    AspectTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QPlainTextEdit *textEdit() const { return m_text; }
    QListWidget *violationList() const { return m_violationList; }
    // The Form view: the aspect as a form generated from its schema, enabled whenever the
    // schema is known; edits go through the same undo stack as the tree and the text.
    QTabWidget *viewTabs() const { return m_views; }
    SchemaFormModel *formModel() const { return m_formModel; }
    SchemaFormView *formView() const { return m_formView; }
    QUndoStack *undoStack() const { return m_undo; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *discardDraftButton() const { return m_discard; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *saveErrorLabel() const { return m_saveError; }
    AspectConflictBanner *conflictBanner() const { return m_conflict; }

public Q_SLOTS:
    void save();
    // Adds the edited aspect as a new record beside the existing ones (POST), also for a
    // record that was opened for editing; nothing is replaced.
    void saveAsNewAspect();
    // Throws the unsaved edit away and shows the record (or the new aspect) as it was.
    void discardDraft();
    // Selects the node at a JSON pointer or dotted path, e.g. a violation's path.
    bool selectPath(const QString &path);
    void addNode();
    void removeNode();
    void renameNode();
    void moveNodeUp() { moveNode(-1); }
    void moveNodeDown() { moveNode(1); }
    void chooseSchemaFile();

Q_SIGNALS:
    // `recordId` is the new record; `previousRecordId` the one it replaced (empty when added).
    void saved(const QString &recordId, const QString &previousRecordId);
    void saveFailed(const QString &message);
    void recordLoaded(const QString &recordId);
    void loadFailed(const QString &message);
    void stateChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Origin { Load, Text, Tree, Form, Undo };
    enum class Write { Add, Replace, AddBeside };
    void send(Write write);
    void load(const QString &recordId, const QString &entityId, const QString &schema,
              const QJsonObject &aspect, bool revoked, const QByteArray &aspectText = {});
    void applyText(const QString &text, Origin origin);
    void onTextEdited();
    void onTreeEdited();
    void onFormEdited();
    void revalidate();
    void updateSchemaValidator(const QJsonValue &document);
    void updateControls();
    void moveNode(int delta);
    void flushDraft();
    void onSaved(const QJsonDocument &reply);
    void onSaveFailed(const ApiError &error);

    Connection *m_connection;
    SchemaRegistry m_ownRegistry;
    SchemaRegistry *m_registry = &m_ownRegistry;
    SchemaValidator m_validator;
    QString m_validatorKey; // which schema m_validator holds
    bool m_schemaFound = false;
    QJsonValue m_fileSchema;
    QString m_fileSchemaName;
    AspectDrafts m_drafts;
    QTimer m_draftTimer;

    AspectTreeModel *m_model;
    QTreeView *m_tree;
    QPlainTextEdit *m_text;
    QTabWidget *m_views;
    SchemaFormModel *m_formModel;
    SchemaFormView *m_formView;
    QListWidget *m_violationList;
    QUndoStack *m_undo;
    QLabel *m_heading;
    QLabel *m_schemaLabel;
    QLabel *m_status;
    QLabel *m_saveError;
    QLabel *m_draftNote;
    QPushButton *m_save;
    QPushButton *m_discard;
    AspectConflictBanner *m_conflict;
    QList<QToolButton *> m_treeButtons;
    Write m_write = Write::Add;

    QString m_recordId;
    QString m_entityId;
    QString m_recordSchema;
    QString m_draftKey;
    QString m_baselineText;
    QString m_currentText;
    QString m_syntaxError;
    QString m_invalidReason;
    QList<SchemaValidator::Violation> m_violations;
    bool m_readOnly = false;
    bool m_revoked = false;
    bool m_loaded = false;
    bool m_syncing = false;
    QPointer<ApiRequest> m_request;
    QPointer<MetadataRecord> m_loader;
};

} // namespace ivcap::ui
