// The client encodes query values so that a form-urlencoded reader (IVCAP's Go server, and the
// sandbox, which reads queries the same way) gets them back unchanged: a literal '+' as %2B,
// a space as %20, and '%', '&', '=', quotes and non-ASCII escaped. Checked on the URL, then
// against a real sandbox with entity ids and filters that hold those characters.
#include "exchange.h"
#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "api/listquery.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace ivcap;

namespace {
const QStringList awkward{
    QStringLiteral("a+b"),   QStringLiteral("a b"),     QStringLiteral("a%b"),
    QStringLiteral("a%2Bb"), QStringLiteral("a&b=c"),   QStringLiteral("\"quoted\" 'single'"),
    QStringLiteral("a#b?c"), QStringLiteral("Grüße ☃"), QStringLiteral(" + lead and trail + "),
};

// The value a form-urlencoded reader gets: '+' is a space, then percent-decoding.
QString formDecoded(const QString &encodedQuery, const QString &key)
{
    QString raw = encodedQuery;
    raw.replace(QLatin1Char('+'), QLatin1String("%20"));
    return QUrlQuery(raw).queryItemValue(key, QUrl::FullyDecoded);
}

QJsonObject run(ApiRequest *request)
{
    QSignalSpy finished(request, &ApiRequest::finished);
    QSignalSpy failed(request, &ApiRequest::failed);
    request->start();
    if (!finished.wait(15000))
        return {};
    request->deleteLater();
    return finished.first().first().toJsonDocument().object();
}
} // namespace

class TestQueryEncoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void encodedForFormReaders_data();
    void encodedForFormReaders();
    void entityIdsAgainstSandbox();
    void filtersAgainstSandbox();

private:
    SandboxProcess m_sandbox;
    Connection m_connection;
    QString m_tag;
};

void TestQueryEncoding::initTestCase()
{
    QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
    m_connection.setBaseUrl(m_sandbox.url());
    m_connection.setToken(m_sandbox.token());
    m_tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
}

void TestQueryEncoding::encodedForFormReaders_data()
{
    QTest::addColumn<QString>("value");
    for (const QString &value : awkward)
        QTest::newRow(qPrintable(value)) << value;
}

void TestQueryEncoding::encodedForFormReaders()
{
    QFETCH(QString, value);
    ListQuery query;
    query.entityId = value;
    query.filter = QStringLiteral("name='%1'").arg(value);
    const QUrl url = m_connection.apiUrl(QStringLiteral("/1/metadata"),
                                         query.firstPageItems(QStringLiteral("metadata")));
    const QString encoded = url.query(QUrl::FullyEncoded);
    // No literal '+' or space reaches the wire: both would be read as a space.
    QVERIFY2(!encoded.contains(QLatin1Char('+')) && !encoded.contains(QLatin1Char(' ')),
             qPrintable(encoded));
    QCOMPARE(formDecoded(encoded, QStringLiteral("entity-id")), value);
    QCOMPARE(formDecoded(encoded, QStringLiteral("filter")), query.filter);
    // Sending does not re-encode: the URL as sent is the one built.
    QCOMPARE(QString::fromLatin1(url.toEncoded()).section(QLatin1Char('?'), 1), encoded);
}

void TestQueryEncoding::entityIdsAgainstSandbox()
{
    // Every value is stored, then found by exactly itself and nothing else.
    for (const QString &value : awkward) {
        const QString entity = QStringLiteral("urn:x:%1:").arg(m_tag) + value;
        const QJsonObject added =
            run(Api::addMetadata(&m_connection, entity, QStringLiteral("urn:x:q.1"),
                                 QJsonObject{{"v", value}}, QString(), this));
        QVERIFY2(!added.value("record-id").toString().isEmpty(), qPrintable(value));
    }
    for (const QString &value : awkward) {
        const QString entity = QStringLiteral("urn:x:%1:").arg(m_tag) + value;
        ListQuery query;
        query.entityId = entity;
        const QJsonObject page = run(Api::listMetadata(&m_connection, query, QString(), this));
        const QJsonArray records = page.value("records").toArray();
        QVERIFY2(records.size() == 1, qPrintable(value));
        QCOMPARE(records.first().toObject().value("entity").toString(), entity);
        QCOMPARE(page.value("entity-id").toString(), entity);
    }
}

void TestQueryEncoding::filtersAgainstSandbox()
{
    // Artifacts named with the awkward values, found by a filter on the name. A filter value is
    // quoted with ' so those without one are used.
    QStringList names;
    for (const QString &value : awkward) {
        if (!value.contains(QLatin1Char('\'')))
            names.append(value + m_tag);
    }
    for (const QString &name : names) {
        const test::Exchange created =
            test::exchange(&m_connection, "POST", m_connection.apiUrl(QStringLiteral("/1/artifacts")),
                           {{"X-Name", name.toUtf8().toBase64()}, {"X-Content-Length", "0"}});
        QCOMPARE(created.status, 201);
    }
    for (const QString &name : names) {
        ListQuery query;
        query.filter = QStringLiteral("name='%1'").arg(name);
        const QJsonArray items = run(Api::listArtifacts(&m_connection, query, QString(), this))
                                     .value("artifacts")
                                     .toArray();
        QVERIFY2(items.size() == 1, qPrintable(name));
        QCOMPARE(items.first().toObject().value("name").toString(), name);
    }
}

QTEST_GUILESS_MAIN(TestQueryEncoding)
#include "tst_queryencoding.moc"
