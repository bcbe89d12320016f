// Numbers validate as JSON Schema says: "integer" is any whole value (the validator once read
// numbers as 32-bit, so the app's own demo.product.1 rejected every product of 2 GiB or more),
// and multipleOf is exact in decimal (19.99 is a multiple of 0.01).
#include "schema/decimaltext.h"
#include "schema/schemavalidator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ivcap;

namespace {
QJsonValue parse(const QByteArray &json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().first();
}

bool valid(const QByteArray &schema, const QByteArray &document)
{
    SchemaValidator validator;
    if (!validator.setSchema(parse(schema)))
        return false;
    return validator.isValid(parse(document));
}
} // namespace

class TestSchemaNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoProductOf2GiB();
    void integers_data();
    void integers();
    void multipleOf_data();
    void multipleOf();
    void decimalArithmetic_data();
    void decimalArithmetic();
};

void TestSchemaNumbers::demoProductOf2GiB()
{
    QFile file(QStringLiteral(IVCAP_TEST_DATA_DIR "/../../resources/schemas/demo.product.1.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    SchemaValidator validator;
    QVERIFY2(validator.setSchema(QJsonDocument::fromJson(file.readAll()).object()),
             qPrintable(validator.errorString()));
    QJsonObject product{{"$schema", "urn:ivcap:schema:demo.product.1"},
                        {"order", "urn:ivcap:order:1"},
                        {"service", "urn:ivcap:service:1"},
                        {"name", "big.bin"},
                        {"mime-type", "application/octet-stream"}};
    for (const qint64 size : {qint64(0), qint64(2147483647), qint64(2147483648), qint64(5) << 40,
                              (qint64(1) << 53) + 1}) {
        product.insert("size", size);
        const auto violations = validator.validate(product);
        QVERIFY2(violations.isEmpty(),
                 qPrintable(QString::number(size) + QLatin1Char(' ') +
                            (violations.isEmpty() ? QString() : violations.first().message)));
    }
    product.insert("size", 2147483648.5);
    QVERIFY(!validator.isValid(product));
}

void TestSchemaNumbers::integers_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("integer");
    QTest::newRow("2^31") << QByteArray("2147483648") << true;
    QTest::newRow("-2^31 - 1") << QByteArray("-2147483649") << true;
    QTest::newRow("2^32") << QByteArray("4294967296") << true;
    QTest::newRow("2^53 + 1") << QByteArray("9007199254740993") << true;
    QTest::newRow("2^63") << QByteArray("9223372036854775808") << true;
    QTest::newRow("beyond 64 bits") << QByteArray("123456789012345678901234567890") << true;
    QTest::newRow("1e20") << QByteArray("1e20") << true;
    QTest::newRow("1.0") << QByteArray("1.0") << true;
    QTest::newRow("2.5") << QByteArray("2.5") << false;
    QTest::newRow("2147483648.5") << QByteArray("2147483648.5") << false;
    QTest::newRow("1e-5") << QByteArray("1e-5") << false;
}

void TestSchemaNumbers::integers()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, integer);
    QCOMPARE(valid(R"({"type":"integer"})", value), integer);
    QVERIFY(valid(R"({"type":"number"})", value));
    // Bounds compare the whole value, not a 32-bit cut of it.
    if (integer && parse(value).toDouble() > 2147483647.0)
        QVERIFY(!valid(R"({"type":"integer","maximum":2147483647})", value));
}

void TestSchemaNumbers::multipleOf_data()
{
    QTest::addColumn<QByteArray>("divisor");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("multiple");
    QTest::newRow("19.99 of 0.01") << QByteArray("0.01") << QByteArray("19.99") << true;
    QTest::newRow("0.07 of 0.01") << QByteArray("0.01") << QByteArray("0.07") << true;
    QTest::newRow("0.3 of 0.1") << QByteArray("0.1") << QByteArray("0.3") << true;
    QTest::newRow("1.1 of 0.1") << QByteArray("0.1") << QByteArray("1.1") << true;
    QTest::newRow("4.35 of 0.05") << QByteArray("0.05") << QByteArray("4.35") << true;
    QTest::newRow("-19.99 of 0.01") << QByteArray("0.01") << QByteArray("-19.99") << true;
    QTest::newRow("19.995 of 0.01") << QByteArray("0.01") << QByteArray("19.995") << false;
    QTest::newRow("1 of 0.3") << QByteArray("0.3") << QByteArray("1") << false;
    QTest::newRow("1e-7 of 0.01") << QByteArray("0.01") << QByteArray("1e-7") << false;
    QTest::newRow("2^32 of 2") << QByteArray("2") << QByteArray("4294967296") << true;
    QTest::newRow("2^32+1 of 2") << QByteArray("2") << QByteArray("4294967297") << false;
    QTest::newRow("3e20 of 3") << QByteArray("3") << QByteArray("3e20") << true;
    QTest::newRow("1e20 of 3") << QByteArray("3") << QByteArray("1e20") << false;
    QTest::newRow("1e20 of 0.5") << QByteArray("0.5") << QByteArray("1e20") << true;
    QTest::newRow("0 of 0.01") << QByteArray("0.01") << QByteArray("0") << true;
}

void TestSchemaNumbers::multipleOf()
{
    QFETCH(QByteArray, divisor);
    QFETCH(QByteArray, value);
    QFETCH(bool, multiple);
    QCOMPARE(valid(R"({"multipleOf":)" + divisor + "}", value), multiple);
    // Inside a structure the same rule holds, and the path names the member.
    SchemaValidator validator;
    QVERIFY(
        validator.setSchema(parse(R"({"properties":{"price":{"multipleOf":)" + divisor + "}}}")));
    const auto violations = validator.validate(parse(R"({"price":)" + value + "}"));
    QCOMPARE(violations.isEmpty(), multiple);
    if (!multiple)
        QCOMPARE(violations.first().path, QStringLiteral("/price"));
}

void TestSchemaNumbers::decimalArithmetic_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("divisor");
    QTest::addColumn<int>("expected"); // 1 yes, 0 no, -1 undecided
    QTest::newRow("long decimal") << "0.1000000000000000055511151231257827"
                                  << "0.1" << 0;
    QTest::newRow("long decimal, yes") << "12.3000000000000000000000000000"
                                       << "0.1" << 1;
    QTest::newRow("beyond 64 bits") << "123456789012345678901234567890"
                                    << "10" << 1;
    QTest::newRow("beyond 64 bits, odd") << "123456789012345678901234567891"
                                         << "2" << 0;
    QTest::newRow("1e400 of 7") << "1e400"
                                << "7" << 0;
    QTest::newRow("7e400 of 7") << "7e400"
                                << "7" << 1;
    QTest::newRow("trailing zeros") << "1.50"
                                    << "0.5" << 1;
    QTest::newRow("exponent forms") << "15E-1"
                                    << "5e-1" << 1;
    QTest::newRow("zero divisor") << "1"
                                  << "0" << -1;
    QTest::newRow("not a number") << "abc"
                                  << "1" << -1;
}

void TestSchemaNumbers::decimalArithmetic()
{
    QFETCH(QString, value);
    QFETCH(QString, divisor);
    QFETCH(int, expected);
    const auto result = decimal::isMultipleOf(value, divisor);
    QCOMPARE(result ? int(*result) : -1, expected);
}

QTEST_GUILESS_MAIN(TestSchemaNumbers)
#include "tst_schemanumbers.moc"
