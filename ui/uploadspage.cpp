#include "uploadspage.h"

#include "transfer/transferqueuemodel.h"
#include "transfer/transferstate.h"
#include "transferdelegate.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
QPushButton *button(const QString &text, const QString &accessibleName)
{
    auto *b = new QPushButton(text);
    b->setAccessibleName(accessibleName);
    return b;
}
} // namespace

UploadsPage::UploadsPage(TransferQueueModel *queue, QWidget *parent)
    : QWidget(parent), m_queue(queue), m_list(new QListView),
      m_pause(button(tr("&Pause"), tr("Pause the selected transfer"))),
      m_resume(button(tr("&Resume"), tr("Resume or retry the selected transfer"))),
      m_cancel(button(tr("&Cancel"), tr("Cancel the selected transfer")))
{
    m_list->setModel(queue);
    m_list->setItemDelegate(new TransferDelegate(m_list));
    m_list->setAccessibleName(tr("Transfers"));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *add = button(tr("&Add files…"), tr("Add files to upload"));
    add->setObjectName(QStringLiteral("addFilesButton"));
    // Ctrl+U is File ▸ Upload files…, which works from every page.
    add->setToolTip(tr("Choose files to upload (Ctrl+U), or drop them here"));
    auto *pauseAll = button(tr("Pause all"), tr("Pause all transfers"));
    auto *resumeAll = button(tr("Resume all"), tr("Resume all transfers"));
    auto *cancelAll = button(tr("Cancel all"), tr("Cancel all transfers"));
    auto *clearFinished =
        button(tr("C&lear finished"), tr("Remove finished, failed and cancelled transfers"));
    auto *hint =
        new QLabel(tr("Drop files or folders anywhere on this page to upload them as artifacts."));
    hint->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addSpacing(12);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(pauseAll);
    buttons->addWidget(resumeAll);
    buttons->addWidget(cancelAll);
    buttons->addWidget(clearFinished);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);

    connect(add, &QPushButton::clicked, this, &UploadsPage::chooseFiles);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_queue->pause(currentRow()); });
    connect(m_resume, &QPushButton::clicked, this, [this] { m_queue->resume(currentRow()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_queue->cancel(currentRow()); });
    connect(pauseAll, &QPushButton::clicked, m_queue, &TransferQueueModel::pauseAll);
    connect(resumeAll, &QPushButton::clicked, m_queue, &TransferQueueModel::resumeAll);
    connect(cancelAll, &QPushButton::clicked, m_queue, &TransferQueueModel::cancelAll);
    connect(clearFinished, &QPushButton::clicked, m_queue, &TransferQueueModel::clearFinished);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &UploadsPage::updateButtons);
    connect(m_queue, &QAbstractItemModel::dataChanged, this, &UploadsPage::updateButtons);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(TransferQueueModel::ArtifactIdRole).toString();
        if (!id.isEmpty() &&
            index.data(TransferQueueModel::StateRole).toInt() == TransferState::Done)
            Q_EMIT artifactActivated(id);
    });
    updateButtons();
}

int UploadsPage::currentRow() const
{
    return m_list->currentIndex().row();
}

void UploadsPage::updateButtons()
{
    const QModelIndex index = m_list->currentIndex();
    const int state = index.isValid() ? index.data(TransferQueueModel::StateRole).toInt() : -1;
    const bool active = index.isValid() && !TransferState::isFinal(TransferState::State(state));
    m_pause->setEnabled(active && state != TransferState::Paused);
    // A done upload whose collection membership failed: Resume writes the membership again.
    const bool membershipFailed =
        index.isValid() && index.data(TransferQueueModel::MembershipRole).toInt() ==
                               TransferQueueModel::MembershipFailed;
    m_resume->setEnabled(index.isValid() && (state == TransferState::Paused ||
                                             state == TransferState::Failed || membershipFailed));
    m_cancel->setEnabled(active);
}

void UploadsPage::chooseFiles()
{
    auto *dialog = new QFileDialog(this, tr("Upload files"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, &UploadsPage::filesChosen);
    dialog->open();
}

} // namespace ivcap::ui
