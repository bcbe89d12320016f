#pragma once

#include "api/connection.h"
#include "forms/schemaformmodel.h"

#include <QFrame>
#include <QPersistentModelIndex>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QVBoxLayout;
class QHBoxLayout;

namespace ivcap::ui {

// One field of a SchemaFormView: its label (with a required mark), the editor for its kind,
// the description as help text, its errors inline, and the controls its place allows —
// include/clear for optional members, "none" for nullable ones, an alternative switcher for
// oneOf/anyOf, move/remove for items and entries. Objects and arrays are collapsible groups
// whose children the view inserts into childLayout(). refresh() updates the widgets from the
// model in place, leaving an editor alone when it already shows the value, so focus and the
// cursor survive the user's own typing.
class SchemaFieldWidget : public QFrame
{
    Q_OBJECT
public:
    // `connection` (may be null) serves artifact pickers for artifact reference fields.
    SchemaFieldWidget(SchemaFormModel *model, const QModelIndex &index, Connection *connection,
                      QWidget *parent = nullptr);

    QPersistentModelIndex index() const { return m_index; }
    void refresh();
    // Where keyboard focus goes when the error summary jumps to this field.
    QWidget *focusTarget() const;
    // The widgets Tab visits, in order.
    QList<QWidget *> focusChain() const;
    // A group's own controls after its children (new key, add, open).
    QList<QWidget *> toolChain() const;
    QVBoxLayout *childLayout() const { return m_childLayout; }
    bool isContainer() const { return m_childLayout != nullptr; }
    void setExpanded(bool expanded);
    bool isExpanded() const { return m_expanded; }
    QWidget *editor() const { return m_editor; }

    // Whether a string schema describes an IVCAP artifact reference (a URN pattern or format
    // naming artifacts).
    static bool isArtifactReference(const QJsonObject &schema);

private:
    void buildHeader();
    void buildEditor();
    void refreshEditor();
    void commitText(const QString &text);
    QString labelText() const;

    SchemaFormModel *m_model;
    QPersistentModelIndex m_index;
    QPointer<Connection> m_connection;
    int m_kind = 0;
    bool m_expanded = true;
    QHBoxLayout *m_header = nullptr;
    QToolButton *m_arrow = nullptr;
    QLabel *m_label = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QComboBox *m_alternatives = nullptr;
    QCheckBox *m_include = nullptr;
    QCheckBox *m_none = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QToolButton *m_remove = nullptr;
    QWidget *m_editor = nullptr;
    QLabel *m_help = nullptr;
    QLabel *m_errors = nullptr;
    QWidget *m_body = nullptr;
    QVBoxLayout *m_childLayout = nullptr;
    QToolButton *m_add = nullptr;
    QLineEdit *m_newKey = nullptr;
    QToolButton *m_expand = nullptr;
};

} // namespace ivcap::ui
