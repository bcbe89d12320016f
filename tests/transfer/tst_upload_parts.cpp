// UploadJob's requests on the wire, against a small scripted TUS server on loopback: the parts
// as the server receives them, progress from confirmed offsets only, and the faults a real
// server or network produces mid-part (a connection closed in the body or in the answer, a
// part refused, silence, a 409, a file that shrinks under the upload), pause and deletion
// closing the connection, and the token kept to the configured origin.
#include "api/connection.h"
#include "transfer/uploadjob.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace ivcap;

namespace {

const QByteArray kArtifact = "urn:ivcap:artifact:a1";

struct Request
{
    int connection = 0; // which accepted connection carried it, from 1
    QByteArray head;
    QByteArray body;
    QByteArray method() const { return head.left(head.indexOf(' ')); }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

class TusServer;
// What the server does with one request instead of its default answer.
using Answer = std::function<void(TusServer *, QTcpSocket *, const Request &)>;

QByteArray answer(const QByteArray &status, const QByteArray &headers, const QByteArray &body = {})
{
    return "HTTP/1.1 " + status + "\r\n" + headers +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A TUS server in miniature: POST creates the artifact, HEAD tells the offset, PATCH appends
// what it receives at the right offset (also the bytes of a part whose connection broke, as
// tusd keeps them), GET reads the record as `ready` with the bytes held. `script` replaces
// the default answer of the next requests, in order.
class TusServer : public QObject
{
public:
    TusServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                const int index = ++connections;
                connect(s, &QTcpSocket::disconnected, this, [this, s, index] {
                    closed.append(index);
                    keepPartial(s);
                    s->deleteLater();
                });
                connect(s, &QTcpSocket::readyRead, s, [this, s, index] { onData(s, index); });
            }
        });
    }
    ~TusServer() override
    {
        // The sockets go with m_server, after the members their signals would use.
        const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
        for (QTcpSocket *s : sockets)
            disconnect(s, nullptr, this, nullptr);
    }
    QUrl base() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    QUrl dataUrl() const
    {
        QUrl url(base().toString() + QStringLiteral("/1/artifacts/a1/blob"));
        url.setQuery(QStringLiteral("x=a%2Bb"), QUrl::StrictMode); // stays encoded on the wire
        return url;
    }

    // The default answers.
    void reply(QTcpSocket *s, const Request &r)
    {
        const QByteArray m = r.method();
        if (m == "POST") {
            const QJsonObject record{{"id", QString::fromLatin1(kArtifact)},
                                     {"data-href", dataUrl().toString(QUrl::FullyEncoded)}};
            s->write(answer("201 Created", "Content-Type: application/json\r\n",
                            QJsonDocument(record).toJson(QJsonDocument::Compact)));
        } else if (m == "HEAD") {
            s->write(answer("200 OK", "Tus-Resumable: 1.0.0\r\nUpload-Offset: " +
                                          QByteArray::number(stored.size()) + "\r\n"));
        } else if (m == "PATCH") {
            if (r.header("Upload-Offset").toLongLong() != stored.size()) {
                s->write(answer("409 Conflict", {}));
                return;
            }
            stored += r.body;
            s->write(answer("204 No Content", "Tus-Resumable: 1.0.0\r\nUpload-Offset: " +
                                                  QByteArray::number(stored.size()) + "\r\n"));
        } else {
            const QJsonObject record{{"id", QString::fromLatin1(kArtifact)},
                                     {"status", "ready"},
                                     {"size", recordSize >= 0 ? recordSize : stored.size()}};
            s->write(answer("200 OK", "Content-Type: application/json\r\n",
                            QJsonDocument(record).toJson(QJsonDocument::Compact)));
        }
    }

    QList<Answer> script;
    QList<Request> requests;
    QByteArray stored; // the artifact's bytes
    qint64 recordSize = -1;
    int connections = 0;
    QList<int> closed; // connections closed (by either side)
    // >= 0: the connection is dropped once that many bytes of a PATCH body have come.
    qint64 closeAfterBodyBytes = -1;
    // Called as the first bytes of a PATCH body arrive.
    std::function<void()> onPatchBody;
    // Not empty: written as soon as a PATCH's head has come, before its body is read; the
    // connection closes shortly after.
    QByteArray earlyPatchAnswer;
    QList<Request> patches() const
    {
        QList<Request> out;
        for (const Request &r : requests) {
            if (r.method() == "PATCH")
                out.append(r);
        }
        return out;
    }

private:
    struct Pending
    {
        QByteArray data;
        qint64 length = -1; // of the body, once the head is complete
        Request request;
    };

    // A PATCH whose connection broke: what arrived is kept.
    void keepPartial(QTcpSocket *s)
    {
        const auto it = m_pending.find(s);
        if (it == m_pending.end())
            return;
        const Request &r = it->request;
        if (it->length > 0 && r.method() == "PATCH" &&
            r.header("Upload-Offset").toLongLong() == stored.size())
            stored += r.body;
        m_pending.erase(it);
    }

    void onData(QTcpSocket *s, int index)
    {
        if (m_refused.contains(s)) {
            s->readAll();
            return;
        }
        Pending &p = m_pending[s];
        p.data += s->readAll();
        for (;;) {
            if (p.length < 0) {
                const qsizetype end = p.data.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                p.request = Request{index, p.data.left(end + 4), {}};
                p.length = p.request.header("Content-Length").toLongLong();
                p.data.remove(0, end + 4);
                if (p.request.method() == "PATCH" && !earlyPatchAnswer.isEmpty()) {
                    requests.append(p.request);
                    m_pending.remove(s);
                    m_refused.insert(s);
                    s->write(earlyPatchAnswer);
                    s->flush();
                    QTimer::singleShot(100, s, [s] { s->close(); });
                    return;
                }
            }
            const qint64 take = qMin<qint64>(p.length - p.request.body.size(), p.data.size());
            if (take > 0 && p.request.body.isEmpty() && onPatchBody)
                std::exchange(onPatchBody, nullptr)();
            p.request.body += p.data.left(take);
            p.data.remove(0, take);
            if (closeAfterBodyBytes >= 0 && p.request.body.size() >= closeAfterBodyBytes) {
                closeAfterBodyBytes = -1;
                keepPartial(s);
                s->abort();
                return;
            }
            if (p.request.body.size() < p.length)
                return;
            const Request request = p.request;
            p = Pending{p.data, -1, {}};
            requests.append(request);
            if (script.isEmpty())
                reply(s, request);
            else
                script.takeFirst()(this, s, request);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, Pending> m_pending;
    QSet<QTcpSocket *> m_refused; // answered early; the rest of the request is dropped
};

QByteArray payload(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char((i * 131) ^ (i >> 7));
    return data;
}

// Answers nothing: the test decides later (or never).
Answer silence()
{
    return [](TusServer *, QTcpSocket *, const Request &) {};
}

// The default answer (the resume's HEAD before a scripted PATCH answer).
Answer normal()
{
    return [](TusServer *t, QTcpSocket *s, const Request &r) { t->reply(s, r); };
}

} // namespace

class TestUploadParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void partsCarryTheTusHeadersAndTheFile();
    void progressOnlyFromConfirmedOffsets();
    void serverClosesInTheMiddleOfAPart();
    void serverClosesInTheMiddleOfTheAnswer();
    void answerArrivesByteByByte();
    void conflictAsksForTheOffset();
    void silentServerTimesOutAndResumes();
    void rejectedPartEndsTheUpload();
    void fileShrinkingUnderAPartFails();
    void pauseClosesThePartInFlight();
    void deletingTheJobCancelsItsPart();
    void tokenOnlyForTheConfiguredOrigin();

private:
    QString writeFile(qint64 size);
    // Runs `job` to its end; false when it did not end.
    static bool run(UploadJob &job, int ms = 30000);
    static UploadOptions quickRetries(qint64 chunkSize = 10000000);

    QTemporaryDir m_dir;
    QByteArray m_content;
};

void TestUploadParts::init()
{
    QVERIFY(m_dir.isValid());
}

QString TestUploadParts::writeFile(qint64 size)
{
    m_content = payload(size);
    const QString path = m_dir.filePath(QStringLiteral("f%1.bin").arg(size));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_content) != size)
        return {};
    return path;
}

bool TestUploadParts::run(UploadJob &job, int ms)
{
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    return !finished.isEmpty() || finished.wait(ms);
}

UploadOptions TestUploadParts::quickRetries(qint64 chunkSize)
{
    UploadOptions options;
    options.chunkSize = chunkSize;
    options.retryDelayMs = 10;
    options.maxRetryDelayMs = 50;
    return options;
}

void TestUploadParts::partsCarryTheTusHeadersAndTheFile()
{
    // The default part size: 10,000,000 bytes, the last part the rest.
    TusServer server;
    const QString path = writeFile(25000001);
    Connection connection(server.base(), QStringLiteral("secret"));
    connection.setHostOverride(QStringLiteral("api.example.org"));
    UploadJob job(&connection, path, UploadOptions());
    QSignalSpy progress(&job, &UploadJob::progress);
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QVERIFY(server.stored == m_content);
    QCOMPARE(job.artifactId(), QString::fromLatin1(kArtifact));

    QCOMPARE(server.requests.first().method(), QByteArray("POST"));
    QCOMPARE(server.requests.first().header("Content-Length"), QByteArray("0"));
    QCOMPARE(server.requests.first().header("X-Content-Length"), QByteArray("25000001"));
    const QList<Request> patches = server.patches();
    QCOMPARE(patches.size(), 3);
    const qint64 offsets[] = {0, 10000000, 20000000};
    const qint64 lengths[] = {10000000, 10000000, 5000001};
    for (int i = 0; i < 3; ++i) {
        const Request &r = patches.at(i);
        QVERIFY2(r.head.startsWith("PATCH /1/artifacts/a1/blob?x=a%2Bb HTTP/1.1\r\n"),
                 r.head.constData());
        QCOMPARE(r.header("Tus-Resumable"), QByteArray("1.0.0"));
        QCOMPARE(r.header("Upload-Offset"), QByteArray::number(offsets[i]));
        QCOMPARE(r.header("Content-Length"), QByteArray::number(lengths[i]));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/offset+octet-stream"));
    }
    for (const Request &r : std::as_const(server.requests)) {
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer secret"));
        QCOMPARE(r.header("Host"), QByteArray("api.example.org"));
        QVERIFY2(r.header("Expect").isEmpty(), r.head.constData()); // no 100-continue wait
    }
    QCOMPARE(server.requests.last().method(), QByteArray("GET"));
    QCOMPARE(server.connections, 1); // one kept-alive connection for the whole upload
    // One report per confirmed part.
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.at(0).at(0).toLongLong(), 10000000);
    QCOMPARE(progress.at(2).at(0).toLongLong(), 25000001);
}

void TestUploadParts::progressOnlyFromConfirmedOffsets()
{
    // The whole part reaches the server, which holds back its answer: nothing counts yet. Then
    // it confirms less than it got, and the job goes on from there.
    TusServer server;
    const QString path = writeFile(5000000);
    QTcpSocket *held = nullptr;
    Request heldRequest;
    server.script = {normal(), [&](TusServer *, QTcpSocket *s, const Request &r) {
                         held = s;
                         heldRequest = r;
                     }};
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy progress(&job, &UploadJob::progress);
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(held, 15000);
    QCOMPARE(heldRequest.body.size(), 5000000);
    QTest::qWait(100); // any report of bytes sent would have come by now
    QCOMPARE(job.confirmedBytes(), 0);
    for (const QList<QVariant> &report : std::as_const(progress))
        QCOMPARE(report.at(0).toLongLong(), 0); // the HEAD's offset, nothing sent
    server.stored = heldRequest.body.left(3000000);
    held->write(answer("204 No Content", "Upload-Offset: 3000000\r\n"));
    QVERIFY(finished.wait(15000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(progress.at(1).at(0).toLongLong(), 3000000);
    const QList<Request> patches = server.patches();
    QCOMPARE(patches.size(), 2);
    QCOMPARE(patches.at(1).header("Upload-Offset"), QByteArray("3000000"));
    QCOMPARE(patches.at(1).body.size(), 2000000);
    QVERIFY(server.stored == m_content);
}

void TestUploadParts::serverClosesInTheMiddleOfAPart()
{
    // The connection breaks 1.5 MB into a 6 MB part: the server's offset (HEAD) says how much
    // it kept, and the job sends the rest from the file.
    TusServer server;
    server.closeAfterBodyBytes = 1500000;
    const QString path = writeFile(6000000);
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries());
    QSignalSpy retrying(&job, &UploadJob::retrying);
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(retrying.size(), 1);
    QVERIFY(server.stored == m_content);
    const QList<Request> patches = server.patches();
    QCOMPARE(patches.size(), 1); // the broken one never completed
    const qint64 resumedAt = patches.first().header("Upload-Offset").toLongLong();
    QVERIFY(resumedAt >= 1500000 && resumedAt < 6000000);
    QCOMPARE(patches.first().body.size(), 6000000 - resumedAt);
    QVERIFY(server.requests.at(server.requests.size() - 3).method() == "HEAD");
}

void TestUploadParts::serverClosesInTheMiddleOfTheAnswer()
{
    // The part arrived, its answer did not: the HEAD finds every byte there, and nothing is
    // sent twice.
    TusServer server;
    server.script = {
        normal(), [](TusServer *t, QTcpSocket *s, const Request &r) {
            t->stored += r.body;
            s->write("HTTP/1.1 200 OK\r\nUpload-Offset: 4\r\nContent-Length: 100\r\n\r\n{\"id\"");
            s->flush();
            s->disconnectFromHost();
        }};
    const QString path = writeFile(2000000);
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy retrying(&job, &UploadJob::retrying);
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(server.patches().size(), 1);
    QVERIFY(server.stored == m_content);
}

void TestUploadParts::answerArrivesByteByByte()
{
    // A slow server: the answer's bytes come one per turn of its loop, in any header case.
    TusServer server;
    server.script = {normal(), [](TusServer *t, QTcpSocket *s, const Request &r) {
                         t->stored += r.body;
                         const QByteArray data = "HTTP/1.1 204 No Content\r\nupload-OFFSET: " +
                                                 QByteArray::number(t->stored.size()) +
                                                 "\r\nTus-Resumable: 1.0.0\r\n\r\n";
                         for (qsizetype i = 0; i < data.size(); ++i) {
                             QTimer::singleShot(int(i), s, [s, byte = data.mid(i, 1)] {
                                 s->write(byte);
                                 s->flush();
                             });
                         }
                     }};
    const QString path = writeFile(300000);
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries(200000));
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy progress(&job, &UploadJob::progress);
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(progress.at(1).at(0).toLongLong(), 200000);
    QVERIFY(server.stored == m_content);
}

void TestUploadParts::conflictAsksForTheOffset()
{
    // A 409 (chunked, with goa-error) means our offset is not the server's: HEAD, then on.
    TusServer server;
    server.script = {normal(), [](TusServer *, QTcpSocket *s, const Request &) {
                         s->write("HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n"
                                  "goa-error: offset_mismatch\r\n\r\n"
                                  "7;ext=1\r\n{\"messa\r\n"
                                  "15\r\nge\":\"offset 0 ≠ 9\"}\r\n" // 21 bytes: ≠ takes three
                                  "0\r\n\r\n");
                     }};
    const QString path = writeFile(1000);
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy retrying(&job, &UploadJob::retrying);
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(server.patches().size(), 2);
    QVERIFY(server.stored == m_content);
}

void TestUploadParts::silentServerTimesOutAndResumes()
{
    // The part is taken and never answered: after the connection's timeout the job asks for
    // the offset and finds it complete.
    TusServer server;
    server.script = {normal(),
                     [](TusServer *t, QTcpSocket *, const Request &r) { t->stored += r.body; }};
    const QString path = writeFile(100000);
    Connection connection(server.base(), QStringLiteral("tok"));
    connection.setTimeoutMs(300);
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy retrying(&job, &UploadJob::retrying);
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QVERIFY(retrying.size() >= 1);
    QCOMPARE(server.patches().size(), 1);
    QVERIFY(server.stored == m_content);
}

void TestUploadParts::rejectedPartEndsTheUpload()
{
    // A server that refuses a part on its head alone, before reading the body: its answer
    // counts, not the broken pipe that follows, and a refusal is not retried.
    TusServer server;
    server.earlyPatchAnswer =
        "HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    const QString path = writeFile(8 * 1024 * 1024);
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy retrying(&job, &UploadJob::retrying);
    QVERIFY(run(job));
    QCOMPARE(job.state(), TransferState::Failed);
    QCOMPARE(job.error().httpStatus, 413);
    QVERIFY2(job.errorMessage().contains(QLatin1String("rejected")),
             qPrintable(job.errorMessage()));
    QVERIFY(retrying.isEmpty());
    QCOMPARE(server.patches().size(), 1);
    QCOMPARE(job.confirmedBytes(), 0);
}

void TestUploadParts::fileShrinkingUnderAPartFails()
{
    // The file is cut short while libcurl reads a part from it: the bytes would not be the
    // queued file's, so the upload fails naming the file, and the artifact is kept.
    TusServer server;
    const QString path = writeFile(40000000);
    server.onPatchBody = [path] { QFile::resize(path, 0); };
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries(40000000));
    QSignalSpy retrying(&job, &UploadJob::retrying);
    QVERIFY(run(job));
    QCOMPARE(job.state(), TransferState::Failed);
    QCOMPARE(job.error().kind, ApiError::Kind::Local);
    QVERIFY2(job.errorMessage().contains(path), qPrintable(job.errorMessage()));
    QVERIFY2(job.errorMessage().contains(QLatin1String("changed during the upload")),
             qPrintable(job.errorMessage()));
    QVERIFY2(job.errorMessage().contains(QString::fromLatin1(kArtifact)),
             qPrintable(job.errorMessage()));
    QVERIFY(retrying.isEmpty());
    QVERIFY(job.canRetry());
}

void TestUploadParts::pauseClosesThePartInFlight()
{
    TusServer server;
    server.script = {normal(), silence()}; // the HEAD, then the PATCH: no answer
    const QString path = writeFile(3000000);
    Connection connection(server.base(), QStringLiteral("tok"));
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    QSignalSpy finished(&job, &UploadJob::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 15000);
    const Request patch = server.requests.at(1);
    QCOMPARE(patch.method(), QByteArray("PATCH"));
    QCOMPARE(patch.body.size(), 3000000);
    QVERIFY(!server.closed.contains(patch.connection));
    job.pause();
    QCOMPARE(job.state(), TransferState::Paused);
    QTRY_VERIFY_WITH_TIMEOUT(server.closed.contains(patch.connection), 5000);
    QCOMPARE(job.confirmedBytes(), 0);

    // The unanswered part was kept by the server: the resume's HEAD says so.
    server.stored = patch.body;
    job.resume();
    QVERIFY(finished.wait(15000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(server.patches().size(), 1);
}

void TestUploadParts::deletingTheJobCancelsItsPart()
{
    TusServer server;
    const QString path = writeFile(20000000);
    Connection connection(server.base(), QStringLiteral("tok"));
    auto *job = new UploadJob(&connection, path, quickRetries(20000000));
    job->setResumeTarget(QString::fromLatin1(kArtifact), server.dataUrl());
    bool bodyStarted = false;
    server.onPatchBody = [&bodyStarted] { bodyStarted = true; };
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(bodyStarted, 15000);
    const int patchConnection = server.connections;
    delete job; // mid-part: the connection closes, nothing of the job is left to run
    QTRY_VERIFY_WITH_TIMEOUT(server.closed.contains(patchConnection), 5000);
    QVERIFY(server.patches().isEmpty());
}

void TestUploadParts::tokenOnlyForTheConfiguredOrigin()
{
    // A data URL on another origin (another port of the same host) gets no token; the
    // configured origin's record read does.
    TusServer api;
    TusServer other;
    const QString path = writeFile(1000);
    api.recordSize = 1000;
    Connection connection(api.base(), QStringLiteral("secret"));
    UploadJob job(&connection, path, quickRetries());
    job.setResumeTarget(QString::fromLatin1(kArtifact), other.dataUrl());
    QVERIFY(run(job));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(other.requests.size(), 2); // HEAD and PATCH
    for (const Request &r : std::as_const(other.requests)) {
        QVERIFY(r.header("Authorization").isEmpty());
        QVERIFY(!r.head.contains("secret"));
    }
    QCOMPARE(api.requests.size(), 1);
    QCOMPARE(api.requests.first().header("Authorization"), QByteArray("Bearer secret"));
    QVERIFY(other.stored == m_content);
}

QTEST_GUILESS_MAIN(TestUploadParts)
#include "tst_upload_parts.moc"
