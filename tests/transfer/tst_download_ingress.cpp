// Downloads and previews as users meet them: a sandbox behind nginx with TLS (a CA of its own,
// given as the connection's CA file), HTTP/2 and gzip for JSON (tests/common/tlsingress). A
// JSON artifact is the content the ingress would compress.
#include "api/connection.h"
#include "api/contentrequest.h"
#include "sandboxprocess.h"
#include "tlsingress.h"
#include "transfer/downloadjob.h"
#include "transfer/uploadjob.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ivcap;

namespace {

// About 1.6 MB of JSON: more than the sandbox's fault cut below and the preview's 1 MiB.
QByteArray jsonDocument()
{
    QByteArray json = "[";
    for (int i = 0; i < 30000; ++i) {
        if (i > 0)
            json += ",\n";
        json += R"({"index":)" + QByteArray::number(i) + R"(,"value":)" +
                QByteArray::number(i * 7919 % 100003) + R"(,"name":"item )" +
                QByteArray::number(i) + "\"}";
    }
    return json + "]\n";
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(no file)");
}

} // namespace

class TestDownloadIngress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void downloadResumesThroughIngress();
    void previewThroughIngressIsDecoded();

private:
    QTemporaryDir m_dir;
    QByteArray m_json;
    QString m_artifactId;
    // The sandbox's first download is cut off after 300,000 body bytes.
    SandboxProcess m_sandbox{{QStringLiteral("--fault-drop-after"), QStringLiteral("300000"),
                              QStringLiteral("--fault-drop-times"), QStringLiteral("1")},
                             QStringLiteral("0.48")};
    std::unique_ptr<TlsIngress> m_ingress;
    Connection m_viaIngress;
};

void TestDownloadIngress::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    m_ingress = std::make_unique<TlsIngress>(m_sandbox.url());
    QVERIFY2(m_ingress->start(), qPrintable(m_ingress->errorString()));

    // Uploaded straight to the sandbox: what is under test is the way back.
    m_json = jsonDocument();
    const QString source = m_dir.filePath(QStringLiteral("items.json"));
    QFile file(source);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(m_json), m_json.size());
    file.close();
    Connection direct(m_sandbox.url(), m_sandbox.token());
    UploadOptions options;
    options.contentType = QStringLiteral("application/json");
    UploadJob upload(&direct, source, options);
    QSignalSpy uploaded(&upload, &UploadJob::finished);
    upload.start();
    QVERIFY(uploaded.wait(60000));
    QVERIFY2(upload.state() == TransferState::Done, qPrintable(upload.errorMessage()));
    m_artifactId = upload.artifactId();

    m_viaIngress.setBaseUrl(m_ingress->url());
    m_viaIngress.setToken(m_sandbox.token());
    m_viaIngress.setCaFile(m_ingress->caFile());
    m_viaIngress.setTimeoutMs(10000);
}

void TestDownloadIngress::downloadResumesThroughIngress()
{
    // The record read, then the content; the upstream breaks after 300,000 bytes, and the
    // retry asks the ingress for the rest with Range. The file holds the JSON byte for byte.
    const QString target = m_dir.filePath(QStringLiteral("items.copy"));
    DownloadJob job(&m_viaIngress, m_artifactId, target);
    job.setRetryDelayMs(100);
    QSignalSpy finished(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(job.state() == TransferState::Done, qPrintable(job.errorMessage()));
    QCOMPARE(job.retriesUsed(), 1);
    QCOMPARE(job.fetchedBytes(), m_json.size()); // the retry fetched only the rest
    QVERIFY(readFile(target) == m_json);
}

void TestDownloadIngress::previewThroughIngressIsDecoded()
{
    // The preview accepts gzip, which the ingress applies to JSON; it gets the content decoded.
    const QUrl url = m_viaIngress.apiUrl(
        Connection::idPath(QStringLiteral("artifacts"), m_artifactId) + QStringLiteral("/blob"));
    auto *request = new ContentRequest(&m_viaIngress, url, 1 << 20);
    QSignalSpy finished(request, &ContentRequest::finished);
    QSignalSpy failed(request, &ContentRequest::failed);
    request->start();
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 30000));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<ApiError>().toString()));
    QVERIFY(finished.first().at(0).toByteArray() == m_json.left(1 << 20));
    QCOMPARE(finished.first().at(1).toBool(), true);
}

QTEST_GUILESS_MAIN(TestDownloadIngress)
#include "tst_download_ingress.moc"
