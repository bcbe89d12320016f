#pragma once

#include <QPointer>
#include <QWidget>

class QFileDialog;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ivcap::ui {

// The Connections dialog's "CA file" row: the path of a PEM file of CA certificates trusted
// for the context's deployment (Context::caFile), typed or chosen with "Browse…", and below it
// what is wrong with it once check() found a problem (a file that does not exist, is
// unreadable or holds no PEM certificate). Typing clears that message; nothing typed is lost.
class CaFileField : public QWidget
{
    Q_OBJECT
public:
    explicit CaFileField(QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    QPushButton *browseButton() const { return m_browse; }
    // The file chooser while it is open (it is made by "Browse…"), else null.
    QFileDialog *fileDialog() const;

    // The path as an absolute one (CaFile::normalized); empty: no CA file.
    QString path() const;
    void setPath(const QString &path);
    // Checks the path (CaFile::problem) and shows what is wrong next to the field; true when
    // it is empty or usable.
    bool check();
    // The problem shown by the last check(), empty when none is shown.
    QString problemText() const;
    void clearProblem();

Q_SIGNALS:
    void pathChanged();

private:
    void browse();

    QLineEdit *m_edit;
    QPushButton *m_browse;
    QLabel *m_problem;
    QPointer<QFileDialog> m_dialog;
};

} // namespace ivcap::ui
