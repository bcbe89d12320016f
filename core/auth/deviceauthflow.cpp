#include "deviceauthflow.h"

#include "api/connection.h"
#include "tokenresponse.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace ivcap {

namespace {
constexpr qint64 maxReplyBytes = 1024 * 1024;
} // namespace

DeviceAuthFlow::DeviceAuthFlow(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network), m_pollTimer(new QTimer(this))
{
    qRegisterMetaType<ivcap::AuthTokens>();
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &DeviceAuthFlow::poll);
}

DeviceAuthFlow::~DeviceAuthFlow()
{
    dropReply();
}

void DeviceAuthFlow::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void DeviceAuthFlow::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void DeviceAuthFlow::cancel()
{
    m_pollTimer->stop();
    dropReply();
    setState(State::Idle);
}

void DeviceAuthFlow::fail(Failure failure, const QString &message)
{
    m_pollTimer->stop();
    dropReply();
    m_failure = failure;
    m_error = message;
    setState(State::Failed);
    Q_EMIT failed(message);
}

void DeviceAuthFlow::start(const QUrl &baseUrl, const QString &hostOverride)
{
    cancel();
    m_failure = Failure::None;
    m_error.clear();
    QUrl url = baseUrl.adjusted(QUrl::StripTrailingSlash);
    url.setPath(url.path() + QStringLiteral("/1/authinfo.yaml"));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30000);
    if (!hostOverride.isEmpty())
        request.setRawHeader("Host", hostOverride.toUtf8());
    setState(State::Discovering);
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, [this] {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            fail(Failure::Discovery, tr("Cannot read the deployment's sign-in description: %1")
                                         .arg(reply->errorString()));
            return;
        }
        QString error;
        const auto provider = AuthProvider::fromAuthInfo(reply->read(maxReplyBytes), &error);
        if (!provider) {
            fail(Failure::Discovery, error);
            return;
        }
        startWithProvider(*provider);
    });
}

void DeviceAuthFlow::startWithProvider(const AuthProvider &provider)
{
    m_pollTimer->stop();
    dropReply();
    m_provider = provider;
    m_polls = 0;
    m_tokens = {};
    m_failure = Failure::None;
    m_error.clear();
    requestCode();
}

QNetworkReply *DeviceAuthFlow::postForm(const QUrl &url,
                                        const QList<QPair<QString, QString>> &fields)
{
    return m_network->post(TokenResponse::formRequest(url),
                           Connection::encodeQuery(fields).toLatin1());
}

void DeviceAuthFlow::requestCode()
{
    setState(State::RequestingCode);
    m_reply =
        postForm(m_provider.codeUrl,
                 {{QStringLiteral("client_id"), m_provider.clientId},
                  {QStringLiteral("scope"), QStringLiteral("openid profile email offline_access")},
                  {QStringLiteral("audience"), m_provider.audience}});
    connect(m_reply, &QNetworkReply::finished, this, &DeviceAuthFlow::onCodeReply);
}

void DeviceAuthFlow::onCodeReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->read(maxReplyBytes);
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (reply->error() != QNetworkReply::NoError || object.isEmpty()) {
        const QString oauthError = object.value(QLatin1String("error")).toString();
        fail(reply->error() == QNetworkReply::NoError ? Failure::Protocol : Failure::Network,
             tr("The identity provider refused to start a sign-in: %1")
                 .arg(oauthError.isEmpty() ? reply->errorString() : oauthError));
        return;
    }
    m_deviceCode = object.value(QLatin1String("device_code")).toString();
    m_userCode = object.value(QLatin1String("user_code")).toString();
    m_verificationUrl = QUrl(object.value(QLatin1String("verification_uri")).toString());
    m_verificationUrlComplete =
        QUrl(object.value(QLatin1String("verification_uri_complete")).toString());
    if (m_verificationUrlComplete.isEmpty())
        m_verificationUrlComplete = m_verificationUrl;
    const int expiresIn = object.value(QLatin1String("expires_in")).toInt(600);
    m_codeExpiry = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    m_intervalMs = qMax(1, object.value(QLatin1String("interval")).toInt(5)) * 1000;
    if (m_deviceCode.isEmpty() || m_userCode.isEmpty() || m_verificationUrl.isEmpty()) {
        fail(Failure::Protocol, tr("The identity provider's answer lacks a device code, a user "
                                   "code or a verification URL."));
        return;
    }
    setState(State::WaitingForUser);
    Q_EMIT codeReady(m_verificationUrl, m_userCode);
    Q_EMIT intervalChanged(m_intervalMs);
    m_pollTimer->start(m_intervalMs);
}

void DeviceAuthFlow::poll()
{
    if (QDateTime::currentDateTimeUtc() >= m_codeExpiry) {
        fail(Failure::Expired, tr("The sign-in code expired before it was confirmed."));
        return;
    }
    ++m_polls;
    m_reply = postForm(m_provider.tokenUrl,
                       {{QStringLiteral("grant_type"),
                         QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                        {QStringLiteral("device_code"), m_deviceCode},
                        {QStringLiteral("client_id"), m_provider.clientId}});
    connect(m_reply, &QNetworkReply::finished, this, &DeviceAuthFlow::onPollReply);
}

void DeviceAuthFlow::onPollReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->read(maxReplyBytes);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const TokenResponse response = TokenResponse::parse(body, QDateTime::currentDateTimeUtc());
    if (status == 0) {
        fail(Failure::Network,
             tr("Cannot reach the identity provider: %1").arg(reply->errorString()));
        return;
    }
    if (response.isSuccess()) {
        m_tokens = response.tokens;
        setState(State::Succeeded);
        Q_EMIT succeeded(m_tokens);
        return;
    }
    const QString &error = response.error;
    if (error == QLatin1String("authorization_pending")) {
        m_pollTimer->start(m_intervalMs);
    } else if (error == QLatin1String("slow_down")) {
        m_intervalMs += SlowDownStepMs;
        Q_EMIT intervalChanged(m_intervalMs);
        m_pollTimer->start(m_intervalMs);
    } else if (error == QLatin1String("expired_token")) {
        fail(Failure::Expired, tr("The sign-in code expired before it was confirmed."));
    } else if (error == QLatin1String("access_denied")) {
        fail(Failure::Denied, tr("The sign-in was denied."));
    } else {
        fail(Failure::Protocol,
             tr("The identity provider refused the sign-in (HTTP %1 %2)").arg(status).arg(error));
    }
}

} // namespace ivcap
