#include "tokenstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace ivcap {

namespace {
const QString service = QStringLiteral("ivcap-desktop");

bool isBackendMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::AccessDenied || error == QKeychain::OtherError;
}
} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent), m_persistent(keychainExpected())
{
    qRegisterMetaType<ivcap::AuthTokens>();
}

bool TokenStore::keychainExpected()
{
    if (qEnvironmentVariableIntValue("IVCAP_NO_KEYCHAIN") == 1)
        return false;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Secret Service and KWallet are reached over the session bus; without one, QtKeychain
    // could only fail (or try to autolaunch a bus), so do not ask it.
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#else
    return true;
#endif
}

void TokenStore::fallBackToMemory()
{
    if (!m_persistent)
        return;
    m_persistent = false;
    Q_EMIT persistenceChanged(false);
}

void TokenStore::load(const QString &context)
{
    if (!m_persistent || m_cache.contains(context)) {
        QTimer::singleShot(0, this, [this, context] { Q_EMIT loaded(context, cached(context)); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(service, this);
    job->setKey(context);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, context] {
        AuthTokens tokens;
        if (job->error() == QKeychain::NoError)
            tokens = decode(job->binaryData());
        else if (job->error() != QKeychain::EntryNotFound && isBackendMissing(job->error()))
            fallBackToMemory();
        // Something stored meanwhile in this run is newer than what the keychain had.
        if (m_cache.contains(context))
            tokens = m_cache.value(context);
        else if (!tokens.isEmpty())
            m_cache.insert(context, tokens);
        Q_EMIT loaded(context, tokens);
    });
    job->start();
}

void TokenStore::store(const QString &context, const AuthTokens &tokens)
{
    m_cache.insert(context, tokens);
    if (!m_persistent) {
        QTimer::singleShot(0, this, [this, context] { Q_EMIT stored(context); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(service, this);
    job->setKey(context);
    job->setBinaryData(encode(tokens));
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, context] {
        if (job->error() != QKeychain::NoError && isBackendMissing(job->error()))
            fallBackToMemory();
        Q_EMIT stored(context);
    });
    job->start();
}

void TokenStore::remove(const QString &context)
{
    m_cache.remove(context);
    if (!m_persistent)
        return;
    auto *job = new QKeychain::DeletePasswordJob(service, this);
    job->setKey(context);
    job->setAutoDelete(true);
    job->start();
}

QByteArray TokenStore::encode(const AuthTokens &tokens)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("access-token"), tokens.accessToken},
                                     {QStringLiteral("refresh-token"), tokens.refreshToken},
                                     {QStringLiteral("id-token"), tokens.idToken},
                                     {QStringLiteral("access-token-expiry"),
                                      tokens.expiry.toUTC().toString(Qt::ISODateWithMs)}})
        .toJson(QJsonDocument::Compact);
}

AuthTokens TokenStore::decode(const QByteArray &bytes)
{
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();
    AuthTokens tokens;
    tokens.accessToken = object.value(QLatin1String("access-token")).toString();
    tokens.refreshToken = object.value(QLatin1String("refresh-token")).toString();
    tokens.idToken = object.value(QLatin1String("id-token")).toString();
    tokens.expiry = QDateTime::fromString(
        object.value(QLatin1String("access-token-expiry")).toString(), Qt::ISODateWithMs);
    return tokens;
}

} // namespace ivcap
