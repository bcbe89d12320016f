#pragma once

#include <QDateTime>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;

namespace ivcap::ui {

// The toolbar's query controls: a server-side filter field (debounced, so typing does not send
// a request per key) and an "as of" time picker that shows the deployment as it was.
class QueryBar : public QWidget
{
    Q_OBJECT
public:
    explicit QueryBar(QWidget *parent = nullptr);

    // Show a page's current query without emitting anything.
    void setFilter(const QString &filter);
    void setAtTime(const QDateTime &time);
    QString filter() const;
    // Invalid when showing the present.
    QDateTime atTime() const;
    QLineEdit *filterField() const { return m_filter; }
    void setDebounceInterval(int ms) { m_debounce.setInterval(ms); }

public Q_SLOTS:
    void focusFilter();
    // Moves the focus to the "as of" controls (the time, or the switch that enables it).
    void focusAtTime();

Q_SIGNALS:
    void filterChanged(const QString &filter);
    void atTimeChanged(const QDateTime &time);

private:
    void emitAtTime();

    QLineEdit *m_filter;
    QCheckBox *m_pastEnabled;
    QDateTimeEdit *m_atTime;
    QTimer m_debounce;
    QString m_lastEmitted;
};

} // namespace ivcap::ui
