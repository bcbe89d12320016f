#include "aspectconflictbanner.h"

#include "api/aspectduplicates.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ivcap::ui {

AspectConflictBanner::AspectConflictBanner(Connection *connection, QWidget *parent)
    : QFrame(parent), m_duplicates(new AspectDuplicates(connection, this)),
      m_message(new QLabel(this)),
      m_retractOthers(new QPushButton(tr("&Retract the others and save"), this)),
      m_addNew(new QPushButton(tr("Add as a &new aspect"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Update conflict"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Update conflict explanation"));
    m_retractOthers->setAccessibleName(tr("Retract the other aspects and save this one"));
    m_addNew->setAccessibleName(tr("Keep the other aspects and add this one as a new aspect"));
    m_cancel->setAccessibleName(tr("Cancel the update and keep editing"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retractOthers);
    buttons->addWidget(m_addNew);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    hide();

    connect(m_duplicates, &AspectDuplicates::found, this,
            [this](const QStringList &ids) { showCount(int(ids.size())); });
    connect(m_duplicates, &AspectDuplicates::retracted, this, [this] {
        hide();
        Q_EMIT othersRetracted();
    });
    connect(m_duplicates, &AspectDuplicates::failed, this, &AspectConflictBanner::onFailed);
    connect(m_retractOthers, &QPushButton::clicked, this, [this] {
        for (QPushButton *b : {m_retractOthers, m_addNew})
            b->setEnabled(false);
        m_message->setText(tr("Retracting the other aspects…"));
        m_duplicates->retractAllBut(m_keepId);
    });
    connect(m_addNew, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT addNewRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT cancelled();
    });
}

QStringList AspectConflictBanner::liveIds() const
{
    return m_duplicates->liveIds();
}

void AspectConflictBanner::present(const QString &entity, const QString &schema,
                                   const QString &keepId)
{
    m_keepId = keepId;
    m_message->setText(tr("More than one aspect with this schema is attached to this entity; "
                          "IVCAP cannot tell which one to replace. Counting them…"));
    for (QPushButton *b : {m_retractOthers, m_addNew})
        b->setEnabled(false);
    show();
    m_duplicates->find(entity, schema);
}

void AspectConflictBanner::dismiss()
{
    m_duplicates->cancel();
    hide();
}

void AspectConflictBanner::showCount(int count)
{
    // The record being edited may itself be retracted already (someone else replaced it), so
    // "the others" are all of them but it, whichever are live.
    const int others =
        int(m_duplicates->liveIds().size()) - (m_duplicates->liveIds().contains(m_keepId) ? 1 : 0);
    // A 424 means at least two; fewer when another client retracted some meanwhile.
    const QString what =
        count >= 2 ? tr("%1 aspects with this schema are attached to this entity; IVCAP cannot "
                        "tell which one to replace.")
                         .arg(count)
                   : tr("IVCAP could not tell which aspect with this schema to replace; %1 of "
                        "them are live now.")
                         .arg(count);
    m_message->setText(what + QLatin1Char(' ') +
                       tr("Retract the other ones (%1) and save this one, keep them all and add "
                          "this one as a new aspect, or cancel and keep editing.")
                           .arg(others));
    m_retractOthers->setEnabled(others > 0);
    m_addNew->setEnabled(true);
}

void AspectConflictBanner::onFailed(const ApiError &error)
{
    m_message->setText(tr("The update could not be resolved: %1").arg(error.message));
    m_retractOthers->setEnabled(false);
    m_addNew->setEnabled(true);
}

} // namespace ivcap::ui
