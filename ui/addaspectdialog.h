#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace ivcap::ui {

// "Add aspect…": asks which entity the new aspect describes. A wide, editable field that
// suggests the entities already in view (typing filters them), is prefilled from the current
// selection, and accepts only a URN (urn:NID:NSS, RFC 8141), saying why otherwise. Opened
// window-modal with open(); the owner reads entityId() on accepted().
class AddAspectDialog : public QDialog
{
    Q_OBJECT
public:
    // `prefill`: the entity to start with (may be empty); `suggestions`: entity ids to pick.
    AddAspectDialog(const QString &prefill, const QStringList &suggestions,
                    QWidget *parent = nullptr);

    // The entity, trimmed; empty while it is not a URN.
    QString entityId() const;
    QComboBox *entityField() const { return m_entity; }
    QPushButton *addButton() const { return m_add; }
    // Why the entity is not accepted; empty when it is.
    QString problem() const;

    // Whether `text` is a URN (urn:NID:NSS with a 2–32 character namespace id).
    static bool isUrn(const QString &text);

private:
    void validate();

    QComboBox *m_entity;
    QLabel *m_problem;
    QPushButton *m_add;
};

} // namespace ivcap::ui
