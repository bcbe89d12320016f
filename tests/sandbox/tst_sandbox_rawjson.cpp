// RawJson: the sandbox's check-and-compact of client JSON and the splicing of stored JSON text
// into answers, which keeps numbers of any size and precision byte-exact.

#include "rawjson.h"

#include <QJsonDocument>
#include <QTest>

class TestSandboxRawJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compactKeepsNumbers_data();
    void compactKeepsNumbers();
    void compactRejects_data();
    void compactRejects();
    void splicesAtAnyDepth();
    void clientTextLikeAPlaceholderStays();
};

void TestSandboxRawJson::compactKeepsNumbers_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("2^31") << QByteArray("{ \"size\": 2147483648 }")
                          << QByteArray("{\"size\":2147483648}");
    QTest::newRow("beyond 64 bits")
        << QByteArray("[123456789012345678901234567890, -18446744073709551617]")
        << QByteArray("[123456789012345678901234567890,-18446744073709551617]");
    QTest::newRow("decimals") << QByteArray("[19.99, 0.1000000000000000055511151231257827, 1.50]")
                              << QByteArray("[19.99,0.1000000000000000055511151231257827,1.50]");
    QTest::newRow("exponents") << QByteArray("[1e400, -2.5E-400, 1E+2, -0, 0.0]")
                               << QByteArray("[1e400,-2.5E-400,1E+2,-0,0.0]");
    QTest::newRow("whitespace inside strings stays")
        << QByteArray("{\"a b\" :\t\"c\\n d\"\r\n}") << QByteArray("{\"a b\":\"c\\n d\"}");
    QTest::newRow("escapes and unicode")
        << QByteArray("{\"q\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\", \"u\": \"\xc3\xa9\"}")
        << QByteArray("{\"q\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\",\"u\":\"\xc3\xa9\"}");
    QTest::newRow("literals") << QByteArray(" [true ,false, null ] ")
                              << QByteArray("[true,false,null]");
}

void TestSandboxRawJson::compactKeepsNumbers()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QString error;
    const auto out = RawJson::compact(input, &error);
    QVERIFY2(out, qPrintable(error));
    QCOMPARE(*out, expected);
}

void TestSandboxRawJson::compactRejects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("leading zero") << QByteArray("[01]");
    QTest::newRow("bare point") << QByteArray("[1.]");
    QTest::newRow("plus sign") << QByteArray("[+1]");
    QTest::newRow("NaN") << QByteArray("[NaN]");
    QTest::newRow("hex") << QByteArray("[0x10]");
    QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}");
    QTest::newRow("two values") << QByteArray("{} {}");
    QTest::newRow("raw control char") << QByteArray("[\"a\tb\"]");
    QTest::newRow("bad escape") << QByteArray("[\"\\x\"]");
    QTest::newRow("short unicode escape") << QByteArray("[\"\\u12\"]");
    QTest::newRow("invalid utf-8") << QByteArray("[\"\xff\"]");
    QTest::newRow("unclosed") << QByteArray("{\"a\":[1,2}");
    QTest::newRow("too deep") << QByteArray(300, '[') + QByteArray(300, ']');
}

void TestSandboxRawJson::compactRejects()
{
    QFETCH(QByteArray, input);
    QString error;
    QVERIFY(!RawJson::compact(input, &error));
    QVERIFY(!error.isEmpty());
}

void TestSandboxRawJson::splicesAtAnyDepth()
{
    RawJson raw;
    const QByteArray a("{\"n\":9007199254740993}");
    const QByteArray b("[1e400,19.99]");
    QJsonArray items{QJsonObject{{"id", "x"}, {"aspect", raw.hold(a)}},
                     QJsonObject{{"id", "y"}, {"aspect", raw.hold(b)}}, raw.hold(a)};
    const QByteArray out = raw.toJson(QJsonObject{{"items", items}, {"top", raw.hold(b)}});
    QCOMPARE(out, QByteArray("{\"items\":[{\"aspect\":{\"n\":9007199254740993},\"id\":\"x\"},"
                             "{\"aspect\":[1e400,19.99],\"id\":\"y\"},{\"n\":9007199254740993}],"
                             "\"top\":[1e400,19.99]}"));
    // Nothing held: the plain serialisation.
    RawJson none;
    QCOMPARE(none.toJson(QJsonObject{{"a", 1}}), QByteArray("{\"a\":1}"));
}

void TestSandboxRawJson::clientTextLikeAPlaceholderStays()
{
    RawJson raw;
    const QJsonValue held = raw.hold("[1]");
    // A client string equal to another response's placeholder, and one that shares this
    // response's tag but has no valid index, are copied as text.
    RawJson other;
    const QString foreign = other.hold("[2]").toString();
    const QString wrongIndex = held.toString().chopped(1) + QStringLiteral("7");
    const QByteArray out =
        raw.toJson(QJsonArray{held, QJsonValue(foreign), QJsonValue(wrongIndex),
                              QJsonValue(held.toString() + QStringLiteral("x"))});
    const QJsonArray back = QJsonDocument::fromJson(out).array();
    QCOMPARE(back.size(), 4);
    QCOMPARE(back.at(0).toArray(), QJsonArray{QJsonValue(1)});
    QCOMPARE(back.at(1).toString(), foreign);
    QCOMPARE(back.at(2).toString(), wrongIndex);
    QCOMPARE(back.at(3).toString(), held.toString() + QStringLiteral("x"));
}

QTEST_GUILESS_MAIN(TestSandboxRawJson)
#include "tst_sandbox_rawjson.moc"
