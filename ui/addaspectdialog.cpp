#include "addaspectdialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ivcap::ui {

AddAspectDialog::AddAspectDialog(const QString &prefill, const QStringList &suggestions,
                                 QWidget *parent)
    : QDialog(parent), m_entity(new QComboBox), m_problem(new QLabel)
{
    setWindowTitle(tr("Add aspect"));
    setObjectName(QStringLiteral("addAspectDialog"));
    auto *intro = new QLabel(tr("Which entity does the new aspect describe? Pick one of the "
                                "entities in view or paste its URN, for example "
                                "<tt>urn:ivcap:artifact:…</tt>."));
    intro->setWordWrap(true);

    m_entity->setEditable(true);
    m_entity->setInsertPolicy(QComboBox::NoInsert);
    m_entity->setAccessibleName(tr("Entity URN"));
    m_entity->setObjectName(QStringLiteral("entityField"));
    QStringList unique = suggestions;
    unique.removeAll(QString());
    unique.removeDuplicates();
    m_entity->addItems(unique);
    m_entity->setEditText(prefill);
    m_entity->lineEdit()->setPlaceholderText(QStringLiteral("urn:ivcap:artifact:…"));
    m_entity->lineEdit()->setClearButtonEnabled(true);
    // URNs are long: room for a whole one, so nothing is hidden while checking it.
    m_entity->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 64);
    m_entity->completer()->setFilterMode(Qt::MatchContains);
    m_entity->completer()->setCaseSensitivity(Qt::CaseInsensitive);

    m_problem->setObjectName(QStringLiteral("entityProblem"));
    m_problem->setAccessibleName(tr("Entity problem"));
    m_problem->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_add = buttons->button(QDialogButtonBox::Ok);
    m_add->setText(tr("&Add aspect"));
    m_add->setAccessibleName(tr("Add the aspect"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!entityId().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_entity, &QComboBox::editTextChanged, this, &AddAspectDialog::validate);

    auto *form = new QFormLayout;
    form->addRow(tr("&Entity:"), m_entity);
    form->addRow(QString(), m_problem);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    validate();
}

bool AddAspectDialog::isUrn(const QString &text)
{
    static const QRegularExpression urn(
        QStringLiteral("^urn:[a-z0-9][a-z0-9-]{0,30}[a-z0-9]:\\S+$"),
        QRegularExpression::CaseInsensitiveOption);
    return urn.match(text).hasMatch();
}

QString AddAspectDialog::entityId() const
{
    const QString text = m_entity->currentText().trimmed();
    return isUrn(text) ? text : QString();
}

QString AddAspectDialog::problem() const
{
    return m_problem->text();
}

void AddAspectDialog::validate()
{
    const QString text = m_entity->currentText().trimmed();
    QString problem;
    if (text.isEmpty())
        problem = tr("Enter the entity's URN.");
    else if (!isUrn(text))
        problem =
            tr("“%1” is not a URN: it should look like urn:ivcap:artifact:….").arg(text.left(80));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty() && !text.isEmpty());
    m_add->setEnabled(problem.isEmpty());
}

} // namespace ivcap::ui
