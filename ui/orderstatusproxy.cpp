#include "orderstatusproxy.h"

#include "models/orderlistmodel.h"

#include <QApplication>
#include <QHash>
#include <QLatin1String>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace ivcap::ui {

namespace {

enum class Shape { Hollow, Clock, Play, Check, Cross, Warning, Question };

struct StatusInfo
{
    QLatin1String status;
    const char *label;
    const char *description;
    Shape shape;
    QRgb colour; // 0: the palette's placeholder text colour
};

#define IVCAP_STATUS_TR(text) QT_TRANSLATE_NOOP("ivcap::ui::OrderStatusProxy", text)

// PROTOCOL.md §3.2; `unknown` and values the contract does not name have no entry.
constexpr StatusInfo statuses[] = {
    {QLatin1String("pending"), IVCAP_STATUS_TR("Pending"),
     IVCAP_STATUS_TR("Pending: the order was accepted and waits to be scheduled"), Shape::Hollow,
     0},
    {QLatin1String("scheduled"), IVCAP_STATUS_TR("Scheduled"),
     IVCAP_STATUS_TR("Scheduled: the order waits for the service to start"), Shape::Clock, 0},
    {QLatin1String("executing"), IVCAP_STATUS_TR("Executing"),
     IVCAP_STATUS_TR("Executing: the service is running"), Shape::Play, 0xff1f6fc5},
    {QLatin1String("succeeded"), IVCAP_STATUS_TR("Succeeded"),
     IVCAP_STATUS_TR("Succeeded: the order finished and its products are available"), Shape::Check,
     0xff2e7d32},
    {QLatin1String("failed"), IVCAP_STATUS_TR("Failed"),
     IVCAP_STATUS_TR("Failed: the service reported a failure"), Shape::Cross, 0xffc62828},
    {QLatin1String("error"), IVCAP_STATUS_TR("Error"),
     IVCAP_STATUS_TR("Error: the platform could not run the order"), Shape::Warning, 0xffb26a00},
};

#undef IVCAP_STATUS_TR

const StatusInfo *infoFor(const QString &status)
{
    for (const StatusInfo &info : statuses) {
        if (status == info.status)
            return &info;
    }
    return nullptr;
}

Shape shapeFor(const QString &status)
{
    const StatusInfo *info = infoFor(status);
    return info ? info->shape : Shape::Question;
}

// Each status has its own shape as well as its own colour, so the icons stay distinct for
// readers who cannot tell the colours apart and in greyscale.
QPixmap paintIcon(Shape shape, const QColor &colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const QRectF circle(s * 0.08, s * 0.08, s * 0.84, s * 0.84);
    QPen outline(colour, qMax(1.0, s / 10));
    QPen mark(Qt::white, qMax(1.5, s / 8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (shape) {
    case Shape::Hollow:
        p.setPen(outline);
        p.drawEllipse(circle.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05));
        break;
    case Shape::Clock:
        p.setPen(outline);
        p.drawEllipse(circle.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05));
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s / 2, s * 0.25));
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s * 0.7, s / 2));
        break;
    case Shape::Play: {
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(circle);
        QPainterPath triangle;
        triangle.moveTo(s * 0.4, s * 0.3);
        triangle.lineTo(s * 0.72, s * 0.5);
        triangle.lineTo(s * 0.4, s * 0.7);
        triangle.closeSubpath();
        p.setBrush(Qt::white);
        p.drawPath(triangle);
        break;
    }
    case Shape::Check:
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(circle);
        p.setPen(mark);
        p.drawPolyline(QPolygonF{{s * 0.3, s * 0.52}, {s * 0.45, s * 0.67}, {s * 0.72, s * 0.36}});
        break;
    case Shape::Cross:
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(circle);
        p.setPen(mark);
        p.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66));
        p.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66));
        break;
    case Shape::Warning: {
        QPainterPath triangle;
        triangle.moveTo(s / 2, s * 0.06);
        triangle.lineTo(s * 0.95, s * 0.92);
        triangle.lineTo(s * 0.05, s * 0.92);
        triangle.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPath(triangle);
        p.setPen(mark);
        p.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.6));
        p.drawPoint(QPointF(s / 2, s * 0.77));
        break;
    }
    case Shape::Question: {
        p.setPen(outline);
        p.drawEllipse(circle.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05));
        QFont font = QApplication::font();
        font.setPixelSize(qMax(6, int(s * 0.6)));
        font.setBold(true);
        p.setFont(font);
        p.drawText(QRectF(0, 0, s, s), Qt::AlignCenter, QStringLiteral("?"));
        break;
    }
    }
    return pixmap;
}

} // namespace

OrderStatusProxy::OrderStatusProxy(QObject *parent)
    : QIdentityProxyModel(parent), m_statusColumn(OrderListModel::StatusColumn)
{}

QVariant OrderStatusProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() != m_statusColumn)
        return QIdentityProxyModel::data(index, role);
    switch (role) {
    case Qt::DecorationRole:
    case Qt::ForegroundRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        break;
    default:
        return QIdentityProxyModel::data(index, role);
    }
    const QString status = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    switch (role) {
    case Qt::DecorationRole:
        return icon(status);
    case Qt::ForegroundRole:
        return colour(status);
    default:
        return description(status);
    }
}

QIcon OrderStatusProxy::icon(const QString &status)
{
    static QHash<QString, QIcon> cache;
    const QString key = shapeFor(status) == Shape::Question ? QString() : status;
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QIcon icon;
    for (int size : {16, 24, 32, 48})
        icon.addPixmap(paintIcon(shapeFor(status), colour(status), size));
    cache.insert(key, icon);
    return icon;
}

QString OrderStatusProxy::label(const QString &status)
{
    if (const StatusInfo *info = infoFor(status))
        return tr(info->label);
    return status.isEmpty() || status == QLatin1String("unknown") ? tr("Unknown") : status;
}

QString OrderStatusProxy::description(const QString &status)
{
    if (const StatusInfo *info = infoFor(status))
        return tr(info->description);
    return tr("Unknown status “%1”").arg(status);
}

QColor OrderStatusProxy::colour(const QString &status)
{
    const StatusInfo *info = infoFor(status);
    if (info && info->colour != 0)
        return QColor::fromRgb(info->colour);
    return QApplication::palette().color(QPalette::PlaceholderText);
}

} // namespace ivcap::ui
