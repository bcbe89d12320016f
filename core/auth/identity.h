#pragma once

#include <QString>

namespace ivcap {

// Who signed in, from the claims of the ID token (PROTOCOL.md §9). The claims are read for
// display and for the account id only; nothing is granted on their strength, so the
// signature is not checked here.
struct Identity
{
    QString name;
    QString nickname;
    QString email;
    QString accountId;  // urn:ivcap:account:<acc>
    QString providerId; // urn:ivcap:provider:<provider or acc>

    bool isEmpty() const { return name.isEmpty() && email.isEmpty() && accountId.isEmpty(); }
    // The best short label: name, else nickname, else email.
    QString displayName() const;

    static Identity fromIdToken(const QString &idToken);
};

} // namespace ivcap
