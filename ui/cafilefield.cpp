#include "cafilefield.h"

#include "auth/cafile.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ivcap::ui {

CaFileField::CaFileField(QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit), m_browse(new QPushButton(tr("&Browse…"))),
      m_problem(new QLabel)
{
    m_edit->setAccessibleName(tr("CA file"));
    m_edit->setPlaceholderText(tr("none: the system's certificate authorities"));
    m_edit->setToolTip(tr("A PEM file with the certificate of the authority that signed this "
                          "deployment's certificate, when it is not one the system trusts"));
    m_edit->setClearButtonEnabled(true);
    m_browse->setAccessibleName(tr("Browse for a CA file"));
    m_problem->setAccessibleName(tr("CA file problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_browse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_problem);
    setFocusProxy(m_edit);
    // The row label's mnemonic focuses its buddy (this widget) only when it takes focus.
    setFocusPolicy(m_edit->focusPolicy());

    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        // What was wrong with the old text says nothing about the new one.
        clearProblem();
        Q_EMIT pathChanged();
    });
    connect(m_browse, &QPushButton::clicked, this, &CaFileField::browse);
}

QFileDialog *CaFileField::fileDialog() const
{
    return m_dialog;
}

QString CaFileField::path() const
{
    return CaFile::normalized(m_edit->text());
}

void CaFileField::setPath(const QString &path)
{
    m_edit->setText(QDir::toNativeSeparators(path));
    clearProblem();
}

bool CaFileField::check()
{
    const QString problem = CaFile::problem(path());
    if (problem.isEmpty()) {
        clearProblem();
        return true;
    }
    // Said in words (not only by colour), and read out with the field.
    m_problem->setText(tr("⚠ %1").arg(problem));
    m_problem->show();
    m_edit->setAccessibleDescription(problem);
    return false;
}

QString CaFileField::problemText() const
{
    return m_edit->accessibleDescription();
}

void CaFileField::clearProblem()
{
    m_problem->clear();
    m_problem->hide();
    m_edit->setAccessibleDescription(QString());
}

void CaFileField::browse()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    const QString current = path();
    const QString start = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    m_dialog = new QFileDialog(this, tr("Choose the CA file"), start,
                               tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setFileMode(QFileDialog::ExistingFile);
    m_dialog->setAcceptMode(QFileDialog::AcceptOpen);
    if (!current.isEmpty())
        m_dialog->selectFile(current);
    connect(m_dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        setPath(file);
        check();
        m_edit->setFocus();
    });
    // Window-modal and asynchronous: the answer arrives through fileSelected.
    m_dialog->open();
}

} // namespace ivcap::ui
