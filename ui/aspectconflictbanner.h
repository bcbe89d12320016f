#pragma once

#include "api/apierror.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace ivcap {
class AspectDuplicates;
class Connection;
} // namespace ivcap

namespace ivcap::ui {

// What the aspect editor shows when an update answers 424 `not-unique`: the entity has more
// than one live aspect of the schema, so IVCAP cannot tell which one the update replaces. It
// says so in plain words, with how many there are, and offers a choice inline (no dialog, no
// nested event loop): retract the others and save, add the edit as a new aspect, or cancel.
// The edit itself stays in the editor and its draft whatever is chosen.
class AspectConflictBanner : public QFrame
{
    Q_OBJECT
public:
    explicit AspectConflictBanner(Connection *connection, QWidget *parent = nullptr);

    // Shows the banner for `entity` + `schema`, counting their live records; `keepId` is the
    // record being edited, which "Retract the others" keeps (it is then replaced by the save).
    void present(const QString &entity, const QString &schema, const QString &keepId);
    void dismiss();

    QLabel *messageLabel() const { return m_message; }
    QPushButton *retractOthersButton() const { return m_retractOthers; }
    QPushButton *addNewButton() const { return m_addNew; }
    QPushButton *cancelButton() const { return m_cancel; }
    // The live records found for the entity and schema (newest first).
    QStringList liveIds() const;

Q_SIGNALS:
    // The others are retracted: the editor can save (replace) again.
    void othersRetracted();
    // The user chose to keep every record and add the edit as a new one.
    void addNewRequested();
    void cancelled();

private:
    void showCount(int count);
    void onFailed(const ApiError &error);

    AspectDuplicates *m_duplicates;
    QLabel *m_message;
    QPushButton *m_retractOthers;
    QPushButton *m_addNew;
    QPushButton *m_cancel;
    QString m_keepId;
};

} // namespace ivcap::ui
