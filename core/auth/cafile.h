#pragma once

#include <QCoreApplication>
#include <QString>

namespace ivcap {

// A context's CA file (Context::caFile): a PEM file of CA certificates that libcurl trusts for
// that deployment besides the system store (RFC 7468 text encoding; what curl's --cacert and
// OpenSSL's SSL_CERT_FILE read). Checked before it is saved or used for a test, so a wrong
// path is reported next to the field rather than as a failed connection.
class CaFile
{
    Q_DECLARE_TR_FUNCTIONS(ivcap::CaFile)

public:
    // A CA bundle is a few hundred KiB; anything much larger is not one.
    static constexpr qint64 MaxBytes = 16 * 1024 * 1024;

    // The path as typed, made absolute: surrounding blanks dropped, a leading "~/" is the home
    // directory, a relative path is taken from the current directory. Empty stays empty.
    static QString normalized(const QString &typed);
    // Empty when `path` is empty (no CA file) or names a readable file holding at least one
    // PEM certificate; otherwise one sentence for the user saying what is wrong (missing, a
    // directory, unreadable, too large, no certificate in it).
    static QString problem(const QString &path);
};

} // namespace ivcap
