// Writeback hands Qt's write buffer to the kernel every step (and asks Linux to start writing
// it to disk), and starts counting again when the file is started again. Whether the disk
// write starts early is what bench_transfer.sh's download figures show.
#include "transfer/writeback.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

namespace {
constexpr qint64 step = 64 * 1024;
const QByteArray piece(1000, 'x'); // small enough for QFile to keep in its buffer

qint64 sizeOnDisk(const QString &path)
{
    QFileInfo info(path);
    info.refresh();
    return info.size();
}

// Writes `count` pieces, telling `writeback` after each; false when a write or wrote() fails.
bool writePieces(QFile &file, Writeback &writeback, int count)
{
    for (int i = 0; i < count; ++i) {
        if (file.write(piece) != piece.size() || !writeback.wrote(file))
            return false;
    }
    return true;
}
} // namespace

class TestWriteback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bufferIsHandedOverEveryStep()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        Writeback writeback(step);
        const int beforeStep = int(step / piece.size()); // 65 pieces: 65,000 bytes
        QVERIFY(writePieces(file, writeback, beforeStep));
        // Still (partly) in Qt's buffer.
        QVERIFY(sizeOnDisk(path) < file.pos());
        QVERIFY(writePieces(file, writeback, 1)); // 66,000 bytes: one step
        QCOMPARE(sizeOnDisk(path), file.pos());
        // The next step counts from there.
        QVERIFY(writePieces(file, writeback, 1));
        QVERIFY(sizeOnDisk(path) < file.pos());
    }

    void aFileStartedAgainCountsFromItsStart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        Writeback writeback(step);
        // Three steps: the last request was at 198,000 bytes.
        QVERIFY(writePieces(file, writeback, 200));
        QVERIFY(file.resize(0));
        QVERIFY(file.seek(0));
        QVERIFY(writePieces(file, writeback, 66));
        QCOMPARE(sizeOnDisk(path), 66000);
    }
};

QTEST_GUILESS_MAIN(TestWriteback)
#include "tst_writeback.moc"
