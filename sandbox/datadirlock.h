#pragma once

#include <QString>

#include <memory>

class QLockFile;

// Keeps one ivcap-sandbox per data directory: two servers writing one SQLite store and one
// blob directory would corrupt each other's state. The lock is the file `ivcap-sandbox.lock`
// in the directory (QLockFile: the holder's PID, host and name); a lock left by a sandbox that
// was killed is recognised as stale and taken over. Released when the object is destroyed.
class DataDirLock
{
public:
    DataDirLock();
    ~DataDirLock();

    // Creates `dir` if needed and locks it. Returns false with a message for the user in
    // `error` when another process holds it or the lock cannot be written.
    bool acquire(const QString &dir, QString *error);

private:
    std::unique_ptr<QLockFile> m_lock;
};
