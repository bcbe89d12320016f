#include "deviceauthflow.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "net/curlrequest.h"
#include "tokenresponse.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace ivcap {

namespace {
// Why an exchange failed, for a message: the transport's reason, or the status.
QString problemOf(const net::CurlRequest &request, const QByteArray &body)
{
    return ApiError::fromCurl(request, request.url(), body).toString();
}
} // namespace

DeviceAuthFlow::DeviceAuthFlow(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection), m_pollTimer(new QTimer(this))
{
    qRegisterMetaType<ivcap::AuthTokens>();
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &DeviceAuthFlow::poll);
}

DeviceAuthFlow::~DeviceAuthFlow()
{
    dropRequest();
}

void DeviceAuthFlow::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void DeviceAuthFlow::dropRequest()
{
    // Deleting a request closes its transfer at once, also from inside its own signals.
    delete m_request.data();
    m_request = nullptr;
}

net::CurlRequest *DeviceAuthFlow::takeRequest()
{
    net::CurlRequest *request = m_request;
    m_request = nullptr;
    if (request)
        request->deleteLater();
    return request;
}

void DeviceAuthFlow::cancel()
{
    m_pollTimer->stop();
    dropRequest();
    setState(State::Idle);
}

void DeviceAuthFlow::fail(Failure failure, const QString &message)
{
    m_pollTimer->stop();
    dropRequest();
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
    if (m_connection)
        m_caFile = m_connection->caFile();
    setState(State::Discovering);
    m_request = AuthProvider::newDiscoveryRequest(baseUrl, hostOverride, m_caFile, this);
    connect(m_request, &net::CurlRequest::finished, this, [this] {
        net::CurlRequest *request = takeRequest();
        if (!request)
            return;
        const QByteArray body = request->readAll();
        const int status = request->status();
        if (request->errorKind() != ApiError::Kind::None || status < 200 || status > 299) {
            fail(Failure::Discovery, tr("Cannot read the deployment's sign-in description: %1")
                                         .arg(problemOf(*request, body)));
            return;
        }
        QString error;
        const auto provider = AuthProvider::fromAuthInfo(body, &error);
        if (!provider) {
            fail(Failure::Discovery, error);
            return;
        }
        startWithProvider(*provider);
    });
    m_request->start();
}

void DeviceAuthFlow::startWithProvider(const AuthProvider &provider)
{
    m_pollTimer->stop();
    dropRequest();
    if (m_connection)
        m_caFile = m_connection->caFile();
    m_provider = provider;
    m_polls = 0;
    m_tokens = {};
    m_failure = Failure::None;
    m_error.clear();
    requestCode();
}

void DeviceAuthFlow::postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields,
                              void (DeviceAuthFlow::*onDone)())
{
    m_request = TokenResponse::newFormRequest(url, Connection::encodeQuery(fields).toLatin1(),
                                              m_caFile, this);
    connect(m_request, &net::CurlRequest::finished, this, onDone);
    m_request->start();
}

void DeviceAuthFlow::requestCode()
{
    setState(State::RequestingCode);
    postForm(m_provider.codeUrl,
             {{QStringLiteral("client_id"), m_provider.clientId},
              {QStringLiteral("scope"), QStringLiteral("openid profile email offline_access")},
              {QStringLiteral("audience"), m_provider.audience}},
             &DeviceAuthFlow::onCodeReply);
}

void DeviceAuthFlow::onCodeReply()
{
    net::CurlRequest *request = takeRequest();
    if (!request)
        return;
    const QByteArray body = request->readAll();
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    // A broken transfer or an error status is a failed exchange; a 2xx that is no JSON object
    // breaks the protocol.
    const bool exchangeFailed =
        request->errorKind() != ApiError::Kind::None || request->status() >= 400;
    if (exchangeFailed || object.isEmpty()) {
        const QString oauthError = object.value(QLatin1String("error")).toString();
        const QString why = !oauthError.isEmpty() ? oauthError
                            : exchangeFailed      ? problemOf(*request, body)
                                                  : tr("the answer is not a JSON object");
        fail(exchangeFailed ? Failure::Network : Failure::Protocol,
             tr("The identity provider refused to start a sign-in: %1").arg(why));
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
    postForm(m_provider.tokenUrl,
             {{QStringLiteral("grant_type"),
               QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
              {QStringLiteral("device_code"), m_deviceCode},
              {QStringLiteral("client_id"), m_provider.clientId}},
             &DeviceAuthFlow::onPollReply);
}

void DeviceAuthFlow::onPollReply()
{
    net::CurlRequest *request = takeRequest();
    if (!request)
        return;
    const QByteArray body = request->readAll();
    const int status = request->status();
    const TokenResponse response = TokenResponse::parse(body, QDateTime::currentDateTimeUtc());
    if (request->errorKind() != ApiError::Kind::None) {
        fail(Failure::Network,
             tr("Cannot reach the identity provider: %1").arg(request->errorString()));
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
