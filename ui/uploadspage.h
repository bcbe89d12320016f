#pragma once

#include <QWidget>

class QListView;
class QPushButton;

namespace ivcap {
class TransferQueueModel;
}

namespace ivcap::ui {

// The transfer queue: each upload and download with its progress, and controls for the
// selected item and for all. Dropped files reach the main window, which handles drops for
// every page alike.
class UploadsPage : public QWidget
{
    Q_OBJECT
public:
    UploadsPage(TransferQueueModel *queue, QWidget *parent = nullptr);

    QListView *list() const { return m_list; }

public Q_SLOTS:
    void chooseFiles();

Q_SIGNALS:
    void artifactActivated(const QString &artifactId);
    // Files picked with "Add files…"; the owner asks for their options and queues them.
    void filesChosen(const QStringList &paths);

private:
    int currentRow() const;
    void updateButtons();

    TransferQueueModel *m_queue;
    QListView *m_list;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
};

} // namespace ivcap::ui
