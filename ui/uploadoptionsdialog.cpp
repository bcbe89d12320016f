#include "uploadoptionsdialog.h"

#include "models/collectionlistmodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QUuid>

namespace ivcap::ui {

namespace {
enum Column { NameColumn, FileColumn, SizeColumn };

bool isUrnOrEmpty(const QString &text, const QString &kind)
{
    if (text.isEmpty())
        return true;
    static const QRegularExpression urn(QStringLiteral("^urn:[A-Za-z0-9][A-Za-z0-9-]*:\\S+$"));
    return urn.match(text).hasMatch() && (kind.isEmpty() || text.contains(kind));
}
} // namespace

UploadOptionsDialog::UploadOptionsDialog(const QStringList &files, QWidget *parent)
    : QDialog(parent), m_files(files), m_names(new QTableWidget(int(files.size()), 3)),
      m_collection(new QLineEdit), m_chooser(new QComboBox), m_policy(new QLineEdit)
{
    setWindowTitle(tr("Upload %n file(s)", nullptr, int(files.size())));
    m_names->setHorizontalHeaderLabels({tr("Artifact name"), tr("File"), tr("Size")});
    m_names->setAccessibleName(tr("Files to upload"));
    m_names->verticalHeader()->hide();
    m_names->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    const QLocale locale;
    for (int row = 0; row < files.size(); ++row) {
        const QFileInfo info(files.at(row));
        m_names->setItem(row, NameColumn, new QTableWidgetItem(info.fileName()));
        auto *file = new QTableWidgetItem(info.absoluteFilePath());
        file->setFlags(file->flags() & ~Qt::ItemIsEditable);
        m_names->setItem(row, FileColumn, file);
        auto *size = new QTableWidgetItem(locale.formattedDataSize(info.size()));
        size->setFlags(size->flags() & ~Qt::ItemIsEditable);
        m_names->setItem(row, SizeColumn, size);
    }
    m_collection->setPlaceholderText(tr("none (urn:ivcap:collection:…)"));
    m_collection->setAccessibleName(tr("Collection URN"));
    m_chooser->setAccessibleName(tr("Collection"));
    m_chooser->setToolTip(tr("Add the uploaded artifacts to an existing collection, or to a new "
                             "one whose URN you type"));
    fillChooser();
    m_policy->setPlaceholderText(tr("deployment default (urn:ivcap:policy:…)"));
    m_policy->setAccessibleName(tr("Policy"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Upload"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Start uploading"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *problem = new QLabel;
    problem->setObjectName(QStringLiteral("problem"));
    problem->setWordWrap(true);
    problem->hide();

    auto *layout = new QFormLayout(this);
    layout->addRow(m_names);
    auto *collectionRow = new QHBoxLayout;
    collectionRow->addWidget(m_chooser);
    collectionRow->addWidget(m_collection, 1);
    auto *collectionLabel = new QLabel(tr("&Collection:"));
    collectionLabel->setBuddy(m_chooser);
    layout->addRow(collectionLabel, collectionRow);
    layout->addRow(tr("&Policy:"), m_policy);
    layout->addRow(problem);
    layout->addRow(buttons);
    resize(640, 360);

    auto check = [this, buttons, problem] {
        QString why;
        if (!isUrnOrEmpty(m_collection->text().trimmed(), QString()))
            why = tr("The collection must be a URN, e.g. urn:ivcap:collection:…");
        else if (!isUrnOrEmpty(m_policy->text().trimmed(), QStringLiteral(":policy:")))
            why = tr("The policy must be a policy URN, e.g. urn:ivcap:policy:…");
        for (int row = 0; why.isEmpty() && row < m_names->rowCount(); ++row) {
            if (m_names->item(row, NameColumn)->text().trimmed().isEmpty())
                why = tr("Every file needs an artifact name.");
        }
        problem->setText(why);
        problem->setVisible(!why.isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    };
    connect(m_collection, &QLineEdit::textChanged, this, check);
    connect(m_collection, &QLineEdit::textChanged, this,
            &UploadOptionsDialog::followTypedCollection);
    connect(m_chooser, &QComboBox::activated, this, &UploadOptionsDialog::onChosen);
    connect(m_policy, &QLineEdit::textChanged, this, check);
    connect(m_names, &QTableWidget::itemChanged, this, check);
}

namespace {
const QString kNew = QStringLiteral("\x01new");
}

void UploadOptionsDialog::setCollections(CollectionListModel *collections)
{
    if (m_collections)
        m_collections->disconnect(this);
    m_collections = collections;
    if (collections) {
        connect(collections, &QAbstractItemModel::rowsInserted, this,
                &UploadOptionsDialog::fillChooser);
        connect(collections, &QAbstractItemModel::rowsRemoved, this,
                &UploadOptionsDialog::fillChooser);
        connect(collections, &QAbstractItemModel::rowsMoved, this,
                &UploadOptionsDialog::fillChooser);
        connect(collections, &QAbstractItemModel::dataChanged, this,
                &UploadOptionsDialog::fillChooser);
    }
    fillChooser();
}

void UploadOptionsDialog::fillChooser()
{
    const QSignalBlocker block(m_chooser);
    m_chooser->clear();
    m_chooser->addItem(tr("None"), QString());
    if (m_collections) {
        for (int row = 0; row < m_collections->rowCount(); ++row) {
            const QModelIndex index = m_collections->index(row);
            const QString urn = index.data(CollectionListModel::IdRole).toString();
            m_chooser->addItem(tr("%1 (%n artifact(s))", nullptr,
                                  index.data(CollectionListModel::MemberCountRole).toInt())
                                   .arg(index.data(Qt::DisplayRole).toString()),
                               urn);
            m_chooser->setItemData(m_chooser->count() - 1, urn, Qt::ToolTipRole);
        }
    }
    m_chooser->addItem(tr("New collection…"), kNew);
    followTypedCollection();
}

void UploadOptionsDialog::onChosen(int index)
{
    const QString data = m_chooser->itemData(index).toString();
    if (data == kNew) {
        // A new collection is named by its URN: offer a fresh one in the form the SDK gives
        // its collections, to keep or to type over.
        if (m_chooser->findData(m_collection->text().trimmed()) > 0 ||
            m_collection->text().trimmed().isEmpty())
            m_collection->setText(QStringLiteral("urn:ivcap:collection:") +
                                  QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_collection->setFocus();
        m_collection->selectAll();
        return;
    }
    m_collection->setText(data);
}

void UploadOptionsDialog::followTypedCollection()
{
    // The chooser names what the field holds: none, a known collection, or a new one.
    const QString text = m_collection->text().trimmed();
    int index = text.isEmpty() ? 0 : m_chooser->findData(text);
    if (index < 0)
        index = m_chooser->count() - 1;
    const QSignalBlocker block(m_chooser);
    m_chooser->setCurrentIndex(index);
}

UploadOptions UploadOptionsDialog::optionsFor(int index) const
{
    UploadOptions options;
    if (index < 0 || index >= m_names->rowCount())
        return options;
    options.name = m_names->item(index, NameColumn)->text().trimmed();
    options.collection = m_collection->text().trimmed();
    options.policy = m_policy->text().trimmed();
    return options;
}

} // namespace ivcap::ui
