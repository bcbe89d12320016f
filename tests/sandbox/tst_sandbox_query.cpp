// filter, order-by/order-desc and at-time (§5) on lists.

#include "sandboxapi.h"

#include <QDateTime>
#include <QTest>
#include <QUuid>

class TestSandboxQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void filterLikeAndEquals();
    void orderByName();
    void atTime();
    void malformed();

private:
    QStringList names(const QString &target)
    {
        QStringList result;
        const ApiReply reply = m_api->get(target);
        for (const auto &item : reply.json().value(QLatin1String("services")).toArray())
            result.append(item.toObject().value(QLatin1String("name")).toString());
        return result;
    }
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandboxQuery::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandboxQuery::cleanupTestCase()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestSandboxQuery::filterLikeAndEquals()
{
    const QStringList all = names(QStringLiteral("/1/services?limit=50"));
    QVERIFY(all.size() >= 25);
    const QStringList like = names(QStringLiteral("/1/services?limit=50&filter=") +
                                   SandboxApi::enc(QStringLiteral("name~='%Text%'")));
    QVERIFY(!like.isEmpty());
    QVERIFY(like.size() < all.size());
    for (const QString &name : like)
        QVERIFY2(name.contains(QLatin1String("Text"), Qt::CaseInsensitive), qPrintable(name));
    const QString exact = all.first();
    const QStringList equal = names(QStringLiteral("/1/services?limit=50&filter=") +
                                    SandboxApi::enc(QStringLiteral("name='%1'").arg(exact)));
    QVERIFY(!equal.isEmpty());
    for (const QString &name : equal)
        QCOMPARE(name, exact);
}

void TestSandboxQuery::orderByName()
{
    const QStringList asc =
        names(QStringLiteral("/1/services?limit=50&order-by=name&order-desc=false"));
    const QStringList desc =
        names(QStringLiteral("/1/services?limit=50&order-by=name&order-desc=true"));
    QVERIFY(asc.size() >= 25);
    QStringList sorted = asc;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(asc, sorted);
    QStringList reversed(desc.crbegin(), desc.crend());
    QCOMPARE(reversed, sorted);
}

void TestSandboxQuery::atTime()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > before.addSecs(2));
    const QString ref =
        QStringLiteral("attime-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const ApiReply created =
        m_api->postJson(QStringLiteral("/1/services"), serviceDescription(ref));
    QVERIFY2(created.status == 201, qPrintable(created.describe()));
    const QString filter = SandboxApi::enc(QStringLiteral("name='test service %1'").arg(ref));
    QCOMPARE(names(QStringLiteral("/1/services?filter=") + filter).size(), 1);
    // The same moment written with a +10:00 offset, the '+' sent as %2B.
    const QString offsetTime = before.toOffsetFromUtc(10 * 3600).toString(Qt::ISODate);
    QVERIFY(offsetTime.contains(QLatin1Char('+')));
    const ApiReply past = m_api->get(QStringLiteral("/1/services?filter=") + filter +
                                     QStringLiteral("&at-time=") + SandboxApi::enc(offsetTime));
    QVERIFY2(past.status == 200, qPrintable(past.describe()));
    QCOMPARE(past.json().value(QLatin1String("services")).toArray().size(), 0);
    const QString zulu = before.toString(Qt::ISODate);
    QCOMPARE(names(QStringLiteral("/1/services?filter=") + filter + QStringLiteral("&at-time=") +
                   SandboxApi::enc(zulu))
                 .size(),
             0);

    // A revoked metadata record is visible before its revocation and gone now.
    const QString entity =
        QStringLiteral("urn:ivcap:artifact:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const ApiReply added =
        m_api->postJson(QStringLiteral("/1/metadata?entity-id=%1&schema=urn%3Ax%3As.1")
                            .arg(SandboxApi::enc(entity)),
                        QJsonObject{{QStringLiteral("a"), 1}});
    QCOMPARE(added.status, 200);
    const QDateTime whileActive = QDateTime::currentDateTimeUtc().addSecs(1);
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > whileActive.addSecs(1));
    QCOMPARE(m_api
                 ->del(QStringLiteral("/1/metadata/") +
                       added.json().value(QLatin1String("record-id")).toString())
                 .status,
             204);
    const QString list = QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity);
    QCOMPARE(m_api->get(list).json().value(QLatin1String("records")).toArray().size(), 0);
    const ApiReply then =
        m_api->get(list + QStringLiteral("&at-time=") +
                   SandboxApi::enc(whileActive.toOffsetFromUtc(3600).toString(Qt::ISODate)));
    QVERIFY2(then.status == 200, qPrintable(then.describe()));
    QCOMPARE(then.json().value(QLatin1String("records")).toArray().size(), 1);
}

void TestSandboxQuery::malformed()
{
    const ApiReply filter = m_api->get(QStringLiteral("/1/services?filter=") +
                                       SandboxApi::enc(QStringLiteral("name ~~ (")));
    VERIFY_ERROR(filter, 422);
    QCOMPARE(filter.json().value(QLatin1String("name")).toString(), QStringLiteral("filter"));
    const ApiReply atTime = m_api->get(QStringLiteral("/1/services?at-time=yesterday"));
    VERIFY_ERROR(atTime, 400);
    const ApiReply naive = m_api->get(QStringLiteral("/1/services?at-time=2023-09-01T00:00:00"));
    VERIFY_ERROR(naive, 400);
}

QTEST_GUILESS_MAIN(TestSandboxQuery)
#include "tst_sandbox_query.moc"
