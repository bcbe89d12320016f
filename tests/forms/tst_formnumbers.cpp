// Order form numbers of any size and precision: the value travels as the text typed, so the
// form accepts every integer and decimal a service can parse (beyond 64 bits, 1e400, 19.990)
// and sends that text unchanged.
#include "forms/orderformmodel.h"
#include "forms/parameterdefinition.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace ivcap;

namespace {
ParameterDefinition definition(const QString &type)
{
    return ParameterDefinition::fromJson(QJsonObject{{"name", "p"}, {"type", type}});
}
} // namespace

class TestFormNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validation_data();
    void validation();
    void sentAsTyped();
};

void TestFormNumbers::validation_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("int 2^31") << "int"
                              << "2147483648" << true;
    QTest::newRow("int 2^63") << "int"
                              << "9223372036854775808" << true;
    QTest::newRow("int beyond 64 bits") << "int"
                                        << "-123456789012345678901234567890" << true;
    QTest::newRow("int decimal") << "int"
                                 << "1.5" << false;
    QTest::newRow("int text") << "int"
                              << "12a" << false;
    QTest::newRow("int spaces") << "int"
                                << " 12" << false;
    QTest::newRow("float long decimal") << "float"
                                        << "0.1000000000000000055511151231257827" << true;
    QTest::newRow("float 1e400") << "float"
                                 << "1e400" << true;
    QTest::newRow("float 19.990") << "float"
                                  << "19.990" << true;
    QTest::newRow("float NaN") << "float"
                               << "NaN" << false;
    QTest::newRow("float inf") << "float"
                               << "inf" << false;
    QTest::newRow("float text") << "float"
                                << "1.2.3" << false;
}

void TestFormNumbers::validation()
{
    QFETCH(QString, type);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QCOMPARE(OrderFormModel::validate(definition(type), value).isEmpty(), ok);
}

void TestFormNumbers::sentAsTyped()
{
    OrderFormModel model;
    QAbstractItemModelTester tester(&model);
    model.setDefinitions({definition(QStringLiteral("int"))});
    const QString big = QStringLiteral("123456789012345678901234567890");
    QVERIFY(model.setValue(QStringLiteral("p"), big));
    QVERIFY(model.isValid());
    QCOMPARE(model.value(QStringLiteral("p")), big);
}

QTEST_GUILESS_MAIN(TestFormNumbers)
#include "tst_formnumbers.moc"
