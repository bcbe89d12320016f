#include "aspectsnapshotcommand.h"

namespace ivcap::ui {

namespace {
constexpr int TypingId = 0x4a53; // any constant shared by all typing commands
}

AspectSnapshotCommand::AspectSnapshotCommand(const QString &before, const QString &after,
                                             bool typing, Apply apply, const QString &description)
    : QUndoCommand(description), m_before(before), m_after(after), m_typing(typing),
      m_apply(std::move(apply))
{}

void AspectSnapshotCommand::undo()
{
    m_apply(m_before);
}

void AspectSnapshotCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    m_apply(m_after);
}

int AspectSnapshotCommand::id() const
{
    return m_typing ? TypingId : -1;
}

bool AspectSnapshotCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const AspectSnapshotCommand *>(other);
    if (!next->m_typing)
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace ivcap::ui
