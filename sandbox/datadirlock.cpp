#include "datadirlock.h"

#include <QDir>
#include <QLockFile>

DataDirLock::DataDirLock() = default;
DataDirLock::~DataDirLock() = default;

bool DataDirLock::acquire(const QString &dir, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create the data directory %1").arg(dir);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(QDir(dir).filePath(QStringLiteral("ivcap-sandbox.lock")));
    // A sandbox runs for days: only a dead holder makes a lock stale, never its age.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return true;
    if (m_lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString app;
        m_lock->getLockInfo(&pid, &host, &app);
        *error = QStringLiteral("the data directory %1 is in use by another ivcap-sandbox "
                                "(process %2 on %3); stop it, or choose another directory "
                                "with --data")
                     .arg(QDir::toNativeSeparators(dir))
                     .arg(pid)
                     .arg(host);
    } else {
        *error = QStringLiteral("cannot lock the data directory %1").arg(dir);
    }
    m_lock.reset();
    return false;
}
