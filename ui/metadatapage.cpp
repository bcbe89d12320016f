#include "metadatapage.h"

#include "addaspectdialog.h"
#include "api/apicalls.h"
#include "api/aspectcalls.h"
#include "api/changenotifier.h"
#include "api/dialect.h"
#include "api/entitynames.h"
#include "aspecteditor.h"
#include "aspectsummaryproxy.h"
#include "entitytableview.h"
#include "errorbanner.h"
#include "metadatahistory.h"
#include "models/metadatalistmodel.h"

#include <QAbstractProxyModel>
#include <QCoreApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace ivcap::ui {

MetadataPage::MetadataPage(Connection *connection, MetadataListModel *model, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_model(model),
      m_view(new EntityTableView(tr("Aspects"), this)),
      m_editor(new AspectEditor(connection, this)),
      m_history(new MetadataHistory(connection, this)), m_historyView(new QTreeView(this)),
      m_entity(new QLineEdit(this)), m_schema(new QLineEdit(this)),
      m_aspectPath(new QLineEdit(this)), m_add(new QPushButton(tr("&Add aspect…"), this)),
      m_edit(new QPushButton(tr("&Edit"), this)), m_revoke(new QPushButton(tr("&Retract…"), this)),
      m_historyButton(new QPushButton(tr("&History"), this)), m_status(new QLabel(this))
{
    for (const QString &dir : schemaDirectories())
        m_registry.addDirectory(dir);
    m_editor->setSchemaRegistry(&m_registry);
    m_editor->setReadOnly(true);

    m_entity->setPlaceholderText(tr("urn:ivcap:artifact:…"));
    m_entity->setAccessibleName(tr("Entity"));
    m_schema->setPlaceholderText(tr("urn:example:schema:% (% is a wildcard)"));
    m_schema->setAccessibleName(tr("Schema prefix"));
    m_aspectPath->setPlaceholderText(tr("$.images[*] ? (@.size > 10000)"));
    m_aspectPath->setAccessibleName(tr("Content path"));
    m_entity->setText(model->entityId());
    m_schema->setText(model->schemaPrefix());
    m_aspectPath->setText(model->aspectPath());
    auto *searchButton = new QPushButton(tr("Searc&h"), this);
    searchButton->setAccessibleName(tr("Search aspects"));
    // One row of search fields, so the list keeps the page's height.
    auto *searchRow = new QHBoxLayout;
    const auto addField = [&](const QString &label, QLineEdit *field, int stretch) {
        auto *text = new QLabel(label, this);
        text->setBuddy(field);
        searchRow->addWidget(text);
        searchRow->addWidget(field, stretch);
    };
    addField(tr("E&ntity:"), m_entity, 3);
    addField(tr("S&chema:"), m_schema, 3);
    addField(tr("Content &path:"), m_aspectPath, 2);
    searchRow->addWidget(searchButton);

    // The list carries each aspect's content (include-content), so a row can show a summary of
    // it without reading the record.
    auto *summary = new AspectSummaryProxy(this);
    summary->setSourceModel(model);
    m_view->setModel(summary);
    m_view->setPlaceholder(tr("No aspects match."));
    QTableView *table = m_view->table();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // What a row says first: whose aspect, of which schema, and what it holds; the record id
    // comes last (it is also in "Copy id").
    QHeaderView *header = table->horizontalHeader();
    header->moveSection(header->visualIndex(MetadataListModel::RecordIdColumn),
                        MetadataListModel::ColumnCount - 1);
    header->setStretchLastSection(false);
    header->resizeSection(MetadataListModel::EntityColumn, 190);
    header->resizeSection(MetadataListModel::SchemaColumn, 220);
    header->resizeSection(MetadataListModel::AspectColumn, 320);
    header->resizeSection(MetadataListModel::RecordIdColumn, 150);

    m_add->setAccessibleName(tr("Add an aspect to an entity"));
    m_edit->setAccessibleName(tr("Edit the selected record"));
    m_revoke->setAccessibleName(tr("Retract the selected aspect"));
    m_historyButton->setAccessibleName(tr("Show earlier versions"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_edit, m_revoke, m_historyButton})
        buttons->addWidget(b);
    buttons->addStretch(1);

    m_historyView->setModel(m_history->model());
    m_historyView->setAccessibleName(tr("Earlier versions"));
    m_historyView->setRootIsDecorated(false);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->hide();
    m_status->setAccessibleName(tr("Aspects status"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(searchRow);
    leftLayout->addWidget(m_view, 3);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_status);
    leftLayout->addWidget(m_historyView, 1);
    // The list above the editor: a row needs the width for entity, schema and content.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(left);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    for (QLineEdit *field : {m_entity, m_schema, m_aspectPath})
        connect(field, &QLineEdit::returnPressed, this, &MetadataPage::search);
    connect(searchButton, &QPushButton::clicked, this, &MetadataPage::search);
    connect(m_add, &QPushButton::clicked, this, &MetadataPage::askForEntity);
    connect(m_edit, &QPushButton::clicked, this, &MetadataPage::editCurrent);
    connect(m_revoke, &QPushButton::clicked, this, &MetadataPage::revokeCurrent);
    connect(m_historyButton, &QPushButton::clicked, this, &MetadataPage::showHistory);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MetadataPage::onCurrentRowChanged);
    connect(m_model, &EntityListModel::pageLoaded, this, &MetadataPage::selectPending);
    connect(m_model, &EntityListModel::refreshed, this, &MetadataPage::selectPending);
    // Another deployment: the record in the editor belongs to the old one.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this, [this] {
        m_pendingSelect.clear();
        m_editor->clear();
        m_historyView->hide();
        m_status->hide();
        updateButtons();
    });
    connect(m_editor, &AspectEditor::stateChanged, this, &MetadataPage::updateButtons);
    // A draft means the user was editing: let them continue where they left off.
    connect(m_editor, &AspectEditor::recordLoaded, this, [this] {
        if (m_editor->hasDraft())
            m_editor->setReadOnly(false);
    });
    connect(m_editor, &AspectEditor::saved, this, [this](const QString &recordId) {
        // The list refreshes itself (the save was announced) and selects the record when it is in.
        m_pendingSelect = recordId;
        Q_EMIT metadataChanged(m_editor->entityId());
    });
    connect(m_historyView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(MetadataHistory::RecordIdRole).toString();
        m_editor->setReadOnly(true);
        m_editor->openRecord(id);
    });
    connect(m_history, &MetadataHistory::failed, this, [this](const QString &message) {
        m_status->setText(tr("Could not list earlier versions: %1").arg(message));
        m_status->show();
    });
    connect(connection, &Connection::apiVersionChanged, this, &MetadataPage::describeContentPath);
    describeContentPath();
    updateButtons();
}

void MetadataPage::describeContentPath()
{
    // Both dialects take the same PostgreSQL SQL/JSON path, under different names.
    const QString version = m_connection->apiVersion();
    m_aspectPath->setToolTip(
        m_connection->dialect().hasAspects()
            ? tr("A PostgreSQL SQL/JSON path over the aspect's content, sent as content-path; "
                 "only aspects it matches are listed.")
            : tr("A PostgreSQL SQL/JSON path over the aspect, sent as aspect-path, the name "
                 "IVCAP API %1 gives it; what it matches comes back as each record's context.")
                  .arg(version.isEmpty() ? QStringLiteral("0.28") : version));
}

QStringList MetadataPage::schemaDirectories()
{
    QStringList dirs =
        QStandardPaths::locateAll(QStandardPaths::AppDataLocation, QStringLiteral("schemas"),
                                  QStandardPaths::LocateDirectory);
    const QString shipped =
        QCoreApplication::applicationDirPath() + QLatin1String("/../share/ivcap-desktop/schemas");
    if (QDir(shipped).exists())
        dirs << QDir::cleanPath(shipped);
    return dirs;
}

QTableView *MetadataPage::table() const
{
    return m_view->table();
}

QString MetadataPage::currentRecordId() const
{
    const QModelIndex current = m_view->table()->currentIndex();
    if (current.isValid()) {
        const QModelIndex source = m_view->proxy()->mapToSource(current);
        const QString id = m_model->idAt(source.row());
        if (!id.isEmpty())
            return id;
    }
    return m_editor->recordId();
}

void MetadataPage::search()
{
    ListQuery query = m_model->query();
    query.entityId = m_entity->text().trimmed();
    query.schemaPrefix = m_schema->text().trimmed();
    query.aspectPath = m_aspectPath->text().trimmed();
    if (query == m_model->query())
        return;
    if (m_check)
        m_check->cancel();
    m_check = nullptr;
    if (query.aspectPath.isEmpty() || query.aspectPath == m_model->aspectPath()) {
        m_model->setQuery(query);
        return;
    }
    // A path the server rejects (400/422 with its reason) must not empty the list: ask for one
    // row first, and only a query the server accepts replaces the rows shown.
    ListQuery probe = query;
    probe.limit = 1;
    m_check = Api::listEntities(m_connection, m_model->recordKind(), probe, QString(), this);
    connect(m_check, &ApiRequest::finished, this, [this, query] {
        m_check = nullptr;
        m_view->errorBanner()->dismiss();
        m_model->setQuery(query);
    });
    connect(m_check, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_check = nullptr;
        m_view->errorBanner()->showError(tr("The search was not run: %1").arg(error.message),
                                         error.url.toString());
    });
    m_check->start();
}

void MetadataPage::showRecord(const QString &recordId)
{
    if (recordId.isEmpty())
        return;
    m_pendingSelect = recordId;
    selectPending();
    if (m_editor->recordId() != recordId) {
        m_editor->setReadOnly(true);
        m_editor->openRecord(recordId);
    }
}

void MetadataPage::selectPending()
{
    if (m_pendingSelect.isEmpty())
        return;
    const int row = m_model->rowOfId(m_pendingSelect);
    if (row < 0)
        return;
    const QModelIndex index = m_view->proxy()->mapFromSource(m_model->index(row, 0));
    QTableView *table = m_view->table();
    m_pendingSelect.clear();
    const QSignalBlocker block(table->selectionModel()); // the editor already shows it
    table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
    table->scrollTo(index);
    table->viewport()->update();
    updateButtons();
}

void MetadataPage::onCurrentRowChanged()
{
    const QString id = currentRecordId();
    if (!id.isEmpty() && id != m_editor->recordId()) {
        m_editor->setReadOnly(true);
        m_editor->openRecord(id);
    }
    updateButtons();
}

void MetadataPage::askForEntity()
{
    // Prefilled from the selection (the record in the editor), else the entity searched for.
    QString entity = m_editor->entityId();
    if (entity.isEmpty())
        entity = m_entity->text().trimmed();
    QStringList inView;
    for (int row = 0; row < m_model->rowCount(); ++row)
        inView.append(m_model->index(row, MetadataListModel::EntityColumn)
                          .data(EntityListModel::RawValueRole)
                          .toString());
    auto *dialog = new AddAspectDialog(entity, inView, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addAspectTo(dialog->entityId()); });
    dialog->open();
}

void MetadataPage::addAspectTo(const QString &entityId)
{
    if (entityId.isEmpty())
        return;
    // A schema typed without a wildcard is the likely schema of the new aspect.
    const QString schema = m_schema->text().trimmed();
    const QJsonObject initial{
        {QStringLiteral("$schema"), schema.contains(QLatin1Char('%')) ? QString() : schema}};
    m_editor->setReadOnly(false);
    m_editor->newAspect(entityId, initial);
    m_editor->textEdit()->setFocus();
}

void MetadataPage::editCurrent()
{
    const QString id = currentRecordId();
    if (!id.isEmpty() && id != m_editor->recordId())
        m_editor->openRecord(id);
    m_editor->setReadOnly(false);
    m_editor->textEdit()->setFocus();
}

void MetadataPage::revokeCurrent()
{
    const QString id = currentRecordId();
    if (id.isEmpty())
        return;
    if (m_revokeQuestion) {
        m_revokeQuestion->raise();
        return;
    }
    // Asked window-modally; the answer arrives as a signal (no nested event loop).
    auto *box = new QMessageBox(QMessageBox::Question, tr("Retract aspect"), revokePrompt(id),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setDetailedText(tr("Aspect record: %1").arg(id));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result == QMessageBox::Yes)
            revokeRecord(id);
    });
    m_revokeQuestion = box;
    box->open();
}

QString MetadataPage::revokePrompt(const QString &recordId) const
{
    // What the record says, by name: its schema and the entity it is about.
    QString entity;
    QString schema;
    const int row = m_model->rowOfId(recordId);
    if (row >= 0) {
        entity = m_model->index(row, MetadataListModel::EntityColumn)
                     .data(EntityListModel::RawValueRole)
                     .toString();
        schema = m_model->index(row, MetadataListModel::SchemaColumn).data().toString();
    } else if (recordId == m_editor->recordId()) {
        entity = m_editor->entityId();
        schema = m_editor->schema();
    }
    if (entity.isEmpty())
        return tr("Retract this aspect? It stays visible for earlier times but is no longer "
                  "current.");
    EntityNames *names = EntityNames::of(m_connection);
    const QString entityName = names ? names->displayName(entity) : entity;
    return tr("Retract the “%1” aspect of “%2”? It stays visible for earlier times but is no "
              "longer current.")
        .arg(schema.isEmpty() ? tr("unnamed") : schema, entityName);
}

void MetadataPage::revokeRecord(const QString &recordId)
{
    if (recordId.isEmpty() || m_revokeRequest)
        return;
    m_status->hide();
    const QString entity = recordId == m_editor->recordId() ? m_editor->entityId() : QString();
    m_revokeRequest = Api::retractAspect(m_connection, recordId, this);
    connect(m_revokeRequest, &ApiRequest::finished, this, [this, recordId, entity] {
        m_revokeRequest = nullptr;
        if (m_editor->recordId() == recordId)
            m_editor->openRecord(recordId);
        updateButtons();
        Q_EMIT metadataChanged(entity);
    });
    connect(m_revokeRequest, &ApiRequest::failed, this, [this](const ApiError &error) {
        m_revokeRequest = nullptr;
        m_status->setText(tr("Could not retract: %1").arg(error.message));
        m_status->show();
        updateButtons();
    });
    m_revokeRequest->start();
    updateButtons();
}

void MetadataPage::showHistory()
{
    const QString id = currentRecordId();
    if (id.isEmpty())
        return;
    m_historyView->show();
    m_history->start(id);
}

void MetadataPage::updateButtons()
{
    const bool hasRecord = !currentRecordId().isEmpty();
    m_edit->setEnabled(hasRecord && !m_editor->isRevoked());
    m_revoke->setEnabled(hasRecord && !m_revokeRequest &&
                         !(currentRecordId() == m_editor->recordId() && m_editor->isRevoked()));
    m_historyButton->setEnabled(hasRecord);
}

} // namespace ivcap::ui
