#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace ivcap {
namespace net {
class CurlRequest;
}

struct ApiError;
class Dialect;
enum class EntityKind;

// One deployment the app talks to: base URL, bearer token, account, optional Host override.
// It builds every request of the core, so the rules of PROTOCOL.md (percent-encoding of query
// values, re-basing server URLs, never sending the token to another host) live in one place.
class Connection : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString apiVersion READ apiVersion NOTIFY apiVersionChanged)
public:
    using QueryItems = QList<QPair<QString, QString>>;
    // Told whether a new token is now in place; called once, never from within refreshToken().
    using RefreshDone = std::function<void(bool refreshed)>;
    using RefreshHandler = std::function<void(RefreshDone done)>;

    explicit Connection(QObject *parent = nullptr);
    Connection(const QUrl &baseUrl, const QString &token, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url);
    QString token() const { return m_token; }
    void setToken(const QString &token);
    QString accountId() const { return m_accountId; }
    void setAccountId(const QString &accountId);
    QString hostOverride() const { return m_hostOverride; }
    void setHostOverride(const QString &host);
    // Milliseconds without progress after which a call counts as timed out.
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms);
    // A PEM file of CA certificates trusted for this deployment besides the system store and
    // SSL_CERT_FILE / SSL_CERT_DIR (a deployment with its own CA); empty for none. Every
    // request newRequest() makes carries it; an unreadable file fails each request with
    // ApiError::Kind::Local before anything is sent.
    QString caFile() const { return m_caFile; }
    void setCaFile(const QString &path) { m_caFile = path; }

    // The API dialect of the deployment (core/api/dialect). Until detectApi() or
    // setApiVersion() told it, it is v0.28's, provisionally: the first list answer then
    // decides between the dialects (adoptDialect).
    const Dialect &dialect() const { return *m_dialect; }
    std::shared_ptr<const Dialect> dialectPtr() const { return m_dialect; }
    // "0.48" as detected or pinned; empty while unknown (also after sniffing a list answer,
    // which tells the shapes but not the version).
    QString apiVersion() const;
    // True once detection, a pin or a list answer decided the dialect.
    bool isDialectKnown() const { return m_dialectKnown; }
    bool isDetectingApi() const { return m_detecting; }
    // Pins the API version (a context may), replacing any detection. An empty string unpins:
    // the dialect is provisional again until detectApi() or a list answer decides. Returns
    // true when a version is now pinned; a string that is no version changes nothing.
    bool setApiVersion(const QString &version);
    // Reads the deployment's OpenAPI document without a token (PROTOCOL-0.48 §3) and picks the
    // dialect from it; apiDetectionFinished() follows once, whatever the outcome. When the
    // document cannot be read the dialect stays provisional. Does nothing while pinned.
    void detectApi();
    // Detection's result; also for tests and tools that know better.
    void setDialect(std::shared_ptr<const Dialect> dialect, bool known = true);
    // The dialect to read a list answer of `kind` with: while the dialect is provisional,
    // the answer's envelope decides it. Never null.
    std::shared_ptr<const Dialect> adoptDialect(EntityKind kind, const QJsonObject &page);


    // Whoever can renew the token (a TokenRefresher) installs itself here, so a request that
    // got a 401 can ask for a new token and be sent once more, without the core's request
    // classes knowing about sign-in. An empty handler removes it.
    void setRefreshHandler(RefreshHandler handler) { m_refreshHandler = std::move(handler); }
    bool canRefreshToken() const { return bool(m_refreshHandler); }
    void refreshToken(RefreshDone done);

    // `<base>/1/...` with each query value percent-encoded by hand ('+' and '%' included),
    // because QUrlQuery leaves '+' alone and servers read it as a space.
    QUrl apiUrl(const QString &path, const QueryItems &query = {}) const;
    // A URL the server handed out (links.self, data.self, next) re-based on our base URL:
    // the server may know itself by another host name than the one we reach it by.
    QUrl rebase(const QUrl &serverUrl) const;
    // True when `url` points at the configured deployment (scheme, host and port match).
    bool isSameOrigin(const QUrl &url) const;
    // A request on the one HTTP stack (libcurl, core/net), not yet started: `method`
    // to `url` with the common headers (the bearer token only for our own origin), the
    // connection's timeout as its transfer timeout, and caFile(). `parent` owns it; deleting
    // it cancels the transfer.
    net::CurlRequest *newRequest(const QByteArray &method, const QUrl &url, QObject *parent) const;

    // "ivcap-desktop/<version>": the User-Agent of every request the app makes, also of those
    // to an identity provider, which go around the connection.
    static QByteArray userAgent();

    static QString encodeQuery(const QueryItems &items);
    // Path segment for an entity id: the full URN is used as is, as both official clients do.
    static QString idPath(const QString &collection, const QString &id);

Q_SIGNALS:
    void changed();
    void apiVersionChanged(const QString &version);
    // Detection ended (detected or not); lists waiting for it go on.
    void apiDetectionFinished();
    // Emitted once per failed call that needs a (new) sign-in.
    void authenticationRequired(const ivcap::ApiError &error);

private:
    QUrl m_baseUrl;
    QString m_token;
    QString m_accountId;
    QString m_hostOverride;
    int m_timeoutMs = 30000;
    QString m_caFile;
    RefreshHandler m_refreshHandler;
    std::shared_ptr<const Dialect> m_dialect;
    bool m_dialectKnown = false;
    bool m_detecting = false;
    bool m_pinned = false;
    quint64 m_detection = 0;
};

} // namespace ivcap
