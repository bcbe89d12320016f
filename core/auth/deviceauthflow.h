#pragma once

#include "authprovider.h"
#include "authtokens.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QTimer;

namespace ivcap {
namespace net {
class CurlRequest;
}
class Connection;

// Sign-in with the OAuth 2.0 Device Authorization Grant (RFC 8628) as the IVCAP CLI does it:
// discovery through <base>/1/authinfo.yaml, the device code request, then polling the token
// endpoint at the given interval until the user has approved (or denied) in a browser.
// Every outcome is reported once, through succeeded() or failed(); cancel() reports nothing.
// Its requests run on the one HTTP stack (core/net) with the app's User-Agent, no bearer token
// (the form carries the client id and device code, and only to the endpoint they belong to), no
// redirects followed, 30 s without a byte as a timeout, answers capped at 1 MiB, and the CA file
// of the connection given at construction trusted beside the system store.
class DeviceAuthFlow : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Discovering, RequestingCode, WaitingForUser, Succeeded, Failed };
    Q_ENUM(State)
    enum class Failure { None, Discovery, Network, Denied, Expired, Protocol };
    Q_ENUM(Failure)

    // slow_down adds this much to the interval (RFC 8628 §3.5).
    static constexpr int SlowDownStepMs = 5000;

    // `connection` is the deployment signed in to; only its CA file is used (read when the flow
    // starts), so it may be null (then only the system store and SSL_CERT_FILE are trusted) and
    // may go away while the flow runs.
    explicit DeviceAuthFlow(Connection *connection, QObject *parent = nullptr);
    ~DeviceAuthFlow() override;

    // Reads the deployment's authinfo.yaml (`hostOverride` as its Host header when set), then
    // requests a device code.
    void start(const QUrl &baseUrl, const QString &hostOverride = QString());
    // Skips discovery when the provider is already known.
    void startWithProvider(const AuthProvider &provider);
    // Stops polling; nothing is reported afterwards.
    void cancel();

    State state() const { return m_state; }
    Failure failure() const { return m_failure; }
    QString errorString() const { return m_error; }
    AuthProvider provider() const { return m_provider; }
    QUrl verificationUrl() const { return m_verificationUrl; }
    // The URL with the code filled in, for the QR code and the "open browser" button.
    QUrl verificationUrlComplete() const { return m_verificationUrlComplete; }
    QString userCode() const { return m_userCode; }
    QDateTime codeExpiry() const { return m_codeExpiry; }
    int intervalMs() const { return m_intervalMs; }
    int polls() const { return m_polls; }
    AuthTokens tokens() const { return m_tokens; }

Q_SIGNALS:
    void stateChanged(ivcap::DeviceAuthFlow::State state);
    // The user can now go to the verification URL and enter the code.
    void codeReady(const QUrl &verificationUrl, const QString &userCode);
    void intervalChanged(int ms);
    void succeeded(const ivcap::AuthTokens &tokens);
    void failed(const QString &message);

private:
    void setState(State state);
    void requestCode();
    void onCodeReply();
    void poll();
    void onPollReply();
    void fail(Failure failure, const QString &message);
    // Starts a POST of `fields` to `url`; its finished() goes to `onDone`.
    void postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields,
                  void (DeviceAuthFlow::*onDone)());
    // The request that just finished, taken over (deleted later), or null.
    net::CurlRequest *takeRequest();
    void dropRequest();

    QPointer<Connection> m_connection;
    QString m_caFile;
    QPointer<net::CurlRequest> m_request;
    QTimer *m_pollTimer;
    State m_state = State::Idle;
    Failure m_failure = Failure::None;
    QString m_error;
    AuthProvider m_provider;
    QString m_deviceCode;
    QString m_userCode;
    QUrl m_verificationUrl;
    QUrl m_verificationUrlComplete;
    QDateTime m_codeExpiry;
    int m_intervalMs = 5000;
    int m_polls = 0;
    AuthTokens m_tokens;
};

} // namespace ivcap
