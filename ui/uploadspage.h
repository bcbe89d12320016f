#pragma once

#include <QWidget>

class QListView;
class QPushButton;

namespace ivcap {
class TransferQueueModel;
}

namespace ivcap::ui {

// The transfer queue: each upload and download with its progress, and controls for the
// selected item and for all. Files dropped here (or chosen with "Add files…") are queued.
class UploadsPage : public QWidget
{
    Q_OBJECT
public:
    UploadsPage(TransferQueueModel *queue, QWidget *parent = nullptr);

    QListView *list() const { return m_list; }

public Q_SLOTS:
    void chooseFiles();
    void addFiles(const QStringList &paths);

Q_SIGNALS:
    void artifactActivated(const QString &artifactId);
    // Paths that are not readable regular files (folders, remote URLs) and were not queued.
    void filesSkipped(const QStringList &paths);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

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
