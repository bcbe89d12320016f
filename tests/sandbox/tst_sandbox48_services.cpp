// /1/services2 on a v0.48 sandbox: list (paging, order, filter, at-time, free-text search),
// read, create, update and delete, every answer checked against ivcap-openapi-0.48.json.

#include "sandboxapi.h"

#include <QSet>
#include <QTest>

namespace {
const QString kGradient = QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");

QJsonObject definition(const QString &id)
{
    return {{"id", id},
            {"name", QStringLiteral("Test service %1").arg(id.right(4))},
            {"description", "created by the tests"},
            {"tags", QJsonArray{"test"}},
            {"parameters", QJsonArray()},
            {"policy", "urn:ivcap:policy:ivcap.open.service"},
            {"controller-schema", "urn:ivcap:schema.service.rest.1"},
            {"controller", QJsonObject{{"$schema", "urn:ivcap:schema.service.rest.1"},
                                       {"image", "alpine"},
                                       {"command", QJsonArray{"/bin/true"}}}}};
}

QStringList ids(const QJsonArray &items)
{
    QStringList result;
    for (const QJsonValue &item : items)
        result << item.toObject().value("id").toString();
    return result;
}
} // namespace

class TestSandbox48Services : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listPagesThroughTheCatalogue();
    void sdkStylePaging();
    void orderDescDefaultsToTrue();
    void filterWithPlusAsSpace();
    void atTimeWithMicrosecondsAndOffset();
    void searchRanksByScore();
    void searchWithoutMatches();
    void readAcceptsEveryIdSpelling_data();
    void readAcceptsEveryIdSpelling();
    void readUnknown();
    void createUpdateDelete();
    void createRejectsBadDefinitions_data();
    void createRejectsBadDefinitions();
    void badListQueries_data();
    void badListQueries();

private:
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<SandboxApi> m_api;
};

void TestSandbox48Services::initTestCase()
{
    m_sandbox = std::make_unique<SandboxProcess>(QStringList{}, QStringLiteral("0.48"));
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_api = std::make_unique<SandboxApi>(m_sandbox.get());
}

void TestSandbox48Services::listPagesThroughTheCatalogue()
{
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll48(QStringLiteral("/1/services2?limit=7"),
                                 QStringLiteral("services2"), QStringLiteral("ServiceListRT"),
                                 &items, &pages, &error),
             qPrintable(error));
    QVERIFY2(items.size() >= 30, qPrintable(QString::number(items.size())));
    QCOMPARE(pages, int((items.size() + 6) / 7));
    const QStringList all = ids(items);
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), all.size());
    QVERIFY(all.contains(kGradient));
    for (const QJsonValue &item : items) {
        QVERIFY(item.toObject().value("href").toString().startsWith(m_sandbox->url().toString()));
        QVERIFY(!item.toObject().contains("score"));
    }
}

void TestSandbox48Services::sdkStylePaging()
{
    // The Python SDK repeats every original parameter and adds page=<token>.
    const ApiReply first = m_api->get(QStringLiteral("/1/services2?limit=5&order-desc=false"));
    QCOMPARE(first.status, 200);
    VERIFY_SCHEMA48(first, "ServiceListRT");
    const QString next = linkHref(first.json(), QStringLiteral("next"));
    QVERIFY(!next.isEmpty());
    const QString token = next.mid(next.indexOf(QLatin1String("?page=")) + 6);
    const ApiReply second =
        m_api->get(QStringLiteral("/1/services2?limit=5&order-desc=false&page=") + token);
    QCOMPARE(second.status, 200);
    VERIFY_SCHEMA48(second, "ServiceListRT");
    const QStringList a = ids(first.json().value("items").toArray());
    const QStringList b = ids(second.json().value("items").toArray());
    QCOMPARE(b.size(), 5);
    for (const QString &id : b)
        QVERIFY(!a.contains(id));
}

void TestSandbox48Services::orderDescDefaultsToTrue()
{
    const auto names = [this](const QString &query) {
        QStringList result;
        const ApiReply reply =
            m_api->get(QStringLiteral("/1/services2?limit=50&order-by=name") + query);
        for (const QJsonValue &item : reply.json().value("items").toArray())
            result << item.toObject().value("name").toString();
        return result;
    };
    const QStringList byDefault = names({});
    const QStringList descending = names(QStringLiteral("&order-desc=true"));
    const QStringList ascending = names(QStringLiteral("&order-desc=false"));
    QCOMPARE(byDefault, descending);
    QStringList sorted = ascending;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(ascending, sorted);
    std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(descending, sorted);
}

void TestSandbox48Services::filterWithPlusAsSpace()
{
    // As ivcap_client sends get_service_by_name('Gradient Text Image').
    const ApiReply reply =
        m_api->get(QStringLiteral("/1/services2?filter=name~%3D%27Gradient+Text+Image%27"));
    QCOMPARE(reply.status, 200);
    VERIFY_SCHEMA48(reply, "ServiceListRT");
    QCOMPARE(ids(reply.json().value("items").toArray()), QStringList{kGradient});
}

void TestSandbox48Services::atTimeWithMicrosecondsAndOffset()
{
    const QString atTime = QStringLiteral("2099-01-01T08:01:59.972859+10:00");
    const ApiReply later =
        m_api->get(QStringLiteral("/1/services2?limit=3&at-time=") + SandboxApi::enc(atTime));
    QCOMPARE(later.status, 200);
    VERIFY_SCHEMA48(later, "ServiceListRT");
    QCOMPARE(later.json().value("at-time").toString(), atTime);
    QCOMPARE(later.json().value("items").toArray().size(), 3);
    const ApiReply before = m_api->get(QStringLiteral("/1/services2?at-time=") +
                                       SandboxApi::enc(QStringLiteral("2001-01-01T00:00:00.5Z")));
    QCOMPARE(before.status, 200);
    VERIFY_SCHEMA48(before, "ServiceListRT");
    QVERIFY(before.json().value("items").toArray().isEmpty());
    QVERIFY(linkHref(before.json(), QStringLiteral("next")).isEmpty());
}

void TestSandbox48Services::searchRanksByScore()
{
    QJsonArray items;
    int pages = 0;
    QString error;
    QVERIFY2(m_api->collectAll48(
                 QStringLiteral("/1/services2?limit=2&search=services+related+to+genomics"),
                 QStringLiteral("services2"), QStringLiteral("ServiceListRT"), &items, &pages,
                 &error),
             qPrintable(error));
    QVERIFY(items.size() >= 2);
    double previous = 2;
    for (const QJsonValue &item : items) {
        const double score = item.toObject().value("score").toDouble(-1);
        QVERIFY2(score > 0 && score <= 1, qPrintable(QString::number(score)));
        QVERIFY(score <= previous);
        previous = score;
        const QString text = (item.toObject().value("name").toString() +
                              item.toObject().value("description").toString())
                                 .toLower();
        QVERIFY2(text.contains(QLatin1String("genom")) ||
                     item.toObject().value("tags").toVariant().toStringList().join(' ').contains(
                         QLatin1String("genom")),
                 qPrintable(text));
    }
}

void TestSandbox48Services::searchWithoutMatches()
{
    const ApiReply reply =
        m_api->get(QStringLiteral("/1/services2?search=") + SandboxApi::enc("zzqx wombatfly"));
    QCOMPARE(reply.status, 200);
    VERIFY_SCHEMA48(reply, "ServiceListRT");
    QVERIFY(reply.json().value("items").toArray().isEmpty());
    QVERIFY(linkHref(reply.json(), QStringLiteral("next")).isEmpty());
}

void TestSandbox48Services::readAcceptsEveryIdSpelling_data()
{
    QTest::addColumn<QString>("segment");
    QTest::newRow("raw") << kGradient;
    QTest::newRow("percent-encoded") << SandboxApi::enc(kGradient);
    QTest::newRow("bare uuid") << kGradient.mid(18);
    QTest::newRow("upper-case uuid")
        << QString(QStringLiteral("urn:ivcap:service:") + kGradient.mid(18).toUpper());
}

void TestSandbox48Services::readAcceptsEveryIdSpelling()
{
    QFETCH(QString, segment);
    const ApiReply reply = m_api->get(QStringLiteral("/1/services2/") + segment);
    QCOMPARE(reply.status, 200);
    VERIFY_SCHEMA48(reply, "ServiceStatusRT");
    const QJsonObject body = reply.json();
    QCOMPARE(body.value("id").toString(), kGradient);
    QCOMPARE(body.value("name").toString(), QStringLiteral("Gradient Text Image"));
    QCOMPARE(body.value("status").toString(), QStringLiteral("active"));
    QVERIFY(!body.contains("sandbox"));
    QVERIFY(!reply.body.contains("null"));
    QCOMPARE(linkHref(body, QStringLiteral("self")),
             m_sandbox->url().toString() + QStringLiteral("/1/services2/") + kGradient);
}

void TestSandbox48Services::readUnknown()
{
    const ApiReply reply = m_api->get(
        QStringLiteral("/1/services2/urn:ivcap:service:00000000-0000-0000-0000-000000000000"));
    VERIFY_ERROR(reply, 404);
    VERIFY_SCHEMA48(reply, "ResourceNotFoundT");
}

void TestSandbox48Services::createUpdateDelete()
{
    const QString id = QStringLiteral("urn:ivcap:service:1b7e39a4-3f0c-4c55-8d3e-6a2f0e9d1c01");
    QJsonObject body = definition(id);
    body.insert("name", QJsonValue::Null); // clients send null for what they leave unset
    const ApiReply created = m_api->postJson(QStringLiteral("/1/services2"), body);
    QCOMPARE(created.status, 201);
    VERIFY_SCHEMA48(created, "ServiceStatusRT");
    QCOMPARE(created.json().value("id").toString(), id);
    QVERIFY(!created.body.contains("null"));
    const QString createdAt = created.json().value("valid-from").toString();

    const ApiReply again = m_api->postJson(QStringLiteral("/1/services2"), definition(id));
    VERIFY_ERROR(again, 409);
    VERIFY_SCHEMA48(again, "ResourceAlreadyCreatedT");

    QJsonObject changed = definition(id);
    changed.insert("description", "changed by the tests");
    const ApiReply updated =
        m_api->putJson(QStringLiteral("/1/services2/") + SandboxApi::enc(id), changed);
    QCOMPARE(updated.status, 200);
    VERIFY_SCHEMA48(updated, "ServiceStatusRT");
    QCOMPARE(updated.json().value("description").toString(),
             QStringLiteral("changed by the tests"));

    const ApiReply mismatch = m_api->putJson(
        QStringLiteral("/1/services2/") + id,
        definition(QStringLiteral("urn:ivcap:service:1b7e39a4-3f0c-4c55-8d3e-6a2f0e9d1c02")));
    VERIFY_ERROR(mismatch, 422);
    VERIFY_SCHEMA48(mismatch, "InvalidParameterT");

    const QString other = QStringLiteral("urn:ivcap:service:1b7e39a4-3f0c-4c55-8d3e-6a2f0e9d1c03");
    VERIFY_ERROR(m_api->putJson(QStringLiteral("/1/services2/") + other, definition(other)), 404);
    const ApiReply forced = m_api->putJson(QStringLiteral("/1/services2/") + other +
                                               QStringLiteral("?force-create=true"),
                                           definition(other));
    QCOMPARE(forced.status, 200);
    VERIFY_SCHEMA48(forced, "ServiceStatusRT");

    const ApiReply deleted = m_api->del(QStringLiteral("/1/services2/") + SandboxApi::enc(id));
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    VERIFY_ERROR(m_api->get(QStringLiteral("/1/services2/") + id), 404);
    VERIFY_ERROR(m_api->del(QStringLiteral("/1/services2/") + id), 404);
    // The deleted service is still in the past.
    const ApiReply past = m_api->get(QStringLiteral("/1/services2?limit=50&filter=") +
                                     SandboxApi::enc(QStringLiteral("id = '%1'").arg(id)) +
                                     QStringLiteral("&at-time=") + SandboxApi::enc(createdAt));
    QCOMPARE(past.status, 200);
    VERIFY_SCHEMA48(past, "ServiceListRT");
    QCOMPARE(ids(past.json().value("items").toArray()), QStringList{id});
}

void TestSandbox48Services::createRejectsBadDefinitions_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("schema");
    const QJsonObject good =
        definition(QStringLiteral("urn:ivcap:service:1b7e39a4-3f0c-4c55-8d3e-6a2f0e9d1c09"));
    const auto without = [&](const char *key) {
        QJsonObject copy = good;
        copy.remove(QLatin1String(key));
        return QJsonDocument(copy).toJson();
    };
    const auto with = [&](const char *key, const QJsonValue &value) {
        QJsonObject copy = good;
        copy.insert(QLatin1String(key), value);
        return QJsonDocument(copy).toJson();
    };
    QTest::newRow("not JSON") << QByteArray("{\"id\":") << 400 << "BadRequestT";
    QTest::newRow("an array") << QByteArray("[]") << 400 << "BadRequestT";
    QTest::newRow("no id") << without("id") << 400 << "BadRequestT";
    QTest::newRow("no controller") << without("controller") << 400 << "BadRequestT";
    QTest::newRow("null parameters")
        << with("parameters", QJsonValue::Null) << 400 << "BadRequestT";
    QTest::newRow("id no URI") << with("id", "just words") << 400 << "BadRequestT";
    QTest::newRow("id a number") << with("id", 5) << 400 << "BadRequestT";
    QTest::newRow("tags not strings") << with("tags", QJsonArray{1, 2}) << 400 << "BadRequestT";
    QTest::newRow("parameter without type")
        << with("parameters", QJsonArray{QJsonObject{{"name", "x"}, {"description", "d"}}}) << 400
        << "BadRequestT";
}

void TestSandbox48Services::createRejectsBadDefinitions()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, schema);
    const ApiReply reply = m_api->send("POST", QStringLiteral("/1/services2"), body,
                                       {{"Content-Type", "application/json"}});
    VERIFY_ERROR(reply, status);
    QCOMPARE(SchemaValidator::instance(QStringLiteral("0.48")).validate(reply.json(), schema),
             QString());
}

void TestSandbox48Services::badListQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::newRow("limit 0") << QStringLiteral("limit=0") << 400;
    QTest::newRow("limit 51") << QStringLiteral("limit=51") << 400;
    QTest::newRow("order-by unknown") << QStringLiteral("order-by=colour") << 422;
    QTest::newRow("filter unknown field") << QStringLiteral("filter=colour%3D%27x%27") << 422;
    QTest::newRow("filter garbage") << QStringLiteral("filter=%27%27%27") << 422;
    QTest::newRow("at-time no zone") << QStringLiteral("at-time=2026-01-01T00%3A00%3A00") << 400;
    QTest::newRow("page garbage") << QStringLiteral("page=%25%25") << 400;
}

void TestSandbox48Services::badListQueries()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    const ApiReply reply = m_api->get(QStringLiteral("/1/services2?") + query);
    VERIFY_ERROR(reply, status);
    if (status == 422)
        VERIFY_SCHEMA48(reply, "InvalidParameterT");
    else
        VERIFY_SCHEMA48(reply, "BadRequestT");
}

QTEST_GUILESS_MAIN(TestSandbox48Services)
#include "tst_sandbox48_services.moc"
