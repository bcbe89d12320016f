// Paging through services (default limit) and 1,000 seeded artifacts (limit 50): every id exactly
// once, `next` exactly `<base>/1/<collection>?page=<token>`, absent on the last page.

#include "sandboxapi.h"

#include <QSet>
#include <QTest>

class TestSandboxPaging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void servicesAtDefaultLimit();
    void thousandArtifacts();
    void firstAndSelfLinks();
    void limitOutOfRange_data();
    void limitOutOfRange();

private:
    static void verifyUniqueIds(const QJsonArray &items, int expectedAtLeast);
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxPaging::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(
        QStringList{QStringLiteral("--seed-artifacts"), QStringLiteral("1000")});
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxPaging::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxPaging::verifyUniqueIds(const QJsonArray &items, int expectedAtLeast)
{
    QSet<QString> ids;
    for (const auto &item : items) {
        const QString id = item.toObject().value(QLatin1String("id")).toString();
        QVERIFY2(!id.isEmpty(), "item without id");
        QVERIFY2(!ids.contains(id), qPrintable(QStringLiteral("id seen twice: ") + id));
        ids.insert(id);
    }
    QVERIFY2(
        ids.size() >= expectedAtLeast,
        qPrintable(
            QStringLiteral("only %1 ids, expected >= %2").arg(ids.size()).arg(expectedAtLeast)));
}

void TestSandboxPaging::servicesAtDefaultLimit()
{
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll(QStringLiteral("/1/services"), QStringLiteral("services"),
                               QStringLiteral("services"), &items, &pages, &error),
             qPrintable(error));
    verifyUniqueIds(items, 25);
    QVERIFY2(pages >= 3, qPrintable(QStringLiteral("%1 pages").arg(pages)));
    // The default limit is 10: every page but the last is full.
    QCOMPARE(pages, (int(items.size()) + 9) / 10);
    // Walking with one big page gives the same set.
    const ApiReply all = m_api->get(QStringLiteral("/1/services?limit=50"));
    QCOMPARE(all.status, 200);
    if (items.size() <= 50)
        QCOMPARE(all.json().value(QLatin1String("services")).toArray().size(), items.size());
}

void TestSandboxPaging::thousandArtifacts()
{
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll(QStringLiteral("/1/artifacts?limit=50"), QStringLiteral("artifacts"),
                               QStringLiteral("artifacts"), &items, &pages, &error),
             qPrintable(error));
    verifyUniqueIds(items, 1000);
    QCOMPARE(items.size(), 1000);
    QCOMPARE(pages, 20);
}

void TestSandboxPaging::firstAndSelfLinks()
{
    const ApiReply page = m_api->get(QStringLiteral("/1/artifacts?limit=50"));
    QCOMPARE(page.status, 200);
    const QJsonObject links = page.json().value(QLatin1String("links")).toObject();
    const QString base = m_sandbox->url().toString();
    QVERIFY2(links.value(QLatin1String("self"))
                 .toString()
                 .startsWith(base + QStringLiteral("/1/artifacts")),
             qPrintable(page.describe()));
    QVERIFY2(links.value(QLatin1String("first"))
                 .toString()
                 .startsWith(base + QStringLiteral("/1/artifacts")),
             qPrintable(page.describe()));
    QVERIFY(links.contains(QLatin1String("next")));
    // A last page (everything fits) has no next link.
    const ApiReply one = m_api->get(QStringLiteral("/1/artifacts?limit=50&filter=") +
                                    SandboxApi::enc(QStringLiteral("name='no such artifact'")));
    QVERIFY2(one.status == 200, qPrintable(one.describe()));
    QVERIFY(!one.json().value(QLatin1String("links")).toObject().contains(QLatin1String("next")));
}

void TestSandboxPaging::limitOutOfRange_data()
{
    QTest::addColumn<QString>("path");
    for (const char *collection : {"services", "orders", "artifacts"}) {
        for (const char *limit : {"0", "51"})
            QTest::addRow("%s limit=%s", collection, limit)
                << QStringLiteral("/1/%1?limit=%2")
                       .arg(QLatin1String(collection), QLatin1String(limit));
    }
    QTest::addRow("metadata limit=51") << QStringLiteral("/1/metadata?schema=urn%3Ax%25&limit=51");
}

void TestSandboxPaging::limitOutOfRange()
{
    QFETCH(QString, path);
    const ApiReply reply = m_api->get(path);
    VERIFY_ERROR(reply, 400);
}

QTEST_GUILESS_MAIN(TestSandboxPaging)
#include "tst_sandbox_paging.moc"
