#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace ivcap {
class Connection;
}

// Helpers shared by the transfer tests: random source files, artifact counting and a
// download that returns the SHA-256 of what the server holds.
namespace transferfixture {

// Writes `size` pseudo-random bytes to `path`; returns their SHA-256.
QByteArray writeRandomFile(const QString &path, qint64 size, quint32 seed);
QByteArray sha256OfFile(const QString &path);
// Number of artifacts the sandbox lists (-1 on error).
int artifactCount(ivcap::Connection *connection);
// Downloads an artifact into `dir` and returns the SHA-256 of the saved file (empty on error).
QByteArray downloadSha(ivcap::Connection *connection, const QString &artifactId,
                       const QString &dir);

} // namespace transferfixture
