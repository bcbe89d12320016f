#pragma once

#include "api/apirequest.h"

#include <QObject>
#include <QPointer>

namespace ivcap {

class Connection;
struct ApiError;

// "Test connection": reads the deployment's OpenAPI document (no credentials needed) and one
// page of services (credentials needed), so the user learns whether the URL and the sign-in
// work, and which of the two does not. Unless the connection's API version is pinned, the
// document (PROTOCOL-0.48 §3, as ApiDetector reads it) or else the list answer's envelope
// sets the connection's dialect, so Connection::apiVersion() tells the detected version
// afterwards.
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(Connection *connection, QObject *parent = nullptr);

    // Runs the test over `connection` as it is set up (URL, token, Host override, pinned API
    // version, CA file).
    void start();
    bool isRunning() const { return m_request != nullptr; }
    // After finished(false, …): the deployment's TLS certificate was not trusted (unknown
    // issuer, self-signed, another host name, expired), so a CA file may be what is missing.
    bool certificateRejected() const { return m_certificateRejected; }

Q_SIGNALS:
    // `ok` when both calls succeeded; `summary` says what was found or what failed.
    void finished(bool ok, const QString &summary);

private:
    void readOneList();
    void report(bool ok, const QString &summary);

    QPointer<Connection> m_connection;
    QPointer<ApiRequest> m_request;
    QString m_apiTitle;
    bool m_certificateRejected = false;
};

} // namespace ivcap
