#pragma once

#include "api/apirequest.h"
#include "schema/schemaregistry.h"

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;

class QPushButton;
class QTableView;
class QTreeView;

namespace ivcap {
class Connection;
class MetadataListModel;
} // namespace ivcap

namespace ivcap::ui {

class AspectEditor;
class EntityTableView;
class MetadataHistory;

// The Aspects page (IVCAP's datafabric; v0.28's metadata records through the same model):
// search by entity, schema prefix and content path (v0.28's aspect-path; the toolbar supplies
// filter and the "As of" at-time), each row with a summary of its content, show the selected
// aspect in the aspect editor, add an aspect to an entity, edit, retract, and list every
// version of the aspect, retracted ones included. A content path the server rejects shows its
// message in the page's error banner and leaves the rows as they were.
class MetadataPage : public QWidget
{
    Q_OBJECT
public:
    MetadataPage(Connection *connection, MetadataListModel *model, QWidget *parent = nullptr);

    MetadataListModel *model() const { return m_model; }
    AspectEditor *editor() const { return m_editor; }
    MetadataHistory *history() const { return m_history; }
    // Schemas for validation; loaded from the standard locations (see schemaDirectories()).
    SchemaRegistry *schemaRegistry() { return &m_registry; }
    QTableView *table() const;
    QTreeView *historyView() const { return m_historyView; }
    QLineEdit *entityField() const { return m_entity; }
    QLineEdit *schemaField() const { return m_schema; }
    QLineEdit *aspectPathField() const { return m_aspectPath; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *revokeButton() const { return m_revoke; }
    QPushButton *historyButton() const { return m_historyButton; }
    QLabel *statusLabel() const { return m_status; }
    // The record selected in the table, or else the one in the editor.
    QString currentRecordId() const;

    // `schemas` under the application data directories and next to the executable
    // (../share/ivcap-desktop/schemas).
    static QStringList schemaDirectories();

public Q_SLOTS:
    // Shows the record in the editor and selects it in the table when it is loaded.
    void showRecord(const QString &recordId);
    // Starts a new aspect for the entity in the editor.
    void addAspectTo(const QString &entityId);
    // Applies the search fields to the model (a new content path after the server accepted it).
    void search();
    // Asks for confirmation, then revokes the current record.
    void revokeCurrent();
    // Revokes without asking (the confirmation is revokeCurrent's).
    void revokeRecord(const QString &recordId);
    void showHistory();
    void editCurrent();

public:
    // The question revokeCurrent() asks: the record's schema and its entity by name.
    QString revokePrompt(const QString &recordId) const;
    // The open revoke question, if any.
    QMessageBox *revokeQuestion() const { return m_revokeQuestion; }

Q_SIGNALS:
    // A record of `entityId` was added, replaced or revoked; detail panels may reload.
    void metadataChanged(const QString &entityId);

private:
    void askForEntity();
    void onCurrentRowChanged();
    void selectPending();
    void updateButtons();
    void describeContentPath();

    Connection *m_connection;
    MetadataListModel *m_model;
    SchemaRegistry m_registry;
    EntityTableView *m_view;
    AspectEditor *m_editor;
    MetadataHistory *m_history;
    QTreeView *m_historyView;
    QLineEdit *m_entity;
    QLineEdit *m_schema;
    QLineEdit *m_aspectPath;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_revoke;
    QPushButton *m_historyButton;
    QLabel *m_status;
    QString m_pendingSelect;
    QPointer<ApiRequest> m_revokeRequest;
    QPointer<ApiRequest> m_check; // a content path tried before the list takes it
    QPointer<QMessageBox> m_revokeQuestion;
};

} // namespace ivcap::ui
