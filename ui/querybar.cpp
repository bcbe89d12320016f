#include "querybar.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>

namespace ivcap::ui {

QueryBar::QueryBar(QWidget *parent)
    : QWidget(parent), m_filter(new QLineEdit), m_pastEnabled(new QCheckBox(tr("As of"))),
      m_atTime(new QDateTimeEdit)
{
    m_filter->setPlaceholderText(tr("Filter, e.g. name ~= 'Gradient%'  (Ctrl+F)"));
    m_filter->setToolTip(
        tr("Server-side filter of the current view (IVCAP filter syntax, % is the wildcard: "
           "name ~= 'rain%', status = 'ready')"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(260);
    m_pastEnabled->setToolTip(tr("Show the deployment as it was at the chosen time"));
    m_pastEnabled->setAccessibleName(tr("Show the deployment at a past time"));
    m_atTime->setCalendarPopup(true);
    m_atTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_atTime->setDateTime(QDateTime::currentDateTime());
    m_atTime->setEnabled(false);
    m_atTime->setAccessibleName(tr("As-of time"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter, 1);
    layout->addWidget(m_pastEnabled);
    layout->addWidget(m_atTime);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(m_filter, &QLineEdit::textEdited, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        m_lastEmitted = filter();
        Q_EMIT filterChanged(m_lastEmitted);
    });
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        if (filter() == m_lastEmitted)
            return;
        m_lastEmitted = filter();
        Q_EMIT filterChanged(m_lastEmitted);
    });
    // The clear button does not emit textEdited.
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_lastEmitted.isEmpty())
            m_debounce.start();
    });
    connect(m_pastEnabled, &QCheckBox::toggled, this, [this](bool on) {
        // Turning "As of" on starts from now, not from whenever the app was started: the user
        // moves back from the present.
        if (on) {
            const QSignalBlocker block(m_atTime);
            m_atTime->setDateTime(QDateTime::currentDateTime());
        }
        m_atTime->setEnabled(on);
        emitAtTime();
    });
    connect(m_atTime, &QDateTimeEdit::editingFinished, this, &QueryBar::emitAtTime);
}

void QueryBar::setFilter(const QString &filter)
{
    m_debounce.stop();
    const QSignalBlocker block(m_filter);
    m_filter->setText(filter);
    m_lastEmitted = filter;
}

void QueryBar::setAtTime(const QDateTime &time)
{
    const QSignalBlocker blockBox(m_pastEnabled);
    const QSignalBlocker blockEdit(m_atTime);
    m_pastEnabled->setChecked(time.isValid());
    m_atTime->setEnabled(time.isValid());
    if (time.isValid())
        m_atTime->setDateTime(time.toLocalTime());
}

QString QueryBar::filter() const
{
    return m_filter->text().trimmed();
}

QDateTime QueryBar::atTime() const
{
    return m_pastEnabled->isChecked() ? m_atTime->dateTime() : QDateTime();
}

void QueryBar::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void QueryBar::emitAtTime()
{
    Q_EMIT atTimeChanged(atTime());
}

void QueryBar::focusAtTime()
{
    QWidget *target = m_atTime->isEnabled() ? static_cast<QWidget *>(m_atTime) : m_pastEnabled;
    target->setFocus(Qt::ShortcutFocusReason);
}

} // namespace ivcap::ui
