// The aspect editor's tree keeps numbers as written: loaded text, typed values and type
// changes keep every digit (2^53 + 1, integers beyond 64 bits, 1.50) in toJsonText(), where a
// QJsonValue would round them. Numbers beyond a double's range (1e400), which Qt refuses, are
// read (jsonnumbers::parse) and kept as text; one member's text is found in a server's answer
// (jsonnumbers::valueText); forms keep number texts too (SchemaFormModel::setDocumentText).
#include "aspect/aspecttreemodel.h"
#include "aspect/jsonnumbers.h"
#include "forms/schemaformmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QTest>

using namespace ivcap;

class TestAspectNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadedTextKeepsDigits_data();
    void loadedTextKeepsDigits();
    void typedNumbersKeepDigits();
    void typeChangeKeepsDigits();
    void refusesWhatIsNotJson();
    void outOfRangeNumbers_data();
    void outOfRangeNumbers();
    void valueTextOfAMember();
    void formKeepsNumberTexts();
};

void TestAspectNumbers::loadedTextKeepsDigits_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("2^53 + 1") << QByteArray(R"({"n":9007199254740993})");
    QTest::newRow("beyond 64 bits") << QByteArray(R"({"n":123456789012345678901234567890})");
    QTest::newRow("2 GiB") << QByteArray(R"({"size":2147483648})");
    QTest::newRow("long decimal") << QByteArray(R"({"p":0.1000000000000000055511151231257827})");
    QTest::newRow("trailing zeros") << QByteArray(R"({"a":1.50,"b":1.0,"c":-0})");
    QTest::newRow("nested and repeated")
        << QByteArray(R"({"a":[9007199254740993,{"b":9007199254740995}],"c":9007199254740993})");
    QTest::newRow("escaped keys") << QByteArray(R"({"a\"b":9007199254740993,"é":1.10})");
}

void TestAspectNumbers::loadedTextKeepsDigits()
{
    QFETCH(QByteArray, text);
    AspectTreeModel model;
    QAbstractItemModelTester tester(&model);
    QVERIFY(model.setJsonText(text));
    // Compact output of an object sorts keys as QJsonDocument does; the inputs are sorted.
    QCOMPARE(model.toJsonText(false), text);
    // Indented output keeps them too, and stays JSON.
    const QByteArray indented = model.toJsonText(true);
    QVERIFY(!QJsonDocument::fromJson(indented).isNull());
    QVERIFY2(QJsonDocument::fromJson(indented) == QJsonDocument::fromJson(text), indented);
}

void TestAspectNumbers::typedNumbersKeepDigits()
{
    AspectTreeModel model;
    QAbstractItemModelTester tester(&model);
    QVERIFY(model.setJsonText(R"({"n":1})"));
    const QModelIndex n = model.indexForPath(QStringLiteral("/n"));
    const QModelIndex value = n.siblingAtColumn(AspectTreeModel::ValueColumn);
    QVERIFY(model.setData(value, QStringLiteral("9007199254740993")));
    QCOMPARE(model.toJsonText(false), QByteArray(R"({"n":9007199254740993})"));
    QCOMPARE(model.data(value).toString(), QStringLiteral("9007199254740993"));
    QVERIFY(model.setData(value, QStringLiteral("19.990")));
    QCOMPARE(model.toJsonText(false), QByteArray(R"({"n":19.990})"));
    QVERIFY(!model.setData(value, QStringLiteral("NaN")));
    QVERIFY(model.setData(value, 2.5)); // a double from a spin box has no text of its own
    QCOMPARE(model.toJsonText(false), QByteArray(R"({"n":2.5})"));
}

void TestAspectNumbers::typeChangeKeepsDigits()
{
    AspectTreeModel model;
    QAbstractItemModelTester tester(&model);
    QVERIFY(model.setJsonText(R"({"n":"123456789012345678901234567890"})"));
    const QModelIndex n = model.indexForPath(QStringLiteral("/n"));
    QVERIFY(model.setNodeType(n, AspectTreeModel::Type::Number));
    QCOMPARE(model.toJsonText(false), QByteArray(R"({"n":123456789012345678901234567890})"));
    QVERIFY(model.setNodeType(n, AspectTreeModel::Type::String));
    QCOMPARE(model.toJsonText(false), QByteArray(R"({"n":"123456789012345678901234567890"})"));
}

void TestAspectNumbers::refusesWhatIsNotJson()
{
    AspectTreeModel model;
    QVERIFY(model.setJsonText(R"({"a":1})"));
    QVERIFY(!model.setJsonText(R"({"a":01})"));
    QCOMPARE(model.toJsonText(false), QByteArray(R"({"a":1})"));
}

void TestAspectNumbers::outOfRangeNumbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("value"); // what the QJsonValue holds
    QTest::newRow("1e400") << QByteArray(R"({"n":1e400})") << 1.7976931348623157e308;
    QTest::newRow("-1E+400") << QByteArray(R"({"n":-1E+400})") << -1.7976931348623157e308;
    QTest::newRow("1e-400") << QByteArray(R"({"n":1e-400})") << 0.0;
    QTest::newRow("400 digits") << QByteArray(R"({"n":1)" + QByteArray(400, '0') + "}")
                                << 1.7976931348623157e308;
    QTest::newRow("400 zeros after the point")
        << QByteArray(R"({"n":0.)" + QByteArray(400, '0') + "1}") << 0.0;
    QTest::newRow("in an array, beside others")
        << QByteArray(R"({"a":[1e400,2.5,-1e-400],"b":"1e400"})") << -1.0;
}

void TestAspectNumbers::outOfRangeNumbers()
{
    QFETCH(QByteArray, text);
    QFETCH(double, value);
    QJsonParseError error;
    const QJsonDocument doc = jsonnumbers::parse(text, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    if (value != -1.0)
        QCOMPARE(doc.object().value(QStringLiteral("n")).toDouble(), value);
    AspectTreeModel model;
    QAbstractItemModelTester tester(&model);
    QVERIFY(model.setJsonText(text));
    QCOMPARE(model.toJsonText(false), text);
    QCOMPARE(AspectTreeModel::formatJsonText(text, false), text);
    // What is not JSON stays refused.
    QVERIFY(jsonnumbers::parse(R"({"n":1e400,"m":01})").isNull());
    QVERIFY(jsonnumbers::parse(R"({"n":1e400,"m":+1})").isNull());
    QVERIFY(jsonnumbers::parse(R"({"n":1e400,)").isNull());
    // Broken structure behind a number Qt refuses: the lexer runs on it and must end.
    QVERIFY(jsonnumbers::parse("[1e400 }").isNull());
    QVERIFY(jsonnumbers::parse("[1e400,[}]]]").isNull());
    QVERIFY(jsonnumbers::parse(R"({"a":[1e400,"x":}})").isNull());
}

void TestAspectNumbers::valueTextOfAMember()
{
    const QByteArray answer =
        R"({"id":"r","note":"a \"}\" and {\"aspect\":1}","aspect" : {"x":[1e400,{"y":"]"}],)"
        R"("z":12345678901234567890} ,"links":[]})";
    QCOMPARE(jsonnumbers::valueText(answer, {QStringLiteral("aspect")}),
             QByteArray(R"({"x":[1e400,{"y":"]"}],"z":12345678901234567890})"));
    QCOMPARE(jsonnumbers::valueText(answer, {QStringLiteral("aspect"), QStringLiteral("z")}),
             QByteArray("12345678901234567890"));
    QCOMPARE(jsonnumbers::valueText(answer, {QStringLiteral("id")}), QByteArray(R"("r")"));
    QVERIFY(jsonnumbers::valueText(answer, {QStringLiteral("content")}).isEmpty());
}

void TestAspectNumbers::formKeepsNumberTexts()
{
    SchemaFormModel form;
    QAbstractItemModelTester tester(&form);
    const QJsonObject number{{QStringLiteral("type"), QStringLiteral("number")}};
    const QJsonObject integer{{QStringLiteral("type"), QStringLiteral("integer")}};
    form.setSchema(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("big"), integer},
                     {QStringLiteral("huge"), number},
                     {QStringLiteral("list"), QJsonObject{{QStringLiteral("type"), "array"},
                                                          {QStringLiteral("items"), number}}},
                     {QStringLiteral("name"), QJsonObject{{QStringLiteral("type"), "string"}}},
                     {QStringLiteral("p"), number}}}});
    const QByteArray text = R"({"big":12345678901234567890,"huge":1e400,)"
                            R"("list":[9007199254740993,1.50],"name":"a",)"
                            R"("p":0.1000000000000000055511151231257827})";
    QVERIFY(form.setDocumentText(text));
    QCOMPARE(form.documentText(false), text);
    QCOMPARE(form.indexForPointer(QStringLiteral("/big")).data(SchemaFormModel::KindRole).toInt(),
             int(SchemaFormNode::Kind::Integer));
    QVERIFY2(form.isValid(), qPrintable(form.errors().value(0).message));
    // Another field edited: every number keeps its text.
    QVERIFY(form.setValue(form.indexForPointer(QStringLiteral("/name")), QStringLiteral("b")));
    QByteArray edited = text;
    edited.replace(R"("name":"a")", R"("name":"b")");
    QCOMPARE(form.documentText(false), edited);
    // Text that differs only in digits a double cannot see still reaches the fields.
    QByteArray other = edited;
    other.replace("12345678901234567890", "12345678901234567891");
    QVERIFY(form.setDocumentText(other));
    QCOMPARE(form.documentText(false), other);
    QVERIFY(!form.setDocumentText("{"));
}

QTEST_GUILESS_MAIN(TestAspectNumbers)
#include "tst_aspectnumbers.moc"
