#pragma once

#include <QString>

namespace ivcap::ui {

// The words of the notice for an order that ended: "Gradient Text Image finished" with the
// order's name, rather than the order's URN and its raw status.
struct OrderNotice
{
    QString title;
    QString message;
    bool problem = false;

    // `serviceName` (or the service URN when it has none), the order's `orderName` (may be
    // empty) and its terminal `status` (succeeded, failed, error, or a value the app does not
    // know).
    static OrderNotice forOrder(const QString &serviceName, const QString &orderName,
                                const QString &status);
};

} // namespace ivcap::ui
