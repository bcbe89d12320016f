#pragma once

#include "clicontext.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace ivcap {

// Reads what users of the IVCAP CLI and SDK already have (PROTOCOL.md §9): the CLI's
// config.yaml with its contexts, active context and tokens, and the SDK's environment.
// The file is read-only for us except for one thing: tokens refreshed with an imported
// context's refresh token are written back, or an IdP that rotates refresh tokens would
// leave the CLI signed out.
class CliConfigImporter
{
public:
    // os.UserConfigDir()/ivcap-cli/config.yaml, computed by hand because Qt's
    // GenericConfigLocation differs from Go's on macOS and Windows.
    static QString
    defaultPath(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    // False with errorString() set when the file is unreadable or not the CLI's YAML; a
    // syntax error names its line.
    bool load(const QString &path = defaultPath());
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

    QList<CliContext> contexts() const { return m_contexts; }
    QString activeContext() const { return m_active; }
    std::optional<CliContext> find(const QString &name) const;

    // The SDK's IVCAP_URL (or IVCAP_BASE_URL), IVCAP_JWT and IVCAP_ACCOUNT_ID, with the CLI's
    // IVCAP_ACCESS_TOKEN taking precedence over IVCAP_JWT. Fields not set stay empty; nothing
    // when none of them is set.
    static std::optional<CliContext>
    fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    // Replaces the tokens of `contextName` in the file at `path`, keeping every other key and
    // context. The file is written to a temporary file with mode 0600 and renamed into place.
    static bool writeBackTokens(const QString &path, const QString &contextName,
                                const AuthTokens &tokens, QString *error);

    // Go's RFC 3339 with nanoseconds; the zero time (0001-01-01) means "no expiry known".
    static QDateTime parseTime(const QString &text);
    static QString formatTime(const QDateTime &time);

private:
    QString m_path;
    QString m_error;
    QString m_active;
    QList<CliContext> m_contexts;
};

} // namespace ivcap
