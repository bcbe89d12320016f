// Numbers of any size and precision are stored and answered byte-exact: an aspect's numbers come
// back as the client wrote them from read, list and update, never rounded through a double.
// The routes are described by a MetadataDialect row so another API dialect can run the same
// cases by adding a row.

#include "sandboxapi.h"

#include <QTest>
#include <QUuid>

#include <functional>

namespace {
// How one API dialect creates, reads, lists and replaces an aspect record. Targets are paths
// with an already encoded query (SandboxApi::send).
struct MetadataDialect
{
    QString name;
    QStringList sandboxArgs;
    QString api = QStringLiteral("0.28"); // the sandbox's --api
    std::function<QString(const QString &entity, const QString &schema)> createTarget;
    QString idKey; // the create answer's id field
    std::function<QString(const QString &id)> readTarget;
    std::function<QString(const QString &entity)> listTarget;
    std::function<QString(const QString &id)> replaceTarget; // PUT; empty when none
};

MetadataDialect v028()
{
    MetadataDialect d;
    d.name = QStringLiteral("v0.28");
    d.createTarget = [](const QString &entity, const QString &schema) -> QString {
        return QStringLiteral("/1/metadata?entity-id=%1&schema=%2")
            .arg(SandboxApi::enc(entity), SandboxApi::enc(schema));
    };
    d.idKey = QStringLiteral("record-id");
    d.readTarget = [](const QString &id) -> QString { return QStringLiteral("/1/metadata/") + id; };
    d.listTarget = [](const QString &entity) -> QString {
        return QStringLiteral("/1/metadata?entity-id=") + SandboxApi::enc(entity);
    };
    d.replaceTarget = [](const QString &id) -> QString {
        return QStringLiteral("/1/metadata/") + id;
    };
    return d;
}

MetadataDialect v048Aspects()
{
    MetadataDialect d;
    d.name = QStringLiteral("v0.48 aspects");
    d.api = QStringLiteral("0.48");
    d.createTarget = [](const QString &entity, const QString &schema) -> QString {
        return QStringLiteral("/1/aspects?entity=%1&schema=%2")
            .arg(SandboxApi::enc(entity), SandboxApi::enc(schema));
    };
    d.idKey = QStringLiteral("id");
    d.readTarget = [](const QString &id) -> QString { return QStringLiteral("/1/aspects/") + id; };
    d.listTarget = [](const QString &entity) -> QString {
        return QStringLiteral("/1/aspects?include-content=true&entity=") + SandboxApi::enc(entity);
    };
    return d;
}

MetadataDialect v048Metadata()
{
    MetadataDialect d = v028();
    d.name = QStringLiteral("v0.48 metadata");
    d.api = QStringLiteral("0.48");
    return d;
}

QList<MetadataDialect> dialects()
{
    return {v028(), v048Aspects(), v048Metadata()};
}

// Aspects whose numbers a double cannot hold, each written compactly so its exact bytes must
// appear in every answer that carries it.
QList<QPair<const char *, QByteArray>> aspects()
{
    return {
        {"2 GiB integer", R"({"size":2147483648,"name":"big.bin"})"},
        {"beyond 64 bits", R"({"n":[18446744073709551616,-9223372036854775809,)"
                           R"(123456789012345678901234567890123]})"},
        {"2^53 + 1", R"({"n":9007199254740993})"},
        {"money",
         R"({"price":19.99,"tax":0.10,"total":21.989999999999998436805981327779591083526611328125})"},
        {"trailing zeros and signs", R"({"a":1.0,"b":-0,"c":1.50,"d":1E+2,"e":-2.5e-7})"},
        {"beyond double range", R"({"huge":1e400,"tiny":1e-400})"},
        {"nested", R"({"o":{"p":[{"q":0.30000000000000000000001}]}})"},
    };
}
} // namespace

class TestSandboxNumbers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip_data();
    void roundTrip();
    void whitespaceIsDroppedNotDigits();
    void malformedNumbersAreRejected_data();
    void malformedNumbersAreRejected();

private:
    // One sandbox per dialect, started in initTestCase.
    std::vector<std::unique_ptr<SandboxProcess>> m_sandboxes;
};

void TestSandboxNumbers::initTestCase()
{
    for (const MetadataDialect &d : dialects()) {
        m_sandboxes.push_back(std::make_unique<SandboxProcess>(d.sandboxArgs, d.api));
        QVERIFY2(m_sandboxes.back()->start(), qPrintable(m_sandboxes.back()->errorString()));
    }
}

void TestSandboxNumbers::cleanupTestCase()
{
    m_sandboxes.clear();
}

void TestSandboxNumbers::roundTrip_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QByteArray>("aspect");
    const auto all = dialects();
    for (int d = 0; d < all.size(); ++d)
        for (const auto &[name, text] : aspects())
            QTest::addRow("%s: %s", qPrintable(all.at(d).name), name) << d << text;
}

void TestSandboxNumbers::roundTrip()
{
    QFETCH(int, dialect);
    QFETCH(QByteArray, aspect);
    const MetadataDialect d = dialects().at(dialect);
    SandboxApi api(m_sandboxes.at(size_t(dialect)).get());
    const QString entity =
        QStringLiteral("urn:ivcap:artifact:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const HeaderList json{{"Content-Type", "application/json"}};

    const ApiReply created =
        api.send("POST", d.createTarget(entity, QStringLiteral("urn:x:n.1")), aspect, json);
    QVERIFY2(created.status == 200 || created.status == 201, qPrintable(created.describe()));
    const QString id = created.json().value(d.idKey).toString();
    QVERIFY2(!id.isEmpty(), qPrintable(created.describe()));

    const ApiReply read = api.get(d.readTarget(id));
    QCOMPARE(read.status, 200);
    QVERIFY2(read.body.contains(aspect), qPrintable(read.describe()));

    const ApiReply listed = api.get(d.listTarget(entity));
    QCOMPARE(listed.status, 200);
    QVERIFY2(listed.body.contains(aspect), qPrintable(listed.describe()));

    if (d.replaceTarget) {
        const QByteArray changed = QByteArray(aspect).replace('}', ",\"v\":2.000}");
        const ApiReply replaced = api.send("PUT", d.replaceTarget(id), changed, json);
        QCOMPARE(replaced.status, 200);
        const QString newId = replaced.json().value(d.idKey).toString();
        const ApiReply again = api.get(d.readTarget(newId.isEmpty() ? id : newId));
        QVERIFY2(again.body.contains(changed), qPrintable(again.describe()));
    }
}

void TestSandboxNumbers::whitespaceIsDroppedNotDigits()
{
    const auto all = dialects();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const MetadataDialect &d = all.at(i);
        SandboxApi api(m_sandboxes.at(size_t(i)).get());
        const ApiReply created = api.send(
            "POST",
            d.createTarget(QStringLiteral("urn:ivcap:artifact:x"), QStringLiteral("urn:x:n.1")),
            "{\n  \"size\" : 4294967296.000 ,\n  \"s\": \"a  b\"\n}\n",
            {{"Content-Type", "application/json"}});
        QVERIFY2(created.status == 200 || created.status == 201, qPrintable(created.describe()));
        const ApiReply read = api.get(d.readTarget(created.json().value(d.idKey).toString()));
        QVERIFY2(read.body.contains(R"({"size":4294967296.000,"s":"a  b"})"),
                 qPrintable(read.describe()));
    }
}

void TestSandboxNumbers::malformedNumbersAreRejected_data()
{
    QTest::addColumn<QByteArray>("aspect");
    QTest::newRow("leading zero") << QByteArray(R"({"n":007})");
    QTest::newRow("NaN") << QByteArray(R"({"n":NaN})");
    QTest::newRow("Infinity") << QByteArray(R"({"n":Infinity})");
    QTest::newRow("plus sign") << QByteArray(R"({"n":+1})");
    QTest::newRow("bare point") << QByteArray(R"({"n":1.})");
    QTest::newRow("not an object") << QByteArray("[1]");
}

void TestSandboxNumbers::malformedNumbersAreRejected()
{
    QFETCH(QByteArray, aspect);
    const auto all = dialects();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const MetadataDialect &d = all.at(i);
        SandboxApi api(m_sandboxes.at(size_t(i)).get());
        const ApiReply created = api.send(
            "POST",
            d.createTarget(QStringLiteral("urn:ivcap:artifact:x"), QStringLiteral("urn:x:n.1")),
            aspect, {{"Content-Type", "application/json"}});
        QVERIFY2(created.status == 400, qPrintable(created.describe()));
    }
}

QTEST_GUILESS_MAIN(TestSandboxNumbers)
#include "tst_sandbox_numbers.moc"
