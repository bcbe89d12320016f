#include "artifactchooser.h"

#include "entitytableview.h"
#include "models/artifactlistmodel.h"

#include <QAbstractProxyModel>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ivcap::ui {

ArtifactChooser::ArtifactChooser(Connection *connection, QWidget *parent)
    : QDialog(parent), m_model(new ArtifactListModel(this)),
      m_view(new EntityTableView(tr("Artifacts to choose from"))), m_search(new QLineEdit),
      m_debounce(new QTimer(this))
{
    setWindowTitle(tr("Choose an Artifact"));
    m_search->setPlaceholderText(tr("Search by name"));
    m_search->setAccessibleName(tr("Search artifacts by name"));
    m_search->setClearButtonEnabled(true);
    m_view->setModel(m_model);
    m_view->setPlaceholder(tr("No artifacts yet."));
    QTableView *table = m_view->table();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("C&hoose"));
    ok->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(720, 420);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &ArtifactChooser::applySearch);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, ok] { ok->setEnabled(!currentArtifactId().isEmpty()); });
    connect(table, &QTableView::activated, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::accepted, this, [this] {
        const QString id = currentArtifactId();
        if (!id.isEmpty())
            Q_EMIT artifactChosen(id);
    });
    m_model->setPageSize(50);
    m_model->setConnection(connection);
}

QString ArtifactChooser::currentArtifactId() const
{
    const QModelIndex current = m_view->table()->currentIndex();
    return current.isValid() ? current.data(EntityListModel::IdRole).toString() : QString();
}

void ArtifactChooser::applySearch()
{
    // The filter grammar has no escapes: quote with whichever quote the text does not contain.
    QString needle = m_search->text().trimmed();
    needle.remove(QLatin1Char('%'));
    const QChar quote = needle.contains(QLatin1Char('\'')) ? QLatin1Char('"') : QLatin1Char('\'');
    needle.remove(quote);
    m_model->setFilter(needle.isEmpty() ? QString()
                                        : QStringLiteral("name ~= %1%%2%%1").arg(quote, needle));
}

} // namespace ivcap::ui
