#include "filewindow.h"

namespace ivcap {

FileWindow::FileWindow(const QString &path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent), m_file(path), m_offset(offset), m_length(length)
{}

bool FileWindow::open(OpenMode mode)
{
    if (mode & WriteOnly)
        return false;
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    if (m_file.size() < m_offset + m_length || !m_file.seek(m_offset)) {
        setErrorString(tr("The file is shorter than expected."));
        m_file.close();
        return false;
    }
    return QIODevice::open(mode | Unbuffered);
}

void FileWindow::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileWindow::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length || !m_file.seek(m_offset + pos))
        return false;
    return QIODevice::seek(pos);
}

qint64 FileWindow::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_length - pos();
    if (left <= 0)
        return 0;
    // QIODevice::pos() is ours; keep the file position in step in case a reader seeked.
    if (m_file.pos() != m_offset + pos() && !m_file.seek(m_offset + pos()))
        return -1;
    return m_file.read(data, qMin(left, maxSize));
}

} // namespace ivcap
