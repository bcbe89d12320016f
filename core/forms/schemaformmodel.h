#pragma once

#include "schemaformchecker.h"
#include "schemaformnode.h"
#include "schemaresolver.h"

#include <QAbstractItemModel>
#include <QJsonValue>
#include <QPersistentModelIndex>
#include <memory>

namespace ivcap {

// A form generated from a JSON Schema, as a tree model with no widgets: one row per field
// (SchemaFormNode), the document it edits as JSON, and every validation error (valijson through
// SchemaValidator, plus an exact decimal check of `multipleOf`) attached to its field.
// Column 0 is the field's label, column 1 its value. Values the schema does not describe are
// kept, so document() returns exactly what setDocument() loaded until the user edits it.
// Every edit goes through one of the edit functions below, which apply it in place (rows are
// inserted, removed or changed, never reset) and emit edited() with the document before and
// after, for undo. Used for job requests (a service's `fn_schema`) and aspect documents.
class SchemaFormModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_PROPERTY(bool valid READ isValid NOTIFY validChanged)

public:
    enum Column { LabelColumn, ValueColumn, ColumnCount };
    enum Roles {
        KindRole = Qt::UserRole + 1, // int: SchemaFormNode::Kind
        SlotRole,                    // int: SchemaFormNode::Slot
        KeyRole,
        PointerRole, // JSON pointer into document()
        TitleRole,
        DescriptionRole,
        RequiredRole,
        PresentRole,
        ReadOnlyRole,
        DeprecatedRole,
        JsonValueRole,  // QJsonValue of the node (undefined when absent)
        NumberTextRole, // exact text of a number
        ErrorsRole,     // QStringList
        SchemaRole,     // QJsonObject, the effective schema
        OptionsRole,    // QJsonArray of enum values
        OptionTitlesRole,
        AlternativesRole, // QStringList of alternative titles
        ChoiceRole,
        NullableRole,
        IsNullRole,
        FormatRole,
        ExamplesRole, // QStringList
        ProblemRole,  // why the field is shown as raw JSON
        DescribedRole,
        AcceptsEntriesRole,
    };

    struct FieldError
    {
        QString pointer; // where valijson found it in the document
        QString message;
        QPersistentModelIndex index; // the field it belongs to (label column)
    };

    explicit SchemaFormModel(QObject *parent = nullptr);
    ~SchemaFormModel() override;

    // Parses schema text keeping the order of its properties (JsonKeyOrder); on a syntax
    // error returns an undefined value and sets *error.
    static QJsonValue parseSchema(const QByteArray &json, QString *error = nullptr);

    // Builds the form for `schema` in its fresh state (defaults filled). `external` resolves
    // `$ref`s to other documents. Returns false when the schema cannot be compiled for
    // validation (schemaProblem() says why); the form is still built as far as it can be.
    bool setSchema(const QJsonValue &schema, SchemaResolver::External external = {});
    QJsonValue schema() const { return m_schema; }
    QString schemaProblem() const { return m_schemaProblem; }

    // Shows `document` in the form, changing only the fields whose value differs.
    void setDocument(const QJsonValue &document);
    QJsonValue document() const;
    // As setDocument(), from JSON text, and each Number/Integer field then keeps its number's
    // text as written there (2^64, 1e400, 1.50), which a QJsonValue would round. False, nothing
    // changed, when `text` is not JSON.
    bool setDocumentText(const QByteArray &text);
    // document() as JSON text, each number written with its field's exact text.
    QByteArray documentText(bool indented = true) const;

    bool isValid() const { return m_errors.isEmpty(); }
    QList<FieldError> errors() const { return m_errors; }

    QModelIndex indexForPointer(const QString &pointer) const;
    const SchemaFormNode *nodeAt(const QModelIndex &index) const;

    // Edits. Each returns whether it changed the document; index is any column of the field.
    bool setValue(const QModelIndex &index, const QJsonValue &value);
    // Sets a Number/Integer field from text; false (nothing changes) unless a JSON number.
    bool setNumberText(const QModelIndex &index, const QString &text);
    // Parses JSON text into a Raw field; returns "" or the parse error.
    QString setRawJson(const QModelIndex &index, const QString &text);
    bool setPresent(const QModelIndex &index, bool present); // optional properties
    bool setNull(const QModelIndex &index, bool null);       // nullable fields
    bool setChoice(const QModelIndex &index, int alternative);
    QModelIndex addItem(const QModelIndex &array);
    bool removeRow(const QModelIndex &item); // an array item or a key/value entry
    bool moveItem(const QModelIndex &item, int toRow);
    // A new key/value entry; invalid when the key is empty or taken.
    QModelIndex addEntry(const QModelIndex &object, const QString &key);
    bool renameEntry(const QModelIndex &entry, const QString &key);
    // Recursive schemas are built only as deep as the document goes: a required object below
    // SchemaFormBuilder::kMaxFreshDepth starts empty and unexpanded, and is built (with its
    // defaults) when the user opens it.
    bool canExpand(const QModelIndex &index) const;
    bool expand(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void edited(const QJsonValue &before, const QJsonValue &after, const QString &what,
                const QString &pointer);
    void documentChanged();
    void errorsChanged();
    void validChanged(bool valid);

private:
    SchemaFormNode *node(const QModelIndex &index) const;
    QModelIndex indexOf(const SchemaFormNode *node, int column = 0) const;
    void changed(SchemaFormNode *node);
    void apply(SchemaFormNode *node, const std::optional<QJsonValue> &value);
    void replace(SchemaFormNode *node, const std::optional<QJsonValue> &value, bool fresh);
    void clearChildren(SchemaFormNode *node);
    void buildChildren(SchemaFormNode *node, const QJsonValue &value, bool fresh);
    void revalidate();
    // Runs an edit: records the document before, and after a change revalidates and emits.
    template <typename Edit> bool edit(const QString &what, SchemaFormNode *node, Edit &&change);

    QJsonValue m_schema;
    QString m_schemaProblem;
    std::unique_ptr<SchemaResolver> m_resolver;
    std::unique_ptr<SchemaFormBuilder> m_builder;
    SchemaFormChecker m_checker;
    std::unique_ptr<SchemaFormNode> m_root;
    QList<FieldError> m_errors;
    bool m_inEdit = false;
};

} // namespace ivcap
