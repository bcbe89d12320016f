#include "uploadselection.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

namespace ivcap {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ivcap::UploadSelection", text, nullptr, n);
}
} // namespace

UploadSelection UploadSelection::expand(const QStringList &paths)
{
    UploadSelection out;
    QSet<QString> seen;
    const auto addFile = [&](const QFileInfo &info) {
        const QString path = info.absoluteFilePath();
        const QString key = info.canonicalFilePath().isEmpty() ? path : info.canonicalFilePath();
        if (seen.contains(key))
            return;
        seen.insert(key);
        if (!info.isFile())
            out.skipped.append(tr("%1: not a regular file").arg(path));
        else if (!info.isReadable())
            out.skipped.append(tr("%1: not readable").arg(path));
        else
            out.files.append(path);
    };
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            out.skipped.append(tr("%1: not a local file").arg(path));
            continue;
        }
        if (!info.isDir()) {
            addFile(info);
            continue;
        }
        ++out.folders;
        QStringList found;
        QDirIterator it(info.absoluteFilePath(),
                        QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden |
                            QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo entry = it.fileInfo();
            if (entry.isDir())
                continue; // its files come through the iterator; links to folders are not followed
            found.append(entry.absoluteFilePath());
        }
        found.sort();
        for (const QString &file : std::as_const(found)) {
            const QFileInfo entry(file);
            // Hidden files (.DS_Store, .git/…) are rarely meant as artifacts: say they stay.
            const QString relative = QDir(info.absoluteFilePath()).relativeFilePath(file);
            const bool hidden =
                relative.startsWith(QLatin1Char('.')) || relative.contains(QLatin1String("/."));
            if (hidden)
                out.skipped.append(tr("%1: hidden").arg(file));
            else
                addFile(entry);
        }
    }
    return out;
}

QString UploadSelection::summary() const
{
    QString text = folders > 0
                       ? tr("%n file(s) from %1 folder(s) queued", int(files.size())).arg(folders)
                       : tr("%n file(s) queued", int(files.size()));
    if (!skipped.isEmpty())
        text += tr("; %n skipped", int(skipped.size()));
    return text + QLatin1Char('.');
}

} // namespace ivcap
