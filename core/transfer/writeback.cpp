#include "writeback.h"

#include <QFileDevice>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace ivcap {

bool Writeback::wrote(QFileDevice &file)
{
    const qint64 end = file.pos();
    if (end < m_started)
        m_started = 0; // the file was started again
    if (end - m_started < m_step)
        return true;
    if (!file.flush())
        return false;
#ifdef Q_OS_LINUX
    const int fd = file.handle();
    if (fd >= 0)
        ::sync_file_range(fd, m_started, end - m_started, SYNC_FILE_RANGE_WRITE);
#endif
    m_started = end;
    return true;
}

} // namespace ivcap
