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
        for (int i = 0; i < beforeStep; ++i) {
            QCOMPARE(file.write(piece), piece.size());
            QVERIFY(writeback.wrote(file));
        }
        QVERIFY(sizeOnDisk(path) < file.pos()); // still (partly) in Qt's buffer
        QCOMPARE(file.write(piece), piece.size());
        QVERIFY(writeback.wrote(file)); // 66,000 bytes: one step
        QCOMPARE(sizeOnDisk(path), file.pos());
        // The next step counts from there.
        QCOMPARE(file.write(piece), piece.size());
        QVERIFY(writeback.wrote(file));
        QVERIFY(sizeOnDisk(path) < file.pos());
    }

    void aFileStartedAgainCountsFromItsStart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        Writeback writeback(step);
        for (int i = 0; i < 200; ++i) { // three steps: the last request was at 198,000
            QCOMPARE(file.write(piece), piece.size());
            QVERIFY(writeback.wrote(file));
        }
        QVERIFY(file.resize(0));
        QVERIFY(file.seek(0));
        for (int i = 0; i < 66; ++i) {
            QCOMPARE(file.write(piece), piece.size());
            QVERIFY(writeback.wrote(file));
        }
        QCOMPARE(sizeOnDisk(path), 66000);
    }
};

QTEST_GUILESS_MAIN(TestWriteback)
#include "tst_writeback.moc"
