#pragma once

#include "api/connection.h"
#include "forms/schemaformmodel.h"

#include <QHash>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QScrollArea>

namespace ivcap::ui {

class SchemaFieldWidget;

// The widgets of a form generated from a JSON Schema (SchemaFormModel): one SchemaFieldWidget
// per field, nested as the schema nests, in a scroll area. It follows the model as the model
// changes: a changed value updates that field's editor in place; added, removed or moved
// items add, remove or move only their widgets; only a model reset (a new schema) rebuilds
// the form. So focus, the cursor and the scroll position stay where the user left them.
class SchemaFormView : public QScrollArea
{
    Q_OBJECT
public:
    explicit SchemaFormView(QWidget *parent = nullptr);

    // Not owned. `connection` (may be null) lets artifact reference fields search and upload.
    void setModel(SchemaFormModel *model, Connection *connection = nullptr);
    SchemaFormModel *model() const { return m_model; }

    SchemaFieldWidget *field(const QModelIndex &index) const;
    // Opens the groups around the field, scrolls to it and gives its editor focus.
    void focusField(const QModelIndex &index);
    int fieldCount() const { return int(m_fields.size()); }

private:
    SchemaFieldWidget *createField(const QModelIndex &index, QWidget *parent);
    void removeFields(const QModelIndex &index);
    void rebuild();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsMoved(const QModelIndex &parent, int start, int end, const QModelIndex &, int row);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void updateTabOrder();
    void scheduleTabOrder();

    QPointer<SchemaFormModel> m_model;
    QPointer<Connection> m_connection;
    QHash<const void *, SchemaFieldWidget *> m_fields; // by the node behind the index
    bool m_tabOrderPending = false;
};

} // namespace ivcap::ui
