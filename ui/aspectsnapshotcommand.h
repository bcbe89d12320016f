#pragma once

#include <QString>
#include <QUndoCommand>
#include <functional>

namespace ivcap::ui {

// One edit of an aspect, from either the tree or the text editor, recorded as the document
// text before and after. Snapshots (instead of one command per tree operation) let a single
// undo stack span both editors, including text that does not parse yet.
class AspectSnapshotCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QString &text)>;

    // `typing` commands merge with the next typing command, so undo steps over a burst of
    // keystrokes rather than single characters.
    AspectSnapshotCommand(const QString &before, const QString &after, bool typing, Apply apply,
                          const QString &description);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    QString m_before;
    QString m_after;
    bool m_typing;
    bool m_applied = true; // the edit already happened when the command is pushed
    Apply m_apply;
};

} // namespace ivcap::ui
