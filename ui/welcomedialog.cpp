#include "welcomedialog.h"

#include "api/baseurl.h"

#include <QCheckBox>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
const QString dontShowKey = QStringLiteral("welcome/dontShowAgain");
const QString choiceKey = QStringLiteral("welcome/choice");

// Stored by name rather than number so that reordering the enum cannot change a saved choice.
QString choiceName(WelcomeDialog::Choice choice)
{
    return QString::fromLatin1(
        QMetaEnum::fromType<WelcomeDialog::Choice>().valueToKey(int(choice)));
}
} // namespace

WelcomeDialog::WelcomeDialog(QSettings *settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_url(new QLineEdit), m_token(new QLineEdit),
      m_connect(new QPushButton(tr("&Connect"))),
      m_dontShowAgain(new QCheckBox(tr("&Don't show this again")))
{
    if (!m_settings) {
        m_settings = new QSettings;
        m_ownsSettings = true;
    }
    setWindowTitle(tr("Welcome to IVCAP Desktop"));
    setObjectName(QStringLiteral("welcomeDialog"));

    auto *intro = new QLabel(
        tr("<h3>Welcome to IVCAP Desktop</h3>"
           "<p>IVCAP Desktop browses the services of an IVCAP deployment, requests jobs from "
           "them and follows them to their results (orders, on older deployments), and "
           "uploads your files as artifacts. Connect it to the deployment you use, or try it "
           "first on a sandbox that runs on this computer.</p>"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    auto *sandbox = new QCommandLinkButton(
        tr("Try the built-in sandbox"),
        tr("Runs a private IVCAP deployment with demo services on this computer. Nothing is "
           "sent over the network."));
    sandbox->setObjectName(QStringLiteral("sandboxButton"));
    sandbox->setAccessibleName(tr("Try the built-in sandbox"));
    connect(sandbox, &QPushButton::clicked, this, [this] { choose(Choice::Sandbox); });

    auto *import = new QCommandLinkButton(
        tr("Import the IVCAP CLI's contexts"),
        tr("Uses the deployments and sign-ins you already set up with the ivcap command-line "
           "tool."));
    import->setObjectName(QStringLiteral("importButton"));
    import->setAccessibleName(tr("Import the IVCAP CLI's contexts"));
    connect(import, &QPushButton::clicked, this, [this] { choose(Choice::Import); });

    auto *deployment = new QGroupBox(tr("Connect to a deployment"));
    auto *connectHelp = new QLabel(tr("The address of your IVCAP deployment and an access token "
                                      "(for example from <tt>ivcap context get "
                                      "access-token</tt>)."));
    connectHelp->setWordWrap(true);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://ivcap.example.org"));
    m_url->setAccessibleName(tr("Deployment address"));
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Access token"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setAccessibleName(tr("Connect to the deployment"));
    m_connect->setEnabled(false);
    connect(m_url, &QLineEdit::textChanged, this, &WelcomeDialog::updateConnectButton);
    connect(m_token, &QLineEdit::textChanged, this, &WelcomeDialog::updateConnectButton);
    connect(m_connect, &QPushButton::clicked, this, [this] { choose(Choice::Connect); });
    // The help label sits outside the form: a word-wrapped row inside a QFormLayout gets too
    // little height and is cut off.
    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_url);
    form->addRow(tr("Access &token:"), m_token);
    auto *deploymentLayout = new QVBoxLayout(deployment);
    deploymentLayout->addWidget(connectHelp);
    deploymentLayout->addLayout(form);
    deploymentLayout->addWidget(m_connect, 0, Qt::AlignRight);

    m_dontShowAgain->setObjectName(QStringLiteral("dontShowAgain"));
    m_dontShowAgain->setAccessibleName(tr("Don't show this welcome again"));
    m_dontShowAgain->setChecked(!shouldShow(*m_settings));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(deployment);
    layout->addWidget(import);
    layout->addWidget(sandbox);
    layout->addWidget(m_dontShowAgain);
    layout->addWidget(buttons);
    // Enter in the address or token fields should connect, not close the dialog.
    m_connect->setAutoDefault(true);
    m_connect->setDefault(true);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
}

WelcomeDialog::~WelcomeDialog()
{
    if (m_ownsSettings)
        delete m_settings;
}

bool WelcomeDialog::shouldShow(const QSettings &settings)
{
    return !settings.value(dontShowKey, false).toBool();
}

WelcomeDialog::Choice WelcomeDialog::rememberedChoice(const QSettings &settings)
{
    bool ok = false;
    const int value = QMetaEnum::fromType<Choice>().keyToValue(
        settings.value(choiceKey).toString().toLatin1().constData(), &ok);
    return ok ? Choice(value) : Choice::None;
}

void WelcomeDialog::done(int result)
{
    // Closing without a choice still honours the checkbox: the user may only want it gone.
    m_settings->setValue(dontShowKey, m_dontShowAgain->isChecked());
    if (m_choice != Choice::None)
        m_settings->setValue(choiceKey, choiceName(m_choice));
    m_settings->sync();
    QDialog::done(result);
}

QUrl WelcomeDialog::deploymentUrl() const
{
    return BaseUrl::fromUserText(m_url->text());
}

void WelcomeDialog::updateConnectButton()
{
    m_connect->setEnabled(deploymentUrl().isValid() && !m_token->text().trimmed().isEmpty());
}

void WelcomeDialog::choose(Choice choice)
{
    const QUrl url = deploymentUrl();
    const QString token = m_token->text().trimmed();
    m_choice = choice;
    // Accept first so the choice is saved before anyone reacts to it.
    accept();
    switch (choice) {
    case Choice::Sandbox:
        Q_EMIT sandboxChosen();
        break;
    case Choice::Connect:
        Q_EMIT connectChosen(url, token);
        break;
    case Choice::Import:
        Q_EMIT importChosen();
        break;
    case Choice::None:
        break;
    }
}

} // namespace ivcap::ui
