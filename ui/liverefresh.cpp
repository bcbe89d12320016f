#include "liverefresh.h"

#include "models/entitylistmodel.h"

#include <QWidget>

namespace ivcap::ui {

LiveRefresh::LiveRefresh(QWidget *window, std::function<EntityListModel *()> current,
                         QObject *parent)
    : QObject(parent), m_window(window), m_current(std::move(current))
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("IVCAP_LIVE_REFRESH_MS", &ok);
    setIntervalMs(ok && fromEnv > 0 ? fromEnv : 30000);
    connect(&m_timer, &QTimer::timeout, this, &LiveRefresh::tick);
    m_timer.start();
}

bool LiveRefresh::wouldRefresh() const
{
    if (!m_window || !m_window->isVisible() || m_window->isMinimized() ||
        !m_window->isActiveWindow())
        return false;
    const EntityListModel *model = m_current ? m_current() : nullptr;
    return model && model->connection() && !model->isLoading() && !model->lastError().isError() &&
           !model->atTime().isValid();
}

void LiveRefresh::tick()
{
    if (!wouldRefresh())
        return;
    EntityListModel *model = m_current();
    model->refresh();
    Q_EMIT refreshStarted(model);
}

} // namespace ivcap::ui
