#include "transferdelegate.h"

#include "transfer/transferqueuemodel.h"
#include "transfer/transferstate.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace ivcap::ui {

namespace {
constexpr int margin = 4;

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return QObject::tr("%n s left", nullptr, int(seconds));
    if (seconds < 3600)
        return QObject::tr("%n min left", nullptr, int((seconds + 30) / 60));
    return QObject::tr("%1 h %2 min left").arg(seconds / 3600).arg((seconds % 3600) / 60);
}
} // namespace

QString TransferDelegate::stateText(int state)
{
    switch (TransferState::State(state)) {
    case TransferState::Queued:
        return tr("Queued");
    case TransferState::Creating:
        return tr("Creating artifact");
    case TransferState::Uploading:
        return tr("Transferring");
    case TransferState::Paused:
        return tr("Paused");
    case TransferState::Verifying:
        return tr("Verifying");
    case TransferState::Done:
        return tr("Done");
    case TransferState::Failed:
        return tr("Failed");
    case TransferState::Cancelled:
        return tr("Cancelled");
    }
    return tr("Unknown");
}

QString TransferDelegate::progressText(const QModelIndex &index)
{
    const int state = index.data(TransferQueueModel::StateRole).toInt();
    if (state == TransferState::Failed)
        return index.data(TransferQueueModel::ErrorRole).toString();
    // A cancelled upload that leaves its artifact behind says so.
    if (state == TransferState::Cancelled &&
        !index.data(TransferQueueModel::ErrorRole).toString().isEmpty())
        return index.data(TransferQueueModel::ErrorRole).toString();
    const QLocale locale;
    const qint64 done = index.data(TransferQueueModel::ConfirmedBytesRole).toLongLong();
    const qint64 total = index.data(TransferQueueModel::SizeRole).toLongLong();
    QStringList parts;
    parts.append(
        total > 0
            ? tr("%1 of %2").arg(locale.formattedDataSize(done), locale.formattedDataSize(total))
            : locale.formattedDataSize(done));
    if (index.data(TransferQueueModel::RetryingRole).toBool()) {
        // No speed or ETA from before the connection was lost.
        parts.append(tr("connection lost, retrying…"));
    } else if (state == TransferState::Uploading) {
        const double speed = index.data(TransferQueueModel::SpeedRole).toDouble();
        if (speed > 0)
            parts.append(tr("%1/s").arg(locale.formattedDataSize(qint64(speed))));
        const qint64 eta = index.data(TransferQueueModel::EtaRole).toLongLong();
        if (eta >= 0)
            parts.append(duration(eta));
    }
    const int retries = index.data(TransferQueueModel::RetriesRole).toInt();
    if (retries > 0)
        parts.append(tr("%n retries", nullptr, retries));
    // An upload into a collection: whether it joined it (a failure keeps the upload).
    const QString collection = index.data(TransferQueueModel::CollectionRole).toString();
    switch (index.data(TransferQueueModel::MembershipRole).toInt()) {
    case TransferQueueModel::MembershipPending:
        parts.append(tr("adding to collection %1…").arg(collection));
        break;
    case TransferQueueModel::MembershipWritten:
        parts.append(tr("in collection %1").arg(collection));
        break;
    case TransferQueueModel::MembershipFailed:
        parts.append(
            tr("not added to collection %1 (Resume tries again): %2")
                .arg(collection, index.data(TransferQueueModel::MembershipErrorRole).toString()));
        break;
    default:
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

QSize TransferDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return QSize(300, 3 * line + 4 * margin + 6);
}

void TransferDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const int line = option.fontMetrics.height();
    const QRect area = option.rect.adjusted(margin, margin, -margin, -margin);
    const int state = index.data(TransferQueueModel::StateRole).toInt();
    const QString name = index.data(TransferQueueModel::NameRole).toString();
    const QString direction =
        index.data(TransferQueueModel::DirectionRole).toInt() == TransferQueueModel::Download
            ? tr("Download")
            : tr("Upload");

    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    const QString status = tr("%1 · %2").arg(direction, stateText(state));
    const int statusWidth = option.fontMetrics.horizontalAdvance(status) + 2 * margin;
    const QRect nameRect(area.left(), area.top(), area.width() - statusWidth, line);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideMiddle, nameRect.width()));
    painter->setFont(option.font);
    painter->drawText(QRect(area.right() - statusWidth, area.top(), statusWidth, line),
                      Qt::AlignRight | Qt::AlignVCenter, status);

    QStyleOptionProgressBar bar;
    bar.rect = QRect(area.left(), area.top() + line + margin, area.width(), line);
    bar.minimum = 0;
    bar.maximum = 1000;
    const qint64 total = index.data(TransferQueueModel::SizeRole).toLongLong();
    const qint64 done = index.data(TransferQueueModel::ConfirmedBytesRole).toLongLong();
    bar.progress = total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000)))
                             : (state == TransferState::Done ? 1000 : 0);
    bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
    bar.textVisible = false;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);

    const QRect detail(area.left(), area.top() + 2 * line + 2 * margin, area.width(), line);
    painter->drawText(
        detail, Qt::AlignLeft | Qt::AlignVCenter,
        option.fontMetrics.elidedText(progressText(index), Qt::ElideRight, detail.width()));
    painter->restore();
}

} // namespace ivcap::ui
