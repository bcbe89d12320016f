#pragma once

#include <QStyledItemDelegate>

namespace ivcap::ui {

// Paints one transfer from the queue model's roles: name and state on the first line, a
// progress bar, then bytes done/total, speed and ETA (or why it failed). The state is always
// written out, so colour is never the only signal.
class TransferDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString stateText(int state);
    // "12.5 MB of 1.0 GB · 21.3 MB/s · 45 s left", or the error of a failed item.
    static QString progressText(const QModelIndex &index);
};

} // namespace ivcap::ui
