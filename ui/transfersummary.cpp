#include "transfersummary.h"

#include "transfer/transferqueuemodel.h"
#include "transfer/transferstate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>

namespace ivcap::ui {

TransferSummary::TransferSummary(TransferQueueModel *queue, QWidget *parent)
    : QWidget(parent), m_queue(queue), m_bar(new QProgressBar), m_label(new QLabel)
{
    setAccessibleName(tr("Transfers"));
    setToolTip(tr("Click to open the Uploads view"));
    m_bar->setRange(0, 1000);
    m_bar->setMaximumWidth(120);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Overall transfer progress"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    connect(queue, &QAbstractItemModel::dataChanged, this, &TransferSummary::update);
    connect(queue, &QAbstractItemModel::rowsInserted, this, &TransferSummary::update);
    connect(queue, &QAbstractItemModel::rowsRemoved, this, &TransferSummary::update);
    connect(queue, &QAbstractItemModel::modelReset, this, &TransferSummary::update);
    update();
}

QString TransferSummary::text() const
{
    return m_label->text();
}

void TransferSummary::update()
{
    qint64 done = 0;
    qint64 total = 0;
    int active = 0;
    for (int row = 0; row < m_queue->rowCount(); ++row) {
        const QModelIndex index = m_queue->index(row, 0);
        const auto state = TransferState::State(index.data(TransferQueueModel::StateRole).toInt());
        if (TransferState::isFinal(state) || state == TransferState::Paused)
            continue;
        ++active;
        done += index.data(TransferQueueModel::ConfirmedBytesRole).toLongLong();
        total += qMax<qint64>(0, index.data(TransferQueueModel::SizeRole).toLongLong());
        const QPersistentModelIndex persistent(index);
        if (!m_batch.contains(persistent))
            m_batch.append(persistent);
    }
    m_active = active;
    const int permille = total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000))) : 0;
    m_bar->setValue(permille);
    m_label->setText(active ? tr("%n transfer(s) · %1 %", nullptr, active).arg(permille / 10)
                            : QString());
    setVisible(active > 0);
    if (active == 0 && !m_batch.isEmpty()) {
        int finished = 0;
        int failed = 0;
        for (const QPersistentModelIndex &index : std::as_const(m_batch)) {
            if (!index.isValid())
                continue;
            const int state = index.data(TransferQueueModel::StateRole).toInt();
            if (state == TransferState::Done)
                ++finished;
            else if (state == TransferState::Failed)
                ++failed;
        }
        m_batch.clear();
        if (finished + failed > 0)
            Q_EMIT batchFinished(finished, failed);
    }
}

void TransferSummary::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

} // namespace ivcap::ui
