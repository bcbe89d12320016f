// Hostile clients against the sandbox: every abuse gets a 4xx (never a 5xx), returns nothing it
// should not, and leaves the sandbox serving. Raw sockets are used where a well-behaved HTTP
// client would clean the request up first (dot segments, header sizes, bytes that are no UTF-8).
// The whole suite runs once per dialect (v0.28, then v0.48) against a sandbox speaking it.

#include "sandboxapi.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

namespace {
struct RawReply
{
    int status = 0; // 0: the server closed the connection without an answer
    QByteArray head;
    QByteArray body;
};

// Sends `request` as is and reads one answer (Content-Length framed) or the closed connection.
RawReply rawExchange(const QUrl &base, const QByteArray &request)
{
    RawReply reply;
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(10000))
        return reply;
    socket.write(request);
    QByteArray data;
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    for (int i = 0; i < 200; ++i) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = data.left(end);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (data.size() >= end + 4 + length) {
                reply.head = head;
                reply.body = data.mid(end + 4, length);
                reply.status = head.mid(9, 3).toInt();
                return reply;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && !socket.bytesAvailable())
            break;
        socket.waitForReadyRead(100);
        data += socket.readAll();
    }
    return reply;
}

const QString kGradient48 =
    QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");

QByteArray rawGet(const QByteArray &target, const QByteArray &token,
                  const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
           "\r\n" + extraHeaders + "Connection: close\r\n\r\n";
}
} // namespace

class TestSandboxAbuse : public QObject
{
    Q_OBJECT

public:
    explicit TestSandboxAbuse(QString api) : m_api048(api == QLatin1String("0.48")), m_dialect(api)
    {}

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void pathTraversalThroughIds_data();
    void pathTraversalThroughIds();
    void hugeHeaders_data();
    void hugeHeaders();
    void invalidTextInHeaders_data();
    void invalidTextInHeaders();
    void badUploadOffset_data();
    void badUploadOffset();
    void badDeclaredLengths_data();
    void badDeclaredLengths();
    void patchBeyondDeclaredLength();
    void badRanges_data();
    void badRanges();
    void queryBreakout_data();
    void queryBreakout();
    void everyRouteNeedsTheToken_data();
    void everyRouteNeedsTheToken();
    void hostileBodies_data();
    void hostileBodies();

private:
    // What differs between the dialects: list keys, the data URL, the collections.
    QString listKey(const QString &collection) const
    {
        if (m_api048)
            return QStringLiteral("items");
        return collection == QLatin1String("metadata") ? QStringLiteral("records") : collection;
    }
    QString dataUrl(const QJsonObject &artifact) const
    {
        return m_api048 ? artifact.value(QLatin1String("data-href")).toString()
                        : artifact.value(QLatin1String("data")).toObject().value("self").toString();
    }
    QString services() const
    {
        return m_api048 ? QStringLiteral("services2") : QStringLiteral("services");
    }
    bool m_api048;
    QString m_dialect;
    // The sandbox still answers a plain list after the abuse.
    bool stillServing();
    QString createArtifact(qint64 declaredLength, QString *dataUrl);

    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
    QString m_artifact; // a ready artifact with known content
};

void TestSandboxAbuse::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{}, m_dialect);
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
    m_artifact = m_api->uploadArtifact(QStringLiteral("known.txt"), "known content");
    QVERIFY(!m_artifact.isEmpty());
}

void TestSandboxAbuse::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxAbuse::init()
{
    QVERIFY(stillServing());
}

void TestSandboxAbuse::cleanup()
{
    QVERIFY2(stillServing(), "the sandbox stopped serving after the abuse");
}

bool TestSandboxAbuse::stillServing()
{
    const ApiReply reply = m_api->get(QStringLiteral("/1/artifacts/") + m_artifact + "/blob");
    return reply.status == 200 && reply.body == "known content";
}

QString TestSandboxAbuse::createArtifact(qint64 declaredLength, QString *dataUrl)
{
    HeaderList headers{{"X-Name", QByteArray("abuse").toBase64()}, {"Tus-Resumable", "1.0.0"}};
    if (declaredLength >= 0)
        headers.append({"X-Content-Length", QByteArray::number(declaredLength)});
    const ApiReply created = m_api->send("POST", QStringLiteral("/1/artifacts"), {}, headers);
    if (created.status != 201)
        return QString();
    *dataUrl = this->dataUrl(created.json());
    return created.json().value(QLatin1String("id")).toString();
}

void TestSandboxAbuse::pathTraversalThroughIds_data()
{
    QTest::addColumn<QByteArray>("target");
    // Raw targets: dot segments and encoded slashes reach the server exactly as written.
    QTest::newRow("dot segments to the database")
        << QByteArray("/1/artifacts/../../sandbox.sqlite");
    QTest::newRow("encoded dot segments")
        << QByteArray("/1/artifacts/%2e%2e%2f%2e%2e%2fsandbox.sqlite/blob");
    QTest::newRow("urn with traversal")
        << QByteArray("/1/artifacts/urn:ivcap:artifact:..%2F..%2Fsandbox.sqlite/blob");
    QTest::newRow("blob of a blob path")
        << QByteArray("/1/artifacts/..%2Fblobs%2F00000000-0000-0000-0000-000000000000/blob");
    QTest::newRow("absolute path") << QByteArray("/1/artifacts/%2Fetc%2Fpasswd/blob");
    QTest::newRow("nul byte") << QByteArray("/1/artifacts/x%00.sqlite/blob");
    QTest::newRow("service") << ("/1/" + services().toLatin1() + "/..%2F..%2F..%2Fetc%2Fpasswd");
    QTest::newRow("job") << QByteArray("/1/services2/..%2F..%2Fsandbox.sqlite/jobs/..%2F..%2Fx");
    QTest::newRow("job output") << QByteArray(
        "/1/services2/urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38/jobs/"
        "..%2F..%2F..%2Fsandbox.sqlite/output");
    QTest::newRow("aspect") << QByteArray("/1/aspects/..%2F..%2Fsandbox.sqlite");
    QTest::newRow("order products") << QByteArray("/1/orders/%2e%2e/products");
    QTest::newRow("order") << QByteArray("/1/orders/%2e%2e");
    QTest::newRow("metadata") << QByteArray("/1/metadata/..%2F..%2Fsandbox.sqlite");
    QTest::newRow("too many segments") << QByteArray("/1/artifacts/a/blob/../../x/y/z");
}

void TestSandboxAbuse::pathTraversalThroughIds()
{
    QFETCH(QByteArray, target);
    const RawReply reply =
        rawExchange(m_sandbox->url(), rawGet(target, m_sandbox->token().toUtf8()));
    QVERIFY2(reply.status >= 400 && reply.status < 500, reply.head.constData());
    QVERIFY(!reply.body.contains("SQLite format"));
    QVERIFY(!reply.body.contains("root:"));
}

void TestSandboxAbuse::hugeHeaders_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::newRow("one 64 KiB header") << "X-Filler: " + QByteArray(64 * 1024, 'a') + "\r\n";
    QTest::newRow("one 1 MiB header") << "X-Filler: " + QByteArray(1024 * 1024, 'a') + "\r\n";
    QByteArray many;
    for (int i = 0; i < 20000; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("20,000 headers") << many;
    QTest::newRow("huge Authorization")
        << "Authorization: Bearer " + QByteArray(256 * 1024, 't') + "\r\n";
}

void TestSandboxAbuse::hugeHeaders()
{
    QFETCH(QByteArray, headers);
    const RawReply reply = rawExchange(
        m_sandbox->url(), "GET /1/artifacts HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n");
    // Refusing or closing the connection are both fine; answering with the list is not (the
    // token line may have been pushed out), and neither is a server error.
    QVERIFY2(reply.status == 0 || (reply.status >= 400 && reply.status < 500),
             reply.head.constData());
}

void TestSandboxAbuse::invalidTextInHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("X-Name invalid UTF-8") << QByteArray("X-Name") << QByteArray("\xff\xfe\x80x");
    QTest::newRow("X-Name invalid base64") << QByteArray("X-Name") << QByteArray("!!!not*base64=");
    QTest::newRow("X-Name base64 of invalid UTF-8")
        << QByteArray("X-Name") << QByteArray("\xff\xfe").toBase64();
    QTest::newRow("X-Name base64 of control characters")
        << QByteArray("X-Name") << QByteArray("a\x01\x1b[2J").toBase64();
    QTest::newRow("X-Name base64 of a NUL")
        << QByteArray("X-Name") << QByteArray("a\0b", 3).toBase64();
    QTest::newRow("X-Name overlong UTF-8 slash")
        << QByteArray("X-Name") << QByteArray("\xc0\xaf..\xc0\xaf").toBase64();
    QTest::newRow("X-Content-Type invalid UTF-8")
        << QByteArray("X-Content-Type") << QByteArray("text/\xff\xfe");
    QTest::newRow("X-Collection invalid UTF-8")
        << QByteArray("X-Collection") << QByteArray("\xed\xa0\x80");
    QTest::newRow("X-Policy invalid UTF-8") << QByteArray("X-Policy") << QByteArray("\x80\x80");
}

void TestSandboxAbuse::invalidTextInHeaders()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    const ApiReply created = m_api->send("POST", QStringLiteral("/1/artifacts"), {},
                                         {{header, value}, {"X-Content-Length", "0"}});
    // Names are free text: the record is created, and its JSON stays valid UTF-8.
    QVERIFY2(created.status == 201 || (created.status >= 400 && created.status < 500),
             qPrintable(created.describe()));
    if (created.status != 201)
        return;
    const QString id = created.json().value(QLatin1String("id")).toString();
    const ApiReply read = m_api->get(QStringLiteral("/1/artifacts/") + id);
    QCOMPARE(read.status, 200);
    QJsonParseError error;
    QJsonDocument::fromJson(read.body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(QString::fromUtf8(read.body).toUtf8() == read.body);
    const ApiReply list = m_api->get(QStringLiteral("/1/artifacts?limit=50&order-desc=true"));
    QCOMPARE(list.status, 200);
    QVERIFY(list.doc().isObject());
}

void TestSandboxAbuse::badUploadOffset_data()
{
    QTest::addColumn<QByteArray>("offset");
    QTest::newRow("negative") << QByteArray("-1");
    QTest::newRow("negative zero") << QByteArray("-0");
    QTest::newRow("plus sign") << QByteArray("+0");
    QTest::newRow("huge") << QByteArray("9223372036854775807");
    QTest::newRow("beyond 64 bits") << QByteArray("99999999999999999999999");
    QTest::newRow("not a number") << QByteArray("zero");
    QTest::newRow("hex") << QByteArray("0x0");
    QTest::newRow("empty") << QByteArray("");
}

void TestSandboxAbuse::badUploadOffset()
{
    QFETCH(QByteArray, offset);
    QString dataUrl;
    QVERIFY(!createArtifact(4, &dataUrl).isEmpty());
    HeaderList headers{{"Content-Type", "application/offset+octet-stream"},
                       {"Tus-Resumable", "1.0.0"}};
    if (!offset.isEmpty())
        headers.append({"Upload-Offset", offset});
    const ApiReply patched = m_api->send("PATCH", dataUrl, "abcd", headers);
    VERIFY_ERROR(patched, 409);
    QCOMPARE(patched.header("upload-offset"), QByteArray("0"));
    // Nothing was stored, and the right offset still works.
    QCOMPARE(m_api->send("HEAD", dataUrl).header("upload-offset"), QByteArray("0"));
    const ApiReply good =
        m_api->send("PATCH", dataUrl, "abcd",
                    {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", "0"}});
    QCOMPARE(good.status, 204);
}

void TestSandboxAbuse::badDeclaredLengths_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("X-Content-Length negative")
        << QByteArray("X-Content-Length") << QByteArray("-2");
    QTest::newRow("X-Content-Length beyond 64 bits")
        << QByteArray("X-Content-Length") << QByteArray("99999999999999999999999");
    QTest::newRow("X-Content-Length text") << QByteArray("X-Content-Length") << QByteArray("ten");
    QTest::newRow("Upload-Length negative") << QByteArray("Upload-Length") << QByteArray("-5");
    QTest::newRow("Upload-Length text") << QByteArray("Upload-Length") << QByteArray("lots");
    QTest::newRow("Upload-Length beyond 64 bits")
        << QByteArray("Upload-Length") << QByteArray("99999999999999999999999");
}

void TestSandboxAbuse::badDeclaredLengths()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    if (header == "X-Content-Length") {
        const ApiReply created = m_api->send("POST", QStringLiteral("/1/artifacts"), {},
                                             {{"X-Name", "eA=="}, {header, value}});
        // v0.48 lists no 422 for uploads: a bad header is a bad request there.
        VERIFY_ERROR(created, m_api048 ? 400 : 422);
        return;
    }
    // Upload-Length only counts on an artifact whose length was deferred.
    QString dataUrl;
    QVERIFY(!createArtifact(-1, &dataUrl).isEmpty());
    const ApiReply patched = m_api->send("PATCH", dataUrl, "abcd",
                                         {{"Content-Type", "application/offset+octet-stream"},
                                          {"Upload-Offset", "0"},
                                          {header, value}});
    VERIFY_ERROR(patched, 422);
    const ApiReply head = m_api->send("HEAD", dataUrl);
    QCOMPARE(head.header("upload-offset"), QByteArray("0"));
    QCOMPARE(head.header("upload-defer-length"), QByteArray("1"));
}

void TestSandboxAbuse::patchBeyondDeclaredLength()
{
    QString dataUrl;
    const QString id = createArtifact(10, &dataUrl);
    QVERIFY(!id.isEmpty());
    const HeaderList at0{{"Content-Type", "application/offset+octet-stream"},
                         {"Upload-Offset", "0"}};
    VERIFY_ERROR(m_api->send("PATCH", dataUrl, QByteArray(11, 'x'), at0), 413);
    QCOMPARE(m_api->send("HEAD", dataUrl).header("upload-offset"), QByteArray("0"));
    QCOMPARE(m_api->send("PATCH", dataUrl, QByteArray(10, 'x'), at0).status, 204);
    // Complete: one more byte is beyond the length too.
    VERIFY_ERROR(
        m_api->send("PATCH", dataUrl, "y",
                    {{"Content-Type", "application/offset+octet-stream"}, {"Upload-Offset", "10"}}),
        413);
    // A deferred length below what is stored already is refused as well.
    QString deferredUrl;
    QVERIFY(!createArtifact(-1, &deferredUrl).isEmpty());
    QCOMPARE(m_api->send("PATCH", deferredUrl, "abcd", at0).status, 204);
    VERIFY_ERROR(m_api->send("PATCH", deferredUrl, "e",
                             {{"Content-Type", "application/offset+octet-stream"},
                              {"Upload-Offset", "4"},
                              {"Upload-Length", "2"}}),
                 422);
    const ApiReply read = m_api->get(QStringLiteral("/1/artifacts/") + id + "/blob");
    QCOMPARE(read.body, QByteArray(10, 'x'));
}

void TestSandboxAbuse::badRanges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::newRow("first beyond 64 bits") << QByteArray("bytes=99999999999999999999-") << 416;
    QTest::newRow("negative first") << QByteArray("bytes=-5-") << 416;
    QTest::newRow("first beyond the end") << QByteArray("bytes=13-") << 416;
    QTest::newRow("reversed") << QByteArray("bytes=5-2") << 416;
    QTest::newRow("two ranges") << QByteArray("bytes=0-1,3-4") << 416;
    QTest::newRow("other unit") << QByteArray("items=0-1") << 416;
    QTest::newRow("last beyond 64 bits") << QByteArray("bytes=6-99999999999999999999") << 206;
}

void TestSandboxAbuse::badRanges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    const ApiReply reply = m_api->send(
        "GET", QStringLiteral("/1/artifacts/") + m_artifact + "/blob", {}, {{"Range", range}});
    QVERIFY2(reply.status == status, qPrintable(reply.describe()));
    if (status == 416) {
        QCOMPARE(reply.header("content-range"), QByteArray("bytes */13"));
        QVERIFY(!reply.body.contains("known content"));
    } else {
        // "known content": from byte 6 to the end.
        QCOMPARE(reply.body, QByteArray("content"));
        QCOMPARE(reply.header("content-range"), QByteArray("bytes 6-12/13"));
    }
}

void TestSandboxAbuse::queryBreakout_data()
{
    QTest::addColumn<QString>("query");
    const auto filter = [](const char *text) -> QString {
        return QStringLiteral("filter=") + SandboxApi::enc(QString::fromUtf8(text));
    };
    const auto cursor = [](const char *json) -> QString {
        return QStringLiteral("page=") +
               QString::fromLatin1(QByteArray(json).toBase64(QByteArray::Base64UrlEncoding |
                                                             QByteArray::OmitTrailingEquals));
    };
    QTest::newRow("or true") << filter("name ~= 'x' OR 1=1 --");
    QTest::newRow("quote breakout") << filter("name = x' OR '1'='1");
    QTest::newRow("union") << filter("name ~= '%' UNION SELECT id, name FROM services --");
    QTest::newRow("stacked statement") << filter("name ~= ''); DROP TABLE artifacts; --'");
    QTest::newRow("field is sql") << filter("(SELECT 1) = 1");
    QTest::newRow("unknown field") << filter("policy = x");
    QTest::newRow("comment field") << filter("name-- = x");
    QTest::newRow("invalid UTF-8") << QStringLiteral("filter=name%20%3D%20%FF%FE");
    QTest::newRow("order-by sql") << QStringLiteral("order-by=name%3B%20DROP%20TABLE%20artifacts");
    QTest::newRow("order-by direction") << QStringLiteral("order-by=name%20DESC");
    QTest::newRow("at-time sql") << QStringLiteral("at-time=2023-01-01T00%3A00%3A00Z'%20OR%20'1");
    QTest::newRow("limit huge") << QStringLiteral("limit=99999999999999999999");
    QTest::newRow("limit negative") << QStringLiteral("limit=-1");
    QTest::newRow("cursor not base64") << QStringLiteral("page=%25%25%25");
    QTest::newRow("cursor not json") << cursor("not json");
    QTest::newRow("cursor order-by sql") << cursor(R"({"order-by":"1; DROP TABLE artifacts"})");
    QTest::newRow("cursor filter sql") << cursor(R"({"filter":"name = x' OR '1'='1"})");
    QTest::newRow("cursor negative offset") << cursor(R"({"offset":-100,"limit":-5})");
    QTest::newRow("cursor huge offset") << cursor(R"({"offset":1e300,"limit":1e300})");
    QTest::newRow("cursor after sql") << cursor(R"({"after":["') OR 1=1 --",1]})");
    QTest::newRow("cursor after objects") << cursor(R"({"after":[{"a":1},[2]]})");
    QTest::newRow("cursor at-time sql") << cursor(R"({"at-time":"x' OR '1'='1"})");
    QTest::newRow("cursor extra") << cursor(R"({"extra":{"entity-id":"' OR 1=1 --"}})");
}

void TestSandboxAbuse::queryBreakout()
{
    QFETCH(QString, query);
    const QStringList collections =
        m_api048 ? QStringList{QStringLiteral("artifacts"), QStringLiteral("services2"),
                               QStringLiteral("orders"),
                               QStringLiteral("services2/") + kGradient48 + QStringLiteral("/jobs")}
                 : QStringList{QStringLiteral("artifacts"), QStringLiteral("services"),
                               QStringLiteral("orders"), QStringLiteral("metadata")};
    for (const QString &collection : collections) {
        const ApiReply reply = m_api->get(QStringLiteral("/1/") + collection + "?" + query);
        QVERIFY2(reply.status == 200 || reply.status == 400 || reply.status == 422,
                 qPrintable(collection + QLatin1String(": ") + reply.describe()));
        if (reply.status != 200)
            continue;
        // An accepted query may only narrow the list: never rows of another collection.
        const bool records = !m_api048 && collection == QLatin1String("metadata");
        for (const QJsonValue &item : reply.json().value(listKey(collection)).toArray()) {
            const QString id =
                item.toObject()
                    .value(records ? QStringLiteral("record-id") : QStringLiteral("id"))
                    .toString();
            QVERIFY2(id.isEmpty() || id.startsWith(QStringLiteral("urn:ivcap:")), qPrintable(id));
        }
    }
    // The tables are all still there.
    for (const QString &collection :
         {QStringLiteral("artifacts"), services(), QStringLiteral("orders")})
        QCOMPARE(m_api->get(QStringLiteral("/1/") + collection).status, 200);
    QVERIFY(!m_api->get(QStringLiteral("/1/") + services())
                 .json()
                 .value(listKey(services()))
                 .toArray()
                 .isEmpty());
}

void TestSandboxAbuse::everyRouteNeedsTheToken_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("target");
    const QString svc = QStringLiteral("urn:ivcap:service:00000000-0000-0000-0000-000000000001");
    const QString ord = QStringLiteral("urn:ivcap:order:00000000-0000-0000-0000-000000000001");
    const QString art = QStringLiteral("urn:ivcap:artifact:00000000-0000-0000-0000-000000000001");
    const QString rec = QStringLiteral("urn:ivcap:record:00000000-0000-0000-0000-000000000001");
    QList<QPair<QByteArray, QString>> routes{
        {"GET", "/1/artifacts"},
        {"POST", "/1/artifacts"},
        {"GET", "/1/artifacts/" + art},
        {"HEAD", "/1/artifacts/" + art + "/blob"},
        {"PATCH", "/1/artifacts/" + art + "/blob"},
        {"GET", "/1/artifacts/" + art + "/blob"},
        {"GET", "/1/orders"},
        {"POST", "/1/orders"},
        {"GET", "/1/orders/" + ord},
        {"GET", "/1/metadata"},
        {"POST", "/1/metadata?entity-id=urn:x&schema=urn:y"},
        {"GET", "/1/metadata/" + rec},
        {"PUT", "/1/metadata/" + rec},
        {"DELETE", "/1/metadata/" + rec},
        {"GET", "/1/unknown"},
    };
    if (m_api048) {
        const QString svc48 = kGradient48;
        const QString job = QStringLiteral("urn:ivcap:job:00000000-0000-0000-0000-000000000001");
        const QString aspect =
            QStringLiteral("urn:ivcap:aspect:00000000-0000-0000-0000-000000000001");
        routes += {{"GET", "/1/services2"},
                   {"POST", "/1/services2"},
                   {"GET", "/1/services2/" + svc48},
                   {"PUT", "/1/services2/" + svc48},
                   {"DELETE", "/1/services2/" + svc48},
                   {"GET", "/1/services2/" + svc48 + "/jobs"},
                   {"POST", "/1/services2/" + svc48 + "/jobs"},
                   {"GET", "/1/services2/" + svc48 + "/jobs/" + job},
                   {"GET", "/1/services2/" + svc48 + "/jobs/" + job + "/output"},
                   {"GET", "/1/services2/" + svc48 + "/jobs/" + job + "/events"},
                   {"GET", "/1/orders/" + ord + "/products"},
                   {"GET", "/1/orders/" + ord + "/metadata"},
                   {"GET", "/1/orders/" + ord + "/logs"},
                   {"GET", "/1/orders/" + ord + "/top"},
                   {"GET", "/1/aspects"},
                   {"POST", "/1/aspects?entity=urn:x&schema=urn:y"},
                   {"PUT", "/1/aspects?entity=urn:x&schema=urn:y"},
                   {"GET", "/1/aspects/" + aspect},
                   {"DELETE", "/1/aspects/" + aspect}};
    } else {
        routes +=
            {{"GET", "/1/services"},           {"POST", "/1/services"},
             {"GET", "/1/services/" + svc},    {"PUT", "/1/services/" + svc},
             {"DELETE", "/1/services/" + svc}, {"PUT", "/1/metadata?entity-id=urn:x&schema=urn:y"}};
    }
    for (const auto &[verb, target] : routes)
        QTest::newRow(qPrintable(verb + ' ' + target)) << verb << target;
}

void TestSandboxAbuse::everyRouteNeedsTheToken()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, target);
    const QString realArtifact = QStringLiteral("/1/artifacts/") + m_artifact;
    // The route with a real artifact where the table uses a made-up one, so a missing check
    // would show as data rather than as a 404.
    const QString real = QString(target).replace(
        QRegularExpression(QStringLiteral("^/1/artifacts/urn:[^/]+")), realArtifact);
    const int before = m_api->get(QStringLiteral("/1/artifacts?limit=50"))
                           .json()
                           .value(listKey(QStringLiteral("artifacts")))
                           .toArray()
                           .size();
    const QByteArray token = m_sandbox->token().toUtf8();
    const QList<QPair<QByteArray, int>> credentials{
        {QByteArray(), 400},
        {"Bearer", 401},
        {"Bearer ", 401},
        {"Bearer not-the-token", 401},
        {"Bearer " + token + "x", 401},
        {"Bearer " + token.left(token.size() - 1), 401},
        {"bearer " + token.toUpper(), 401},
        {"Basic " + token.toBase64(), 401},
        {token, 401},
    };
    for (const auto &[authorization, status] : credentials) {
        HeaderList headers{{"Content-Type", "application/json"}};
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        for (const QString &path : {target, real}) {
            const ApiReply reply = m_api->send(verb, path, "{}", headers, false);
            QVERIFY2(reply.status == status, qPrintable(verb + ' ' + path + " with '" +
                                                        authorization + "': " + reply.describe()));
            QVERIFY(!reply.body.contains("known content"));
            QVERIFY(!reply.body.contains("urn:ivcap:"));
        }
    }
    QCOMPARE(m_api->get(QStringLiteral("/1/artifacts?limit=50"))
                 .json()
                 .value(listKey(QStringLiteral("artifacts")))
                 .toArray()
                 .size(),
             before);
}

void TestSandboxAbuse::hostileBodies_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HeaderList>("headers");
    const HeaderList json{{"Content-Type", "application/json"}};
    QStringList targets{QStringLiteral("/1/orders"), QStringLiteral("/1/") + services()};
    if (m_api048)
        targets << QStringLiteral("/1/services2/") + kGradient48 + QStringLiteral("/jobs");
    QByteArray wide = "{";
    for (int i = 0; i < 20000; ++i)
        wide += "\"k" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ",";
    wide += "\"end\": 0}";
    for (const QString &target : targets) {
        const QByteArray t = target.toUtf8();
        QTest::newRow(QByteArray(t + " deep nesting").constData())
            << target << QByteArray(200000, '[') << json;
        QTest::newRow(QByteArray(t + " deep objects").constData())
            << target << QByteArray(100000, '{') << json;
        QTest::newRow(QByteArray(t + " invalid UTF-8").constData())
            << target << QByteArray("{\"msg\": \"\xff\xfe\"}") << json;
        QTest::newRow(QByteArray(t + " 20,000 members").constData()) << target << wide << json;
        QTest::newRow(QByteArray(t + " a string").constData())
            << target << QByteArray("\"just text\"") << json;
        QTest::newRow(QByteArray(t + " null").constData()) << target << QByteArray("null") << json;
        QTest::newRow(QByteArray(t + " empty").constData()) << target << QByteArray() << json;
        QTest::newRow(QByteArray(t + " 4 MiB of x").constData())
            << target << QByteArray(4 * 1024 * 1024, 'x') << json;
        QTest::newRow(QByteArray(t + " huge Timeout").constData())
            << target << QByteArray("{}")
            << HeaderList{{"Content-Type", "application/json"},
                          {"Timeout", "99999999999999999999"}};
    }
}

void TestSandboxAbuse::hostileBodies()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(HeaderList, headers);
    const ApiReply reply = m_api->send("POST", target, body, headers);
    QVERIFY2(reply.status >= 400 && reply.status < 500, qPrintable(reply.describe()));
    QVERIFY(!reply.header("goa-error").isEmpty());
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int failed = 0;
    for (const QString &api : {QStringLiteral("0.28"), QStringLiteral("0.48")}) {
        TestSandboxAbuse test(api);
        failed += QTest::qExec(&test, argc, argv);
    }
    return failed;
}
#include "tst_sandbox_abuse.moc"
