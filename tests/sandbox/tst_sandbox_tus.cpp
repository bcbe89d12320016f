// TUS 1.0.0 upload (§7): create with base64 X-Name, chunked PATCHes, offset/content-type
// errors, resume across a sandbox restart, read back and download identical bytes.

#include "sandboxapi.h"

#include <QTest>

class TestSandboxTus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void chunkedUploadWithRestart();

private:
    ApiReply patch(const QString &url, qint64 offset, const QByteArray &bytes,
                   const QByteArray &type = "application/offset+octet-stream")
    {
        return m_api->send("PATCH", url, bytes,
                           {{"Content-Type", type},
                            {"Upload-Offset", QByteArray::number(offset)},
                            {"Tus-Resumable", "1.0.0"}});
    }
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxTus::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxTus::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxTus::chunkedUploadWithRestart()
{
    QByteArray content;
    for (qint64 i = 0; i < 300000; ++i)
        content.append(char((i * 7919) % 251));
    const QString name = QStringLiteral("résumé ü.bin");
    const ApiReply created = m_api->send("POST", QStringLiteral("/1/artifacts"), {},
                                         {{"X-Name", name.toUtf8().toBase64()},
                                          {"X-Content-Type", "application/octet-stream"},
                                          {"X-Content-Length", QByteArray::number(content.size())},
                                          {"Tus-Resumable", "1.0.0"}});
    QVERIFY2(created.status == 201, qPrintable(created.describe()));
    QCOMPARE(created.header("tus-resumable"), QByteArray("1.0.0"));
    QCOMPARE(created.header("upload-offset"), QByteArray("0"));
    const QJsonObject record = created.json();
    QCOMPARE(record.value(QLatin1String("name")).toString(), name);
    QCOMPARE(record.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
    const QString id = record.value(QLatin1String("id")).toString();
    const QString dataUrl =
        record.value(QLatin1String("data")).toObject().value(QLatin1String("self")).toString();
    QVERIFY2(dataUrl.startsWith(m_sandbox->url().toString()), qPrintable(dataUrl));
    QCOMPARE(QString::fromUtf8(created.header("location")), dataUrl);

    const qint64 chunk = 100000;
    ApiReply first = patch(dataUrl, 0, content.left(chunk));
    QVERIFY2(first.status == 204, qPrintable(first.describe()));
    QCOMPARE(first.header("upload-offset"), QByteArray::number(chunk));
    QCOMPARE(first.header("tus-resumable"), QByteArray("1.0.0"));
    QCOMPARE(m_api->get(QStringLiteral("/1/artifacts/") + id)
                 .json()
                 .value(QLatin1String("status"))
                 .toString(),
             QStringLiteral("partial"));

    const ApiReply wrongOffset = patch(dataUrl, 5, content.mid(5, 10));
    VERIFY_ERROR(wrongOffset, 409);
    const ApiReply wrongType =
        patch(dataUrl, chunk, content.mid(chunk, 10), "application/octet-stream");
    VERIFY_ERROR(wrongType, 415);

    const ApiReply second = patch(dataUrl, chunk, content.mid(chunk, chunk));
    QVERIFY2(second.status == 204, qPrintable(second.describe()));
    QCOMPARE(second.header("upload-offset"), QByteArray::number(2 * chunk));

    // The offset survives a restart (same port, same data directory).
    QVERIFY2(m_sandbox->restart(), qPrintable(m_sandbox->errorString()));
    const ApiReply head = m_api->send("HEAD", dataUrl, {}, {{"Tus-Resumable", "1.0.0"}});
    QVERIFY2(head.status == 200 || head.status == 204, qPrintable(head.describe()));
    QCOMPARE(head.header("upload-offset"), QByteArray::number(2 * chunk));
    QCOMPARE(head.header("tus-resumable"), QByteArray("1.0.0"));

    const ApiReply last = patch(dataUrl, 2 * chunk, content.mid(2 * chunk));
    QVERIFY2(last.status == 204, qPrintable(last.describe()));
    QCOMPARE(last.header("upload-offset"), QByteArray::number(content.size()));

    const ApiReply read = m_api->get(QStringLiteral("/1/artifacts/") + id);
    QCOMPARE(read.status, 200);
    VERIFY_SCHEMA(read, "ArtifactStatusRT");
    QCOMPARE(read.json().value(QLatin1String("status")).toString(), QStringLiteral("ready"));
    QCOMPARE(read.json().value(QLatin1String("size")).toInteger(), qint64(content.size()));
    QCOMPARE(read.json().value(QLatin1String("name")).toString(), name);

    const ApiReply download = m_api->get(dataUrl);
    QCOMPARE(download.status, 200);
    QCOMPARE(download.body.size(), content.size());
    QVERIFY(download.body == content);
    QCOMPARE(download.header("content-type"), QByteArray("application/octet-stream"));
}

QTEST_GUILESS_MAIN(TestSandboxTus)
#include "tst_sandbox_tus.moc"
