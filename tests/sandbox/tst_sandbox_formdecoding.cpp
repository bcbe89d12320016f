// Query strings are read as application/x-www-form-urlencoded, as IVCAP's Go server
// (net/url) reads them: a raw '+' is a space, "%2B" a plus, "%20" a space. A sandbox that read
// '+' as a plus hid the client bug PROTOCOL.md §5 warns about. The routes are described by a
// QueryDialect row so another API dialect can run the same cases by adding a row.

#include "sandboxapi.h"

#include <QTest>
#include <QUuid>

#include <functional>

namespace {
struct QueryDialect
{
    QString name;
    QStringList sandboxArgs;
    // Records findable by an exact-match query value: create one for `entity`.
    std::function<QString(const QString &encodedEntity)> createTarget;
    // List records whose entity is exactly the (already encoded) query value.
    std::function<QString(const QString &encodedEntity)> byEntityTarget;
    QString recordsKey;
    QString entityKey; // the record's entity field
    // A list filtered by `filter` (already encoded), and the key of its items.
    std::function<QString(const QString &encodedFilter)> filterTarget;
    QString filterItemsKey;
};

QueryDialect v028()
{
    QueryDialect d;
    d.name = QStringLiteral("v0.28");
    d.createTarget = [](const QString &entity) -> QString {
        return QStringLiteral("/1/metadata?schema=urn:x:q.1&entity-id=") + entity;
    };
    d.byEntityTarget = [](const QString &entity) -> QString {
        return QStringLiteral("/1/metadata?limit=50&entity-id=") + entity;
    };
    d.recordsKey = QStringLiteral("records");
    d.entityKey = QStringLiteral("entity");
    d.filterTarget = [](const QString &filter) -> QString {
        return QStringLiteral("/1/artifacts?limit=50&filter=") + filter;
    };
    d.filterItemsKey = QStringLiteral("artifacts");
    return d;
}

QList<QueryDialect> dialects()
{
    return {v028()};
}
} // namespace

class TestSandboxFormDecoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exactValues_data();
    void exactValues();
    void filterValues_data();
    void filterValues();

private:
    std::vector<std::unique_ptr<SandboxProcess>> m_sandboxes;
    QString m_tag; // keeps this run's entities apart
};

void TestSandboxFormDecoding::initTestCase()
{
    m_tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
    const auto all = dialects();
    for (const QueryDialect &d : all) {
        m_sandboxes.push_back(std::make_unique<SandboxProcess>(d.sandboxArgs));
        SandboxProcess *sandbox = m_sandboxes.back().get();
        QVERIFY2(sandbox->start(), qPrintable(sandbox->errorString()));
        SandboxApi api(sandbox);
        // Entities that differ only in '+' versus ' ', and artifacts named alike.
        for (const QString &entity : {QStringLiteral("a b"), QStringLiteral("a+b"),
                                      QStringLiteral("a%b"), QStringLiteral("a&b=\"c'")}) {
            const QString full = QStringLiteral("urn:x:%1:").arg(m_tag) + entity;
            const ApiReply created =
                api.postJson(d.createTarget(SandboxApi::enc(full)), QJsonObject{{"v", 1}});
            QVERIFY2(created.status == 200 || created.status == 201,
                     qPrintable(created.describe()));
        }
        for (const QString &name : {QStringLiteral("x y"), QStringLiteral("x+y")})
            QVERIFY(!api.uploadArtifact(name + m_tag, "q").isEmpty());
    }
}

void TestSandboxFormDecoding::cleanupTestCase()
{
    m_sandboxes.clear();
}

void TestSandboxFormDecoding::exactValues_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("encoded");  // the entity suffix as sent on the wire
    QTest::addColumn<QString>("expected"); // the one entity suffix it must find
    const auto all = dialects();
    for (int i = 0; i < all.size(); ++i) {
        const QByteArray name = all.at(i).name.toUtf8(); // outlives the rows that print it
        const char *n = name.constData();
        QTest::addRow("%s: raw + is a space", n) << i << "a+b"
                                                 << "a b";
        QTest::addRow("%s: %%2B is a plus", n) << i << "a%2Bb"
                                               << "a+b";
        QTest::addRow("%s: %%2b is a plus", n) << i << "a%2bb"
                                               << "a+b";
        QTest::addRow("%s: %%20 is a space", n) << i << "a%20b"
                                                << "a b";
        QTest::addRow("%s: %%25 is a percent", n) << i << "a%25b"
                                                  << "a%b";
        QTest::addRow("%s: & = and quotes", n) << i << "a%26b%3D%22c%27"
                                               << "a&b=\"c'";
    }
}

void TestSandboxFormDecoding::exactValues()
{
    QFETCH(int, dialect);
    QFETCH(QString, encoded);
    QFETCH(QString, expected);
    const QueryDialect d = dialects().at(dialect);
    SandboxApi api(m_sandboxes.at(size_t(dialect)).get());
    const QString prefix = QStringLiteral("urn:x:%1:").arg(m_tag);
    const ApiReply reply = api.get(d.byEntityTarget(SandboxApi::enc(prefix) + encoded));
    QCOMPARE(reply.status, 200);
    const QJsonArray records = reply.json().value(d.recordsKey).toArray();
    QVERIFY2(records.size() == 1, qPrintable(reply.describe()));
    QCOMPARE(records.first().toObject().value(d.entityKey).toString(), prefix + expected);
}

void TestSandboxFormDecoding::filterValues_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("encodedFilter");
    QTest::addColumn<QString>("expected"); // name prefix of the one artifact found
    const auto all = dialects();
    for (int i = 0; i < all.size(); ++i) {
        const QByteArray name = all.at(i).name.toUtf8(); // outlives the rows that print it
        const char *n = name.constData();
        // name='x y<tag>' written with '+' for the spaces, as a form encoder does.
        QTest::addRow("%s: + in a filter is a space", n) << i << "name+%3D+%27x+y%1%27"
                                                         << "x y";
        QTest::addRow("%s: %%2B in a filter is a plus", n) << i << "name%20%3D%20%27x%2By%1%27"
                                                           << "x+y";
    }
}

void TestSandboxFormDecoding::filterValues()
{
    QFETCH(int, dialect);
    QFETCH(QString, encodedFilter);
    QFETCH(QString, expected);
    const QueryDialect d = dialects().at(dialect);
    SandboxApi api(m_sandboxes.at(size_t(dialect)).get());
    const ApiReply reply = api.get(d.filterTarget(encodedFilter.arg(m_tag)));
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(d.filterItemsKey).toArray();
    QVERIFY2(items.size() == 1, qPrintable(reply.describe()));
    QCOMPARE(items.first().toObject().value("name").toString(), expected + m_tag);
}

QTEST_GUILESS_MAIN(TestSandboxFormDecoding)
#include "tst_sandbox_formdecoding.moc"
