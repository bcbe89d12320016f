#include "entitytableview.h"

#include "errorbanner.h"
#include "models/entitylistmodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ivcap::ui {

EntityTableView::EntityTableView(const QString &accessibleName, QWidget *parent)
    : QWidget(parent), m_table(new QTableView), m_proxy(new QIdentityProxyModel(this)),
      m_placeholder(new QLabel), m_banner(new ErrorBanner), m_asOf(new QLabel)
{
    m_table->setAccessibleName(accessibleName);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    // The view calls the model's sort(), which the identity proxy passes on to the entity
    // model: the server sorts. Rows start in the server's default order.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &EntityTableView::onSortIndicatorChanged);
    m_table->setAlternatingRowColors(true);
    // One line per row: long descriptions and URNs are elided, and the full text is a tooltip.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setDefaultSectionSize(200);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setModel(m_proxy);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EntityTableView::reportChoice);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EntityTableView::reportChoice);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EntityTableView::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &EntityTableView::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EntityTableView::updatePlaceholder);
    // Names are shown where there are names; the URN of a row is one click (or key) away.
    m_copyId = new QAction(tr("Copy id (URN)"), m_table);
    m_copyId->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyId->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyId, &QAction::triggered, this, [this] {
        const QString id = m_table->currentIndex().data(EntityListModel::IdRole).toString();
        if (!id.isEmpty())
            QGuiApplication::clipboard()->setText(id);
    });
    m_table->addAction(m_copyId);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAccessibleName(tr("List status"));
    m_placeholder->hide();
    m_asOf->setWordWrap(true);
    m_asOf->setAccessibleName(tr("As of"));
    m_asOf->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_asOf);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_table);
}

void EntityTableView::setModel(QAbstractItemModel *model)
{
    m_proxy->setSourceModel(model);
    if (EntityListModel *entities = entityModel()) {
        connect(entities, &EntityListModel::loadingChanged, this,
                &EntityTableView::updatePlaceholder);
        connect(entities, &EntityListModel::queryChanged, this, &EntityTableView::showServerOrder);
        connect(entities, &EntityListModel::queryChanged, this, &EntityTableView::showAsOf);
        connect(entities, &EntityListModel::queryChanged, this,
                &EntityTableView::updatePlaceholder);
        connect(entities, &EntityListModel::errorOccurred, this, &EntityTableView::showError);
        connect(entities, &EntityListModel::loadingChanged, this, [this, entities](bool loading) {
            // The cause is gone once the list loads again.
            if (!loading && !entities->lastError().isError())
                m_banner->dismiss();
        });
    }
    showAsOf();
    showServerOrder();
    updatePlaceholder();
}

void EntityTableView::reportChoice()
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = selection->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent()))
        Q_EMIT rowChosen(current);
}

EntityListModel *EntityTableView::entityModel() const
{
    QAbstractItemModel *model = m_proxy->sourceModel();
    while (auto *proxy = qobject_cast<QAbstractProxyModel *>(model))
        model = proxy->sourceModel();
    return qobject_cast<EntityListModel *>(model);
}

void EntityTableView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The window restores saved header states once it is shown, after this event: a saved
    // indicator must not claim an order the server is not giving.
    QTimer::singleShot(0, this, &EntityTableView::showServerOrder);
}

void EntityTableView::onSortIndicatorChanged(int section)
{
    // A click on a column the server cannot sort by (or a restored header state that names
    // one) leaves the list as it is: put the indicator back where the server's order is.
    const EntityListModel *entities = entityModel();
    if (entities && section >= 0 && entities->orderField(section).isEmpty())
        showServerOrder();
}

void EntityTableView::showServerOrder()
{
    const EntityListModel *entities = entityModel();
    if (!entities)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    const QSignalBlocker block(header); // showing the order is not a request to sort
    header->setSortIndicator(entities->sortColumn(),
                             entities->orderDesc() ? Qt::DescendingOrder : Qt::AscendingOrder);
    header->setSortIndicatorShown(entities->sortColumn() >= 0);
    header->viewport()->update();
}

void EntityTableView::setPlaceholder(const QString &text)
{
    m_emptyText = text;
    updatePlaceholder();
}

void EntityTableView::updatePlaceholder()
{
    // The placeholder describes an empty list; it must never sit above rows, and never claim
    // "nothing here" when the list failed or when a filter or a past time hides everything.
    const EntityListModel *entities = entityModel();
    const bool empty = m_proxy->rowCount() == 0;
    QString text = m_emptyText;
    if (entities && entities->isLoading()) {
        text = tr("Loading…");
    } else if (entities && entities->lastError().isError()) {
        text = entities->lastError().kind == ApiError::Kind::Unauthorized
                   ? tr("The deployment did not accept the credentials, so this list is not "
                        "shown. Sign in again to see it.")
                   : tr("This list could not be loaded: %1").arg(entities->lastError().message);
    } else if (entities && !entities->filter().isEmpty()) {
        text = tr("Nothing matches the filter “%1”.").arg(entities->filter());
    } else if (entities && entities->atTime().isValid()) {
        text = tr("Nothing to show as of %1. Clear “As of” to see the present.")
                   .arg(QLocale().toString(entities->atTime().toLocalTime(), QLocale::ShortFormat));
    }
    m_placeholder->setText(text);
    m_placeholder->setVisible(empty && !text.isEmpty());
}

void EntityTableView::showError(const ApiError &error)
{
    // A 401 is the whole window's business (the window's banner offers to sign in again); here
    // the placeholder says why the list is empty.
    if (error.kind != ApiError::Kind::Unauthorized)
        m_banner->showApiError(error);
    updatePlaceholder();
}

void EntityTableView::showAsOf()
{
    // A past time is a view of history: say so on the page, not only in the toolbar.
    const EntityListModel *entities = entityModel();
    const bool past = entities && entities->atTime().isValid();
    m_asOf->setText(
        past ? tr("Showing the deployment as of %1.")
                   .arg(QLocale().toString(entities->atTime().toLocalTime(), QLocale::ShortFormat))
             : QString());
    m_asOf->setVisible(past);
}

} // namespace ivcap::ui
