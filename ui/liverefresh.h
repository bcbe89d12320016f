#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWidget;

namespace ivcap {
class EntityListModel;
} // namespace ivcap

namespace ivcap::ui {

// Picks up changes made elsewhere (another user, the CLI, a service writing products): while
// the window is active, the list the user looks at is refreshed in place every interval, which
// keeps its selection and scroll position (EntityListModel::refresh never resets). Nothing is
// read while the window is hidden, minimised or in the background, for a list that is loading
// or failed (the user decides when to retry), or for a list "as of" a past time.
class LiveRefresh : public QObject
{
    Q_OBJECT
public:
    // `current` returns the visible list's model (or nullptr); `window` is the one to watch.
    LiveRefresh(QWidget *window, std::function<EntityListModel *()> current,
                QObject *parent = nullptr);

    int intervalMs() const { return m_timer.interval(); }
    // Default 30,000 ms; the environment variable IVCAP_LIVE_REFRESH_MS overrides it at start.
    void setIntervalMs(int ms) { m_timer.setInterval(qMax(100, ms)); }
    // Whether a refresh would happen now (the window is active and the list refreshable).
    bool wouldRefresh() const;

Q_SIGNALS:
    void refreshStarted(ivcap::EntityListModel *model);

private:
    void tick();

    QPointer<QWidget> m_window;
    std::function<EntityListModel *()> m_current;
    QTimer m_timer;
};

} // namespace ivcap::ui
