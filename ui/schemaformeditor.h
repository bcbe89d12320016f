#pragma once

#include "api/connection.h"
#include "forms/schemaformmodel.h"

#include <QJsonValue>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QUndoStack;

namespace ivcap::ui {

class SchemaFormView;

// A document edited as a form generated from its JSON Schema, or as JSON text: a Form ⇄ JSON
// toggle keeps both in sync, one undo stack spans both, an error summary lists every problem and
// jumps to its field, and the submit button stays disabled while the document is invalid.
// Used standalone (`ivcap-desktop --form SCHEMA.json`), for job requests and in the aspect
// editor's Form view.
class SchemaFormEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaFormEditor(QWidget *parent = nullptr);

    // The form for `schema` in its fresh state (defaults filled in). Returns false when the
    // schema cannot check documents (the banner says why); the form is still usable.
    bool setSchema(const QJsonValue &schema);
    void setDocument(const QJsonValue &document);
    QJsonValue document() const;
    bool isValid() const;
    void setConnection(Connection *connection);
    // Text of the submit button; an empty text hides it (e.g. inside the aspect editor).
    void setSubmitText(const QString &text);

    SchemaFormModel *model() const { return m_model; }
    SchemaFormView *formView() const { return m_view; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QListWidget *errorSummary() const { return m_summary; }
    QPushButton *submitButton() const { return m_submit; }
    QToolButton *formButton() const { return m_formButton; }
    QToolButton *jsonButton() const { return m_jsonButton; }
    QUndoStack *undoStack() const { return m_undo; }
    bool isJsonShown() const;
    void showJson(bool json);

Q_SIGNALS:
    void submitted(const QJsonValue &document);
    // The document changed (by an edit in either view, undo or setDocument).
    void documentChanged(const QJsonValue &document);

private:
    void onEdited(const QJsonValue &before, const QJsonValue &after, const QString &what,
                  const QString &pointer);
    void onJsonTextChanged();
    void updateJsonText();
    void updateSummary();

    SchemaFormModel *m_model;
    QPointer<Connection> m_connection;
    QUndoStack *m_undo;
    QToolButton *m_formButton;
    QToolButton *m_jsonButton;
    QStackedWidget *m_stack;
    SchemaFormView *m_view;
    QPlainTextEdit *m_json;
    QLabel *m_jsonError;
    QLabel *m_banner;
    QListWidget *m_summary;
    QPushButton *m_submit;
    bool m_applying = false;    // the undo stack is moving the document
    bool m_writingJson = false; // the JSON text is being written from the model
};

} // namespace ivcap::ui
