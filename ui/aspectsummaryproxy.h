#pragma once

#include <QIdentityProxyModel>

class QJsonObject;

namespace ivcap::ui {

// Shows a metadata aspect as a one-line summary ("width: 640, height: 480, tags: […]") instead
// of raw compact JSON, which is hard to scan in a table. The full JSON is the tooltip.
class AspectSummaryProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit AspectSummaryProxy(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;

    // `$schema` is left out: the schema has its own column.
    static QString summary(const QJsonObject &aspect, int maxLength = 160);
};

} // namespace ivcap::ui
