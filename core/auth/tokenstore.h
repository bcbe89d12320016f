#pragma once

#include "authtokens.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace ivcap {

// Access and refresh tokens per context, in the operating system's keychain (QtKeychain).
// Where there is no keychain (no session bus, as in CI, or a failing backend) the tokens are
// kept in memory for this run only and isPersistent() is false, so the UI can say so. Tokens
// are never written anywhere in plain text.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    bool isPersistent() const { return m_persistent; }
    // Whether this platform offers a keychain to try at all; IVCAP_NO_KEYCHAIN=1 says no.
    static bool keychainExpected();

    // Reports through loaded() (never synchronously); empty tokens when nothing is stored.
    void load(const QString &context);
    void store(const QString &context, const AuthTokens &tokens);
    void remove(const QString &context);
    // What this run has loaded or stored.
    AuthTokens cached(const QString &context) const { return m_cache.value(context); }

Q_SIGNALS:
    void loaded(const QString &context, const ivcap::AuthTokens &tokens);
    void stored(const QString &context);
    // The keychain turned out to be unusable; from now on tokens live in memory only.
    void persistenceChanged(bool persistent);

private:
    void fallBackToMemory();
    static QByteArray encode(const AuthTokens &tokens);
    static AuthTokens decode(const QByteArray &bytes);

    QHash<QString, AuthTokens> m_cache;
    bool m_persistent;
};

} // namespace ivcap
