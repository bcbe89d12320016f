// The content-path evaluator of GET /1/aspects: each supported construct, the examples of the
// IVCAP clients and of the v0.48 contract, exact numbers, and the syntax it refuses.
#include "contentpath.h"
#include "jsontree.h"

#include <QTest>

class TstContentPath : public QObject
{
    Q_OBJECT

private:
    static bool eval(const QByteArray &document, const QString &path)
    {
        QString error;
        const auto parsed = ContentPath::parse(path, &error);
        if (!parsed)
            qWarning("unexpected syntax error: %s", qPrintable(error));
        return parsed && parsed->matches(document);
    }

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");

        const QByteArray item =
            R"({"collection":"urn:ivcap:collection:c1","item":"urn:ivcap:artifact:a1"})";
        // The SDK's collection-item deduplication (PROTOCOL-0.48 §2.7, §8).
        QTest::newRow("sdk item dedup")
            << item << R"($.item ? (@ == "urn:ivcap:artifact:a1"))" << true;
        QTest::newRow("sdk item other")
            << item << R"($.item ? (@ == "urn:ivcap:artifact:a2"))" << false;
        // The CLI's artifact-collection model and SPEC48's search example.
        const QByteArray collection = R"({"collection":"urn:ivcap:collection:c1",)"
                                      R"("artifacts":["urn:ivcap:artifact:a1","urn:x:2"]})";
        QTest::newRow("collection member") << collection << "$.collection" << true;
        QTest::newRow("artifacts any") << collection << "$.artifacts[*]" << true;
        QTest::newRow("artifacts has")
            << collection << R"($.artifacts[*] ? (@ == "urn:x:2"))" << true;
        QTest::newRow("artifacts lacks")
            << collection << R"($.artifacts[*] ? (@ == "urn:x:3"))" << false;
        QTest::newRow("collection is")
            << collection << R"($ ? (@.collection == "urn:ivcap:collection:c1"))" << true;
        // The spec's own example.
        const QByteArray images = R"({"images":[{"size":5},{"size":20000}]})";
        QTest::newRow("spec example") << images << "$.images[*] ? (@.size > 10000)" << true;
        QTest::newRow("spec example none") << images << "$.images[*] ? (@.size > 30000)" << false;
        QTest::newRow("size > 10") << QByteArray(R"({"size":11})") << "$ ? (@.size > 10)" << true;
        QTest::newRow("size not > 10")
            << QByteArray(R"({"size":10})") << "$ ? (@.size > 10)" << false;

        // Member steps.
        QTest::newRow("root") << QByteArray("{}") << "$" << true;
        QTest::newRow("member") << QByteArray(R"({"a":{"b":1}})") << "$.a.b" << true;
        QTest::newRow("missing member") << QByteArray(R"({"a":{"b":1}})") << "$.a.c" << false;
        QTest::newRow("member null value") << QByteArray(R"({"a":null})") << "$.a" << true;
        QTest::newRow("quoted member")
            << QByteArray(R"({"requested-at":"x","$schema":"s"})") << R"($."requested-at")" << true;
        // (Not raw strings: moc misreads a backslash inside one.)
        QTest::newRow("quoted escape") << QByteArray("{\"a\\\"b\":1}") << "$.\"a\\\"b\"" << true;
        QTest::newRow("any member") << QByteArray(R"({"a":1})") << "$.* ? (@ == 1)" << true;
        QTest::newRow("member of scalar") << QByteArray("3") << "$.a" << false;
        QTest::newRow("member unwraps array")
            << QByteArray(R"({"a":[{"b":1},{"b":2}]})") << "$.a.b ? (@ == 2)" << true;
        QTest::newRow("whitespace") << QByteArray(R"({"a":{"b":1}})") << " lax $ . a . b " << true;

        // Index steps (lax: out of range selects nothing, a scalar is a one-element array).
        const QByteArray abc = R"({"a":["x","y","z"]})";
        QTest::newRow("index 0") << abc << R"($.a[0] ? (@ == "x"))" << true;
        QTest::newRow("index 1 not x") << abc << R"($.a[1] ? (@ == "x"))" << false;
        QTest::newRow("index out of range") << abc << "$.a[3]" << false;
        QTest::newRow("negative index") << abc << "$.a[-1]" << false;
        QTest::newRow("last") << abc << R"($.a[last] ? (@ == "z"))" << true;
        QTest::newRow("last - 1") << abc << R"($.a[last - 1] ? (@ == "y"))" << true;
        QTest::newRow("range") << abc << R"($.a[1 to 2] ? (@ == "z"))" << true;
        QTest::newRow("range excludes") << abc << R"($.a[1 to 2] ? (@ == "x"))" << false;
        QTest::newRow("list") << abc << R"($.a[0, 2] ? (@ == "z"))" << true;
        QTest::newRow("scalar index 0") << QByteArray(R"({"a":"x"})") << "$.a[0]" << true;
        QTest::newRow("scalar index 1") << QByteArray(R"({"a":"x"})") << "$.a[1]" << false;
        QTest::newRow("any index of empty") << QByteArray(R"({"a":[]})") << "$.a[*]" << false;
        QTest::newRow("nested any index")
            << QByteArray(R"({"m":[[1,2],[3]]})") << "$.m[*][*] ? (@ == 3)" << true;

        // Filters and comparisons; a filter looks inside arrays, comparisons unwrap them.
        QTest::newRow("filter unwraps") << QByteArray(R"({"a":[1,2]})") << "$.a ? (@ == 2)" << true;
        QTest::newRow("compare unwraps")
            << QByteArray(R"({"tags":["x","y"]})") << R"($ ? (@.tags == "y"))" << true;
        for (const auto &[op, expected] :
             std::initializer_list<std::pair<const char *, bool>>{{"==", false},
                                                                  {"!=", true},
                                                                  {"<>", true},
                                                                  {"<", true},
                                                                  {"<=", true},
                                                                  {">", false},
                                                                  {">=", false}}) {
            QTest::newRow(qPrintable(QStringLiteral("number %1").arg(QLatin1String(op))))
                << QByteArray(R"({"n":1.5})") << QStringLiteral("$ ? (@.n %1 2)").arg(op)
                << expected;
        }
        QTest::newRow("string order")
            << QByteArray(R"({"s":"apple"})") << R"($ ? (@.s < "banana"))" << true;
        QTest::newRow("string type mismatch")
            << QByteArray(R"({"s":"1"})") << "$ ? (@.s == 1)" << false;
        QTest::newRow("mismatch is unknown")
            << QByteArray(R"({"s":"1"})") << "$ ? ((@.s == 1) is unknown)" << true;
        QTest::newRow("null eq null") << QByteArray(R"({"a":null})") << "$ ? (@.a == null)" << true;
        QTest::newRow("null ne value") << QByteArray(R"({"a":1})") << "$ ? (@.a != null)" << true;
        QTest::newRow("true literal")
            << QByteArray(R"({"ok":true})") << "$ ? (@.ok == true)" << true;
        QTest::newRow("false literal")
            << QByteArray(R"({"ok":true})") << "$ ? (@.ok == false)" << false;
        QTest::newRow("object compare unknown")
            << QByteArray(R"({"o":{}})") << "$ ? (@.o == 1)" << false;
        QTest::newRow("and") << QByteArray(R"({"a":1,"b":2})") << "$ ? (@.a == 1 && @.b == 2)"
                             << true;
        QTest::newRow("and false")
            << QByteArray(R"({"a":1,"b":2})") << "$ ? (@.a == 1 && @.b == 3)" << false;
        QTest::newRow("or") << QByteArray(R"({"a":1})") << "$ ? (@.a == 2 || @.a == 1)" << true;
        QTest::newRow("not") << QByteArray(R"({"a":1})") << "$ ? (!(@.a == 2))" << true;
        QTest::newRow("not unknown stays unknown")
            << QByteArray(R"({"a":"x"})") << "$ ? (!(@.a == 2))" << false;
        QTest::newRow("parentheses") << QByteArray(R"({"a":1,"b":5})")
                                     << "$ ? ((@.a == 2 || @.a == 1) && (@.b > 4))" << true;
        QTest::newRow("precedence") // && binds tighter than ||
            << QByteArray(R"({"a":1,"b":0})") << "$ ? (@.a == 1 || @.b == 1 && @.b == 2)" << true;
        QTest::newRow("root inside filter")
            << QByteArray(R"({"k":"x","l":[{"v":"x"}]})") << "$.l[*] ? (@.v == $.k)" << true;
        QTest::newRow("nested filter") << QByteArray(R"({"a":[{"b":[1,7]}]})")
                                       << "$.a[*] ? (exists(@.b[*] ? (@ > 5)))" << true;
        QTest::newRow("nested filter none") << QByteArray(R"({"a":[{"b":[1,2]}]})")
                                            << "$.a[*] ? (exists(@.b[*] ? (@ > 5)))" << false;
        QTest::newRow("exists") << QByteArray(R"({"a":{"b":1}})") << "$ ? (exists(@.a.b))" << true;
        QTest::newRow("not exists")
            << QByteArray(R"({"a":{"b":1}})") << "$ ? (!exists(@.a.c))" << true;
        QTest::newRow("starts with") << QByteArray(R"({"s":"urn:ivcap:artifact:1"})")
                                     << R"($.s ? (@ starts with "urn:ivcap:"))" << true;
        QTest::newRow("top-level predicate true")
            << QByteArray(R"({"size":11})") << "$.size > 10" << true;
        QTest::newRow("top-level predicate false")
            << QByteArray(R"({"size":9})") << "$.size > 10" << false;
        QTest::newRow("unicode") << QByteArray(R"({"n":"caf\u00e9"})") << "$.n ? (@ == \"café\")"
                                 << true;

        // Numbers compare by exact value, whatever their size or spelling.
        const QByteArray big = R"({"n":18446744073709551617,"p":19.99,"h":1e400})";
        QTest::newRow("2^64+1") << big << "$.n ? (@ == 18446744073709551617)" << true;
        QTest::newRow("2^64") << big << "$.n ? (@ == 18446744073709551616)" << false;
        QTest::newRow("2^64 less") << big << "$.n ? (@ > 18446744073709551616)" << true;
        QTest::newRow("19.99") << big << "$.p ? (@ == 19.990)" << true;
        QTest::newRow("19.99 not 19.989999") << big << "$.p ? (@ > 19.98999999999999999)" << true;
        QTest::newRow("1e400") << big << "$.h ? (@ == 10e399)" << true;
        QTest::newRow("1e400 huge") << big << "$.h ? (@ > 1e308)" << true;
        QTest::newRow("negative") << QByteArray(R"({"n":-0.5})") << "$.n ? (@ < -0.25)" << true;
        QTest::newRow("zero forms") << QByteArray(R"({"n":0.0e5})") << "$.n ? (@ == -0)" << true;
        QTest::newRow("exponent sign")
            << QByteArray(R"({"n":1E-2})") << "$.n ? (@ == 0.01)" << true;

        // Not JSON: never matches.
        QTest::newRow("not json") << QByteArray("{") << "$" << false;
    }

    void matches()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, path);
        QFETCH(bool, expected);
        QCOMPARE(eval(document, path), expected);
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("no root") << ".a"
                                 << "expected a path";
        QTest::newRow("trailing") << "$.a )"
                                  << "unexpected ')'";
        QTest::newRow("unclosed filter") << "$.a ? (@ == 1"
                                         << "expected ')'";
        QTest::newRow("filter without predicate") << "$.a ? (@)"
                                                  << "comparison";
        QTest::newRow("filter of a path") << "$.a ? (@.b ? (@ > 1))"
                                          << "comparison";
        QTest::newRow("single equals") << "$.a ? (@ = 1)"
                                       << "'=='";
        QTest::newRow("unterminated string") << "$.a ? (@ == \"x)"
                                             << "unterminated";
        QTest::newRow("bad number") << "$.a ? (@ == 1.2.3)"
                                    << "invalid number";
        QTest::newRow("bad index") << "$.a[x]"
                                   << "array index";
        QTest::newRow("fraction index") << "$.a[1.5]"
                                        << "integer";
        QTest::newRow("unclosed index") << "$.a[1"
                                        << "expected ']'";
        QTest::newRow("dot nothing") << "$."
                                     << "member name";
        QTest::newRow("at outside filter") << "@.a"
                                           << "inside a filter";
        QTest::newRow("strict") << "strict $.a"
                                << "strict";
        QTest::newRow("method") << "$.a.size()"
                                << "item methods";
        QTest::newRow("recursive") << "$.**"
                                   << "any level";
        QTest::newRow("variable") << "$x"
                                  << "variables";
        QTest::newRow("arithmetic") << "$.a ? (@ + 1 == 2)"
                                    << "arithmetic";
        QTest::newRow("like_regex") << "$.a ? (@ like_regex \"x\")"
                                    << "like_regex";
        QTest::newRow("not without parens") << "$ ? (!@.a == 1)"
                                            << "parenthesised";
        QTest::newRow("and of paths") << "$.a && $.b"
                                      << "comparison";
        QTest::newRow("starts with number") << "$ ? (@ starts with 1)"
                                            << "string";
        QTest::newRow("too deep") << QStringLiteral("$") + QString("? (@").repeated(40) +
                                         QStringLiteral(" == 1") + QString(")").repeated(40)
                                  << "levels deep";
        QTest::newRow("too long") << QStringLiteral("$") + QString(".a").repeated(3000)
                                  << "longer than";
    }

    void syntaxErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!ContentPath::parse(path, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    // A path whose work grows with the product of two large arrays stops at the budget.
    void boundedWork()
    {
        QByteArray doc = "{\"a\":[";
        for (int i = 0; i < 2000; ++i)
            doc += (i ? "," : "") + QByteArray::number(i);
        doc += "]}";
        QString error;
        const auto path = ContentPath::parse("$ ? (@.a[*] == $.a[*])", &error);
        QVERIFY2(path, qPrintable(error));
        QVERIFY(path->matches(doc)); // the first pair already compares true
        const auto never = ContentPath::parse("$ ? (@.a[*] == -1)", &error);
        QVERIFY(!never->matches(doc));
        const auto quadratic = ContentPath::parse("$ ? (@.a[*] == $.a[*] + 0)", &error);
        QVERIFY(!quadratic); // arithmetic is refused outright
        const auto product = ContentPath::parse("$ ? (@.a[*] < -1)", &error);
        QVERIFY(!product->matches(doc));
        const auto cross = ContentPath::parse("$.a[*] ? ($.a[*] > 5000)", &error);
        QVERIFY(!cross->matches(doc)); // 2000 x 2000 comparisons exceed the budget: no match
    }

    void deepDocument()
    {
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        QString error;
        QVERIFY(!JsonTree::parse(deep, &error));
        QVERIFY2(error.contains("nested too deeply"), qPrintable(error));
        const auto path = ContentPath::parse("$[0][0][0]", &error);
        QVERIFY(!path->matches(deep));
        QVERIFY(path->matches(QByteArray(QByteArray(10, 0x5b) + QByteArray(10, 0x5d))));
        QVERIFY(path->matches("[[[1]]]"));
    }

    void numberComparison()
    {
        QCOMPARE(JsonTree::compareNumbers("1e400", "1e399"), 1);
        QCOMPARE(JsonTree::compareNumbers("-1e400", "-1e399"), -1);
        QCOMPARE(JsonTree::compareNumbers("100", "1e2"), 0);
        QCOMPARE(JsonTree::compareNumbers("0.001", "1e-3"), 0);
        QCOMPARE(JsonTree::compareNumbers("1e99999999999999999999", "1e400"), 1);
        QCOMPARE(JsonTree::compareNumbers("0", "-0.0"), 0);
        QCOMPARE(JsonTree::compareNumbers("12", "123"), -1);
        QCOMPARE(JsonTree::compareNumbers("0.12", "0.123"), -1);
    }
};

QTEST_GUILESS_MAIN(TstContentPath)
#include "tst_contentpath.moc"
