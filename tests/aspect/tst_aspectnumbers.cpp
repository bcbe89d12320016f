// The aspect editor's tree keeps numbers as written: loaded text, typed values and type
// changes keep every digit (2^53 + 1, integers beyond 64 bits, 1.50) in toJsonText(), where a
// QJsonValue would round them.
#include "aspect/aspecttreemodel.h"

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

QTEST_GUILESS_MAIN(TestAspectNumbers)
#include "tst_aspectnumbers.moc"
