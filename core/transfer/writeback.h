#pragma once

#include <QtGlobal>

class QFileDevice;

namespace ivcap {

// Starts the disk write of a file while it is still being written, so that the flush that
// makes it durable at the end (QSaveFile::commit's fdatasync) finds little left to do and a
// download's last byte and its "done" are not a whole file's disk write apart.
// Every stepBytes written, wrote() hands Qt's buffer to the kernel and asks Linux to start
// writing the range since the previous step to disk (sync_file_range(2) with
// SYNC_FILE_RANGE_WRITE: it starts the write and does not wait for it, so durability still
// comes from the final flush alone). On other systems only the buffer is handed over.
class Writeback
{
public:
    // stepBytes: how many bytes are written between two requests (8 MiB by default).
    explicit Writeback(qint64 stepBytes = 8 * 1024 * 1024) : m_step(stepBytes) {}

    // Call after each write to `file`, an open file. Returns false when Qt's buffer cannot be
    // written (file.errorString() says why); a refused sync_file_range is no error, since the
    // final flush writes what it did not.
    bool wrote(QFileDevice &file);

private:
    qint64 m_step;
    qint64 m_started = 0; // the file offset up to which a write was requested
};

} // namespace ivcap
