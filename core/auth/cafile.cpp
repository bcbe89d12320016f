#include "cafile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>

namespace ivcap {

QString CaFile::normalized(const QString &typed)
{
    QString path = typed.trimmed();
    if (path.isEmpty())
        return path;
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString CaFile::problem(const QString &path)
{
    if (path.isEmpty())
        return QString();
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists())
        return tr("The CA file %1 does not exist.").arg(shown);
    if (info.isDir())
        return tr("%1 is a folder, not a CA file.").arg(shown);
    if (info.size() > MaxBytes)
        return tr("%1 is too large to be a CA file (more than %2 MiB).")
            .arg(shown)
            .arg(MaxBytes / (1024 * 1024));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("The CA file %1 cannot be read: %2").arg(shown, file.errorString());
    // The same test libcurl's OpenSSL makes of a CA file: PEM "CERTIFICATE" blocks that decode.
    if (QSslCertificate::fromData(file.read(MaxBytes), QSsl::Pem).isEmpty())
        return tr("%1 holds no PEM certificate (a CA file has lines such as “-----BEGIN "
                  "CERTIFICATE-----”).")
            .arg(shown);
    return QString();
}

} // namespace ivcap
