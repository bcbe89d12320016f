#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace ivcap {
class TransferQueueModel;
}

namespace ivcap::ui {

// The status bar's compact view of the transfer queue: one bar for all active transfers and a
// line such as "2 uploads · 45 %". Hidden while nothing moves. Emits batchFinished() when the
// last active transfer of a batch ends, with how many were done and how many failed.
class TransferSummary : public QWidget
{
    Q_OBJECT
public:
    explicit TransferSummary(TransferQueueModel *queue, QWidget *parent = nullptr);

    int activeCount() const { return m_active; }
    QString text() const;

Q_SIGNALS:
    void batchFinished(int done, int failed);
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void update();

    TransferQueueModel *m_queue;
    QProgressBar *m_bar;
    QLabel *m_label;
    int m_active = 0;
    // Rows that were active during the current batch, to report how it ended.
    QList<QPersistentModelIndex> m_batch;
};

} // namespace ivcap::ui
