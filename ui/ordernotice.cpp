#include "ordernotice.h"

#include "orderstatusproxy.h"

#include <QCoreApplication>

namespace ivcap::ui {

OrderNotice OrderNotice::forOrder(const QString &serviceName, const QString &orderName,
                                  const QString &status)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("ivcap::ui::OrderNotice", text);
    };
    OrderNotice notice;
    const QString service = serviceName.isEmpty() ? tr("An order") : serviceName;
    notice.problem = status != QLatin1String("succeeded");
    notice.title =
        notice.problem ? tr("%1 did not succeed").arg(service) : tr("%1 finished").arg(service);
    const QString order = orderName.isEmpty() ? tr("Unnamed order") : tr("“%1”").arg(orderName);
    notice.message = notice.problem
                         ? tr("%1 ended: %2").arg(order, OrderStatusProxy::label(status))
                         : tr("%1 is done; its results are on the Orders page.").arg(order);
    return notice;
}

} // namespace ivcap::ui
