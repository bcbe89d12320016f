// Unit tests of request building and of failures the sandbox cannot produce (a tiny fake
// server answering garbage).
#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "net/curlrequest.h"
#include "api/listquery.h"
#include "models/artifactlistmodel.h"
#include "models/parametermodel.h"

#include <QJsonArray>

#include <QAbstractItemModelTester>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace ivcap;

namespace {
// Answers every request with the given raw HTTP response.
class FakeServer : public QTcpServer
{
public:
    explicit FakeServer(QByteArray response) : m_response(std::move(response))
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_requests += s->readAll();
                    if (!m_requests.contains("\r\n\r\n"))
                        return;
                    s->write(m_response);
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())); }
    QByteArray m_response;
    QByteArray m_requests;
};

QByteArray http(const QByteArray &status, const QByteArray &body)
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}
} // namespace

class TestApiRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void percentEncodesPlusAndPercent()
    {
        Connection c(QUrl(QStringLiteral("http://h.example")), QStringLiteral("tok"));
        ListQuery q;
        q.filter = QStringLiteral("name ~= 'a+b%'");
        q.atTime = QDateTime(QDate(2023, 9, 1), QTime(0, 0), Qt::OffsetFromUTC, 36000);
        q.limit = 20;
        const QUrl url =
            c.apiUrl(QStringLiteral("/1/artifacts"), q.firstPageItems(QStringLiteral("artifacts")));
        const QString s = url.toString(QUrl::FullyEncoded);
        QVERIFY2(s.contains(QStringLiteral("at-time=2023-09-01T00%3A00%3A00%2B10%3A00")),
                 qPrintable(s));
        QVERIFY2(s.contains(QStringLiteral("a%2Bb%25")), qPrintable(s));
        QVERIFY(s.contains(QStringLiteral("limit=20")));
        QVERIFY(s.contains(QStringLiteral("order-desc=false")));
    }
    void utcTimeHasZ()
    {
        QCOMPARE(ListQuery::formatTime(QDateTime(QDate(2023, 10, 2), QTime(3, 4, 5), Qt::UTC)),
                 QStringLiteral("2023-10-02T03:04:05Z"));
    }
    void pageTokenIsDecoded()
    {
        QCOMPARE(ListQuery::pageToken(QStringLiteral("http://h/1/services?page=ab%2Bc%3D")),
                 QStringLiteral("ab+c="));
        QCOMPARE(ListQuery::pageToken(QString()), QString());
        ListQuery q;
        q.filter = QStringLiteral("x");
        const auto items = q.pageItems(QStringLiteral("tok"));
        QCOMPARE(items.size(), 2); // never resend the query with a cursor
    }
    void tokenNotSentToOtherHost()
    {
        Connection c(QUrl(QStringLiteral("http://h.example:8080")), QStringLiteral("secret"));
        const auto authorization = [&c](const QUrl &url) {
            std::unique_ptr<net::CurlRequest> request(c.newRequest("GET", url, nullptr));
            return request->requestHeader("Authorization");
        };
        QCOMPARE(authorization(c.apiUrl(QStringLiteral("/1/orders"))), QByteArray("Bearer secret"));
        QVERIFY(authorization(QUrl(QStringLiteral("http://evil.example/1/orders"))).isNull());
        QVERIFY(authorization(QUrl(QStringLiteral("http://h.example:9090/x"))).isNull());
    }
    void dataSelfIsRebased()
    {
        Connection c(QUrl(QStringLiteral("http://127.0.0.1:4000")), QStringLiteral("t"));
        const QUrl u = c.rebase(
            QUrl(QStringLiteral("https://ivcap.internal/1/artifacts/urn:ivcap:artifact:1/blob")));
        QCOMPARE(u.toString(),
                 QStringLiteral("http://127.0.0.1:4000/1/artifacts/urn:ivcap:artifact:1/blob"));
    }
    void orderBodyUsesStringsAndExactNames()
    {
        const QJsonObject body = Api::orderRequestBody(
            QStringLiteral("urn:ivcap:service:1"),
            {{QStringLiteral("img-art"), QStringLiteral("urn:ivcap:artifact:2")},
             {QStringLiteral("threshold"), QStringLiteral("12.5")}});
        const QJsonArray params = body.value(QStringLiteral("parameters")).toArray();
        QCOMPARE(params.at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("img-art"));
        QVERIFY(params.at(1).toObject().value(QStringLiteral("value")).isString());
    }
    void malformedJson()
    {
        FakeServer server(http("200 OK", "{not json"));
        Connection c(server.url(), QStringLiteral("t"));
        auto *r = Api::readService(&c, QStringLiteral("urn:ivcap:service:x"), this);
        QSignalSpy failed(r, &ApiRequest::failed);
        QSignalSpy ok(r, &ApiRequest::finished);
        r->start();
        QCOMPARE(failed.size(), 0); // never synchronous
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::MalformedResponse);
        QCOMPARE(ok.size(), 0);
    }
    void malformedListClearsLoading()
    {
        FakeServer server(http("200 OK", "\x01garbage"));
        Connection c(server.url(), QStringLiteral("t"));
        ArtifactListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        model.setConnection(&c);
        QVERIFY(model.isLoading());
        QVERIFY(errors.wait(5000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(model.lastError().kind, ApiError::Kind::MalformedResponse);
        QVERIFY(!model.isLoading());
        QVERIFY(!model.canFetchMore(QModelIndex()));
    }
    void wrongShapeIsMalformed()
    {
        FakeServer server(http("200 OK", "{\"artifacts\": 5}"));
        Connection c(server.url(), QStringLiteral("t"));
        ArtifactListModel model;
        QSignalSpy errors(&model, &EntityListModel::errorOccurred);
        model.setConnection(&c);
        QVERIFY(errors.wait(5000));
        QCOMPARE(model.lastError().kind, ApiError::Kind::MalformedResponse);
        QVERIFY(!model.isLoading());
    }
    void tooLarge()
    {
        FakeServer server(http("200 OK", QByteArray(10000, ' ') + "{}"));
        Connection c(server.url(), QStringLiteral("t"));
        auto *r = Api::readOrder(&c, QStringLiteral("o"), this);
        r->setMaxBodyBytes(1000);
        QSignalSpy failed(r, &ApiRequest::failed);
        r->start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::TooLarge);
    }
    void postNeverRetried()
    {
        FakeServer server(http("503 Service Unavailable", "{}"));
        Connection c(server.url(), QStringLiteral("t"));
        auto *r = Api::createOrder(&c, QStringLiteral("urn:ivcap:service:x"), {}, QString(), this);
        r->setRetryBaseMs(1);
        QSignalSpy failed(r, &ApiRequest::failed);
        r->start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(r->attempts(), 1);
        QCOMPARE(server.m_requests.count("POST /1/orders"), 1);
    }
    void parameterMandatoryHack()
    {
        ParameterModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QJsonArray defs = QJsonDocument::fromJson(R"([
            {"name":"msg","type":"string","optional":false,"options":[]},
            {"name":"threshold","type":"float","unit":"m","optional":false,"default":"10"},
            {"name":"mode","type":"option","default":"fast","options":[{"value":"fast"},{"value":"exact"}]},
            {"name":"cachable","type":"bool","constant":true,"default":"true"},
            {"name":"odd","type":"weird-new-type"}])")
                                    .array();
        model.setDefinitions(defs);
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.index(0, 0).data(ParameterModel::MandatoryRole).toBool());
        QVERIFY(!model.index(1, 0).data(ParameterModel::MandatoryRole).toBool());
        QCOMPARE(model.index(2, 0).data(ParameterModel::OptionValuesRole).toStringList().size(), 2);
        QVERIFY(!model.index(3, 0).data(ParameterModel::MandatoryRole).toBool());
        QCOMPARE(model.index(4, ParameterModel::TypeColumn).data().toString(),
                 QStringLiteral("string"));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QJsonArray changedDefs = defs;
        QJsonObject first = changedDefs.at(0).toObject();
        first.insert(QStringLiteral("label"), QStringLiteral("Message"));
        changedDefs.replace(0, first);
        model.setDefinitions(changedDefs);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.size(), 1);
    }
    void getRetriedOnTransient()
    {
        FakeServer server(http("503 Service Unavailable", "{}"));
        Connection c(server.url(), QStringLiteral("t"));
        auto *r = Api::readOrder(&c, QStringLiteral("o"), this);
        r->setAutoDelete(false);
        r->setRetryBaseMs(1);
        QSignalSpy failed(r, &ApiRequest::failed);
        r->start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(r->attempts(), 3);
        delete r;
    }
};

QTEST_GUILESS_MAIN(TestApiRequest)
#include "tst_apirequest.moc"
