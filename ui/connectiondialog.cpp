#include "connectiondialog.h"

#include "api/baseurl.h"
#include "api/connection.h"
#include "apiversionfield.h"
#include "auth/authsession.h"
#include "auth/cliconfigimporter.h"
#include "auth/connectiontester.h"
#include "auth/contextstore.h"
#include "auth/deviceauthflow.h"
#include "auth/identity.h"
#include "auth/tokenstore.h"
#include "cafilefield.h"
#include "devicesigninwidget.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
QPushButton *button(const QString &text, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setAccessibleName(QString(text).remove(QLatin1Char('&')));
    return b;
}

QLineEdit *field(const QString &accessibleName, const QString &placeholder = QString())
{
    auto *edit = new QLineEdit;
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    return edit;
}
} // namespace

ConnectionDialog::ConnectionDialog(ContextStore *store, AuthSession *session, QWidget *parent)
    : QDialog(parent), m_store(store), m_session(session), m_tokens(session->tokenStore()),
      m_cliConfigPath(CliConfigImporter::defaultPath()), m_list(new QListWidget),
      m_name(field(tr("Context name"))),
      m_url(field(tr("Deployment URL"), QStringLiteral("https://develop.ivcap.net"))),
      m_account(field(tr("Account id"), QStringLiteral("urn:ivcap:account:…"))),
      m_host(field(tr("Host header override"), tr("only for SSH tunnels"))),
      m_allowHttp(new QCheckBox(tr("Send the token over &unencrypted http to this host"))),
      m_api(new ApiVersionField), m_caFile(new CaFileField), m_identity(new QLabel),
      m_persistence(new QLabel), m_status(new QLabel), m_save(button(tr("&Save"), this)),
      m_remove(button(tr("&Remove"), this)), m_activate(button(tr("&Use this context"), this)),
      m_test(button(tr("&Test connection"), this)), m_signIn(button(tr("Sign &in…"), this)),
      m_signOut(button(tr("Sign &out"), this))
{
    setWindowTitle(tr("Connections"));
    m_list->setAccessibleName(tr("Contexts"));
    m_allowHttp->setAccessibleName(tr("Allow unencrypted http"));
    for (QLabel *label : {m_identity, m_persistence, m_status}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_identity->setAccessibleName(tr("Signed-in user"));
    m_status->setAccessibleName(tr("Connection status"));
    auto *add = button(tr("&Add"), this);
    auto *import = button(tr("Import from the &CLI"), this);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listButtons->addWidget(import);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("A&ccount:"), m_account);
    form->addRow(tr("&Host header:"), m_host);
    form->addRow(tr("&API version:"), m_api);
    form->addRow(tr("CA &file:"), m_caFile);
    form->addRow(m_allowHttp);
    auto *actions = new QHBoxLayout;
    for (QPushButton *b : {m_save, m_activate, m_test, m_signIn, m_signOut})
        actions->addWidget(b);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(actions);
    right->addWidget(m_identity);
    right->addWidget(m_persistence);
    right->addWidget(m_status);
    right->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(close);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::showSelected);
    connect(add, &QPushButton::clicked, this, [this] {
        m_list->setCurrentRow(-1);
        for (QLineEdit *edit : {m_name, m_url, m_account, m_host})
            edit->clear();
        m_api->setPin(QString());
        m_caFile->setPath(QString());
        m_name->setFocus();
        updateButtons();
    });
    connect(import, &QPushButton::clicked, this, &ConnectionDialog::importFromCli);
    connect(m_save, &QPushButton::clicked, this, &ConnectionDialog::saveEdited);
    connect(m_remove, &QPushButton::clicked, this, &ConnectionDialog::removeSelected);
    connect(m_activate, &QPushButton::clicked, this, &ConnectionDialog::activateSelected);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_signIn, &QPushButton::clicked, this, &ConnectionDialog::signIn);
    connect(m_signOut, &QPushButton::clicked, this, &ConnectionDialog::signOut);
    for (QLineEdit *edit : {m_name, m_url, m_account, m_host})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    connect(m_allowHttp, &QCheckBox::toggled, this, &ConnectionDialog::updateButtons);
    connect(m_api, &ApiVersionField::pinChanged, this, &ConnectionDialog::updateApiVersion);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::updateApiVersion);
    if (Connection *inUse = m_session->connection()) {
        connect(inUse, &Connection::apiVersionChanged, this, &ConnectionDialog::updateApiVersion);
        connect(inUse, &Connection::apiDetectionFinished, this,
                &ConnectionDialog::updateApiVersion);
    }
    connect(m_tokens, &TokenStore::loaded, this, &ConnectionDialog::updateIdentity);
    connect(m_session, &AuthSession::tokensChanged, this, &ConnectionDialog::updateIdentity);

    reloadList(m_store->activeName());
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::reloadList(const QString &select)
{
    QSignalBlocker blocker(m_list);
    m_list->clear();
    const QString active = m_store->activeName();
    for (const Context &context : m_store->contexts()) {
        auto *item = new QListWidgetItem(context.name, m_list);
        item->setData(Qt::UserRole, context.name);
        if (context.name == active) {
            item->setText(tr("%1 (in use)").arg(context.name));
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    }
    blocker.unblock();
    selectContext(select);
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
    showSelected();
}

QString ConnectionDialog::selectedName() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ConnectionDialog::selectContext(const QString &name)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(row);
    }
}

void ConnectionDialog::showSelected()
{
    const auto context = m_store->find(selectedName());
    m_name->setText(context ? context->name : QString());
    m_url->setText(context ? context->url.toString() : QString());
    m_account->setText(context ? context->accountId : QString());
    m_host->setText(context ? context->hostOverride : QString());
    // Saved insecure contexts were confirmed when they were saved.
    m_allowHttp->setChecked(context && context->isInsecure());
    m_api->setPin(context ? context->apiVersion : QString());
    m_caFile->setPath(context ? context->caFile : QString());
    if (context && m_tokens->cached(context->name).isEmpty())
        m_tokens->load(context->name);
    updateIdentity();
    updateButtons();
    updateApiVersion();
}

Context ConnectionDialog::editedContext() const
{
    Context context;
    if (const auto saved = m_store->find(selectedName()))
        context = *saved;
    context.name = m_name->text().trimmed();
    context.url = BaseUrl::fromUserText(m_url->text());
    context.accountId = m_account->text().trimmed();
    context.hostOverride = m_host->text().trimmed();
    context.apiVersion = m_api->pin();
    context.caFile = m_caFile->path();
    return context;
}

void ConnectionDialog::updateButtons()
{
    const Context context = editedContext();
    const bool insecure = context.isValid() && context.isInsecure();
    m_allowHttp->setVisible(insecure);
    // Plain http beyond this machine only when the user has said so.
    const bool usable = context.isValid() && (!insecure || m_allowHttp->isChecked());
    const bool saved = m_store->contains(selectedName());
    m_save->setEnabled(usable);
    m_remove->setEnabled(saved);
    m_activate->setEnabled(saved && usable);
    m_test->setEnabled(usable && !m_tester);
    m_signIn->setEnabled(saved && usable && !m_flow);
    m_signOut->setEnabled(saved && !tokensOf(selectedName()).isEmpty());
    const std::optional<Context> selected = m_store->find(selectedName());
    if (selected && selected->fromCli)
        m_persistence->setText(tr("Imported from the IVCAP CLI: its sign-ins and renewed tokens "
                                  "are written back to the CLI's configuration (%1), so the "
                                  "ivcap command stays signed in too.")
                                   .arg(QDir::toNativeSeparators(m_cliConfigPath)));
    else if (!m_tokens->isPersistent())
        m_persistence->setText(tr("No keychain is available: tokens are kept for this session "
                                  "only and you will have to sign in again next time."));
    else
        m_persistence->clear();
}

AuthTokens ConnectionDialog::tokensOf(const QString &name) const
{
    if (!name.isEmpty() && m_session->context().name == name)
        return m_session->tokens();
    return m_tokens->cached(name);
}

void ConnectionDialog::updateIdentity()
{
    const AuthTokens tokens = tokensOf(selectedName());
    if (tokens.accessToken.isEmpty()) {
        m_identity->setText(tr("Not signed in."));
    } else {
        const Identity who = Identity::fromIdToken(tokens.idToken);
        const QString name = who.isEmpty() ? tr("an unknown user")
                             : who.email.isEmpty()
                                 ? who.displayName()
                                 : tr("%1 <%2>").arg(who.displayName(), who.email);
        m_identity->setText(tokens.expiry.isValid()
                                ? tr("Signed in as %1; the token expires %2.")
                                      .arg(name, QLocale().toString(tokens.expiry.toLocalTime(),
                                                                    QLocale::ShortFormat))
                                : tr("Signed in as %1.").arg(name));
    }
    updateButtons();
}

void ConnectionDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString ConnectionDialog::statusText() const
{
    return m_status->text();
}

QString ConnectionDialog::identityText() const
{
    return m_identity->text();
}

QString ConnectionDialog::apiVersionText() const
{
    return m_api->text();
}

QString ConnectionDialog::detectedVersion(const QUrl &url) const
{
    const Connection *inUse = m_session->connection();
    // The connection in use knows its deployment's version best, and follows it live.
    if (inUse && url.isValid() && inUse->isSameOrigin(url) &&
        inUse->baseUrl().path() == url.path() && inUse->isDialectKnown() &&
        !inUse->apiVersion().isEmpty() && m_session->context().apiVersion.isEmpty())
        return inUse->apiVersion();
    return m_detected.value(url.toString());
}

void ConnectionDialog::updateApiVersion()
{
    const QUrl url = editedContext().url;
    m_api->setDetected(detectedVersion(url), url.isValid() && !url.host().isEmpty());
}

void ConnectionDialog::importFromCli()
{
    CliConfigImporter importer;
    if (!importer.load(m_cliConfigPath)) {
        setStatus(importer.errorString());
        return;
    }
    for (const CliContext &c : importer.contexts()) {
        Context context = c.context;
        // The CLI knows no CA file: the one chosen here stays.
        if (const auto saved = m_store->find(context.name))
            context.caFile = saved->caFile;
        m_store->save(context);
        if (!c.tokens.isEmpty())
            m_tokens->store(c.context.name, c.tokens);
    }
    setStatus(
        tr("Imported %n context(s) from the IVCAP CLI.", nullptr, int(importer.contexts().size())));
    reloadList(importer.activeContext());
}

bool ConnectionDialog::saveEdited()
{
    const Context context = editedContext();
    if (!m_save->isEnabled() || !context.isValid())
        return false;
    if (!m_caFile->check()) {
        setStatus(tr("“%1” was not saved: %2").arg(context.name, m_caFile->problemText()));
        m_caFile->setFocus();
        return false;
    }
    const QString previousName = selectedName();
    m_store->save(context, previousName);
    // The connection in use trusts the new CA file from its next request on.
    Connection *inUse = m_session->connection();
    if (inUse && !previousName.isEmpty() && m_session->context().name == previousName)
        inUse->setCaFile(context.caFile);
    setStatus(tr("Saved “%1”.").arg(context.name));
    reloadList(context.name);
    return true;
}

void ConnectionDialog::removeSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    m_store->remove(name);
    m_tokens->remove(name);
    setStatus(tr("Removed “%1”.").arg(name));
    reloadList();
}

void ConnectionDialog::activateSelected()
{
    if (!saveEdited())
        return;
    const Context context = editedContext();
    m_store->setActiveName(context.name);
    AuthTokens tokens = tokensOf(context.name);
    // The CLI keeps the tokens of its contexts current; take them from there.
    if (context.fromCli) {
        CliConfigImporter importer;
        if (importer.load(m_cliConfigPath)) {
            if (const auto fromCli = importer.find(context.name))
                tokens = fromCli->tokens;
        }
    }
    reloadList(context.name);
    Q_EMIT contextActivated(context, tokens);
}

Connection *ConnectionDialog::probeConnection(const Context &context)
{
    delete m_probe;
    m_probe = new Connection(context.url, tokensOf(context.name).accessToken, this);
    m_probe->setHostOverride(context.hostOverride);
    m_probe->setTimeoutMs(15000);
    m_probe->setApiVersion(context.apiVersion);
    m_probe->setCaFile(context.caFile);
    return m_probe;
}

void ConnectionDialog::testConnection()
{
    if (m_tester)
        return;
    const Context context = editedContext();
    if (!m_caFile->check()) {
        setStatus(tr("Not tested: %1").arg(m_caFile->problemText()));
        m_caFile->setFocus();
        Q_EMIT testFinished(false);
        return;
    }
    m_tester = new ConnectionTester(probeConnection(context), this);
    const QString url = context.url.toString();
    connect(m_tester, &ConnectionTester::finished, this,
            [this, url](bool ok, const QString &summary) {
                // What the test found stays known for this deployment while the dialog is open.
                if (m_probe && m_probe->isDialectKnown() && !m_probe->apiVersion().isEmpty())
                    m_detected.insert(url, m_probe->apiVersion());
                updateApiVersion();
                setStatus(!ok && m_tester->certificateRejected()
                              ? summary + QLatin1Char(' ') + certificateHint()
                              : summary);
                m_tester->deleteLater();
                m_tester = nullptr;
                updateButtons();
                Q_EMIT testFinished(ok);
            });
    setStatus(tr("Testing %1…").arg(context.url.toString()));
    m_tester->start();
    updateButtons();
}

QString ConnectionDialog::certificateHint()
{
    return tr("If the deployment has its own certificate authority, choose that authority's "
              "certificate as the CA file above (or name it in SSL_CERT_FILE before starting "
              "the app), then test again.");
}

void ConnectionDialog::signIn()
{
    if (m_flow)
        return;
    m_signInContext = editedContext();
    m_flow = new DeviceAuthFlow(probeConnection(m_signInContext), this);
    delete m_signInWidget;
    m_signInWidget = new DeviceSignInWidget(m_flow, this);
    layout()->addWidget(m_signInWidget);
    connect(m_signInWidget, &DeviceSignInWidget::cancelRequested, this, [this] {
        m_flow->cancel();
        m_flow->deleteLater();
        m_flow = nullptr;
        removeSignInWidget();
        updateButtons();
    });
    connect(m_flow, &DeviceAuthFlow::succeeded, this, &ConnectionDialog::finishSignIn);
    connect(m_flow, &DeviceAuthFlow::failed, this, [this](const QString &message) {
        setStatus(message);
        m_flow->deleteLater();
        m_flow = nullptr;
        updateButtons();
    });
    m_flow->start(m_signInContext.url, m_signInContext.hostOverride);
    updateButtons();
}

void ConnectionDialog::finishSignIn(const AuthTokens &tokens)
{
    const Context context = m_signInContext;
    Context signedInAs = context;
    // The ID token names the account when the context does not.
    if (signedInAs.accountId.isEmpty()) {
        signedInAs.accountId = Identity::fromIdToken(tokens.idToken).accountId;
        if (!signedInAs.accountId.isEmpty())
            m_store->save(signedInAs);
    }
    QString error;
    if (m_session->context().name == context.name) {
        m_session->setTokens(tokens);
    } else {
        m_tokens->store(context.name, tokens);
        if (context.fromCli)
            CliConfigImporter::writeBackTokens(m_cliConfigPath, context.name, tokens, &error);
    }
    m_flow->deleteLater();
    m_flow = nullptr;
    // Done: the code and QR code are of no further use.
    removeSignInWidget();
    setStatus(error.isEmpty() ? tr("Signed in to “%1”.").arg(context.name)
                              : tr("Signed in to “%1”, but the CLI's configuration was not "
                                   "updated: %2")
                                    .arg(context.name, error));
    reloadList(context.name);
    Q_EMIT signedIn(signedInAs, tokens);
}

void ConnectionDialog::signOut()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    if (m_session->context().name == name)
        m_session->signOut();
    m_tokens->remove(name);
    setStatus(tr("Signed out of “%1”.").arg(name));
    updateIdentity();
}

void ConnectionDialog::removeSignInWidget()
{
    if (!m_signInWidget)
        return;
    m_signInWidget->hide();
    m_signInWidget->deleteLater();
    m_signInWidget = nullptr;
    adjustSize();
}

} // namespace ivcap::ui
