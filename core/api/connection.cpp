#include "connection.h"

#include "apidetector.h"
#include "apierror.h"
#include "baseurl.h"
#include "dialect.h"
#include "legacydialect.h"
#include "net/curlrequest.h"

#include <QTimer>

namespace ivcap {

Connection::Connection(QObject *parent)
    : QObject(parent), m_dialect(std::make_shared<LegacyDialect>(QString()))
{}

Connection::Connection(const QUrl &baseUrl, const QString &token, QObject *parent)
    : Connection(parent)
{
    setBaseUrl(baseUrl);
    m_token = token;
}

void Connection::setBaseUrl(const QUrl &url)
{
    // Every entry point normalises already; this keeps "<base>/1/..." right for any caller.
    const QUrl normalized = BaseUrl::normalized(url);
    if (normalized == m_baseUrl)
        return;
    m_baseUrl = normalized;
    Q_EMIT changed();
}

void Connection::setToken(const QString &token)
{
    if (token == m_token)
        return;
    m_token = token;
    Q_EMIT changed();
}

void Connection::setAccountId(const QString &accountId)
{
    if (accountId == m_accountId)
        return;
    m_accountId = accountId;
    Q_EMIT changed();
}

void Connection::setHostOverride(const QString &host)
{
    if (host == m_hostOverride)
        return;
    m_hostOverride = host;
    Q_EMIT changed();
}

QString Connection::apiVersion() const
{
    return m_dialect->version();
}

bool Connection::setApiVersion(const QString &version)
{
    if (version.isEmpty()) {
        m_pinned = false;
        ++m_detection;
        setDialect(std::make_shared<LegacyDialect>(QString()), false);
        if (m_detecting) {
            m_detecting = false;
            Q_EMIT apiDetectionFinished();
        }
        return false;
    }
    std::shared_ptr<const Dialect> dialect = Dialect::forVersion(version);
    if (!dialect)
        return false;
    m_pinned = true;
    ++m_detection; // a detection in flight no longer counts
    setDialect(std::move(dialect));
    if (m_detecting) {
        m_detecting = false;
        Q_EMIT apiDetectionFinished();
    }
    return true;
}

void Connection::detectApi()
{
    if (m_pinned || m_detecting)
        return;
    m_detecting = true;
    const quint64 detection = ++m_detection;
    auto *detector = new ApiDetector(this, this);
    connect(detector, &ApiDetector::finished, this,
            [this, detection](std::shared_ptr<const Dialect> dialect) {
                if (detection != m_detection)
                    return;
                m_detecting = false;
                if (dialect)
                    setDialect(std::move(dialect));
                Q_EMIT apiDetectionFinished();
            });
    detector->start();
}

void Connection::setDialect(std::shared_ptr<const Dialect> dialect, bool known)
{
    if (!dialect)
        return;
    const QString before = m_dialect->version();
    m_dialect = std::move(dialect);
    m_dialectKnown = known;
    if (m_dialect->version() != before)
        Q_EMIT apiVersionChanged(m_dialect->version());
}

std::shared_ptr<const Dialect> Connection::adoptDialect(EntityKind kind, const QJsonObject &page)
{
    if (!m_dialectKnown) {
        if (std::shared_ptr<const Dialect> sniffed = Dialect::sniff(kind, page))
            setDialect(std::move(sniffed));
    }
    return m_dialect;
}

void Connection::refreshToken(RefreshDone done)
{
    if (!m_refreshHandler) {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(false); });
        return;
    }
    m_refreshHandler(std::move(done));
}

void Connection::setTimeoutMs(int ms)
{
    m_timeoutMs = ms;
}

QByteArray Connection::userAgent()
{
    return QByteArrayLiteral("ivcap-desktop/" IVCAP_VERSION);
}

QString Connection::encodeQuery(const QueryItems &items)
{
    QString query;
    for (const auto &[key, value] : items) {
        if (!query.isEmpty())
            query += QLatin1Char('&');
        query += QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=') +
                 QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    return query;
}

QString Connection::idPath(const QString &collection, const QString &id)
{
    // Keep ':' readable (as the CLI does) but escape anything that could change the path.
    return QStringLiteral("/1/") + collection + QLatin1Char('/') +
           QString::fromLatin1(QUrl::toPercentEncoding(id, ":"));
}

QUrl Connection::apiUrl(const QString &path, const QueryItems &query) const
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(encodeQuery(query), QUrl::StrictMode);
    return url;
}

QUrl Connection::rebase(const QUrl &serverUrl) const
{
    if (!serverUrl.isValid() || serverUrl.isRelative()) {
        QUrl url = m_baseUrl.resolved(serverUrl);
        // A scheme-relative link ("//other.host/x") is relative too, but names another host.
        url.setScheme(m_baseUrl.scheme());
        url.setAuthority(m_baseUrl.authority());
        return url;
    }
    QUrl url = m_baseUrl;
    QString path = serverUrl.path(QUrl::FullyEncoded);
    // A server behind a prefix reports paths that already contain our base path.
    const QString basePath = m_baseUrl.path(QUrl::FullyEncoded);
    if (!basePath.isEmpty() && !path.startsWith(basePath + QLatin1Char('/')))
        path = basePath + path;
    url.setPath(path, QUrl::TolerantMode);
    url.setQuery(serverUrl.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    return url;
}

bool Connection::isSameOrigin(const QUrl &url) const
{
    return url.scheme() == m_baseUrl.scheme() &&
           url.host().compare(m_baseUrl.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               m_baseUrl.port(m_baseUrl.scheme() == QLatin1String("https") ? 443 : 80);
}

net::CurlRequest *Connection::newRequest(const QByteArray &method, const QUrl &url,
                                         QObject *parent) const
{
    auto *curl = new net::CurlRequest(parent);
    curl->setMethod(method);
    curl->setUrl(url);
    curl->setHeader("Cache-Control", "no-cache");
    curl->setHeader("Accept", "application/json");
    curl->setHeader("User-Agent", userAgent());
    if (!m_hostOverride.isEmpty())
        curl->setHeader("Host", m_hostOverride.toUtf8());
    if (!m_token.isEmpty() && isSameOrigin(url))
        curl->setHeader("Authorization", "Bearer " + m_token.toUtf8());
    curl->setTransferTimeout(m_timeoutMs);
    if (!m_caFile.isEmpty())
        curl->setCaFile(m_caFile);
    return curl;
}

} // namespace ivcap
