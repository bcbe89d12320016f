#include "forms/orderformmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using ivcap::OrderFormModel;
using ivcap::ParameterDefinition;

namespace {
// JSON written with single quotes keeps the test data readable without raw string literals,
// which moc's tokenizer mis-reads.
QByteArray J(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonArray parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

QJsonObject param(const QString &name, const QString &type, const QJsonObject &extra = {})
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("type"), type);
    return o;
}
} // namespace

class TestOrderFormModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesDefinitionLeniently()
    {
        const auto def = ParameterDefinition::fromJson(
            QJsonDocument::fromJson(J("{'name':'img-art','label':'','type':'weird','unit':'',"
                                      "'optional':'true','default':'','options':[],'unary':true}"))
                .object());
        QCOMPARE(def.name, QStringLiteral("img-art"));
        QCOMPARE(def.type, ParameterDefinition::Type::String);
        QVERIFY(def.optional);
        QVERIFY(def.label.isEmpty());
        QVERIFY(!def.isMandatory());
    }

    void validatesEachType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("int ok") << "int"
                                << "42" << true;
        QTest::newRow("int negative") << "int"
                                      << "-7" << true;
        QTest::newRow("int fraction") << "int"
                                      << "4.2" << false;
        QTest::newRow("int text") << "int"
                                  << "abc" << false;
        QTest::newRow("float ok") << "float"
                                  << "12.5" << true;
        QTest::newRow("float exp") << "float"
                                   << "1e3" << true;
        QTest::newRow("float text") << "float"
                                    << "x1" << false;
        QTest::newRow("float inf") << "float"
                                   << "inf" << false;
        QTest::newRow("bool true") << "bool"
                                   << "true" << true;
        QTest::newRow("bool false") << "bool"
                                    << "false" << true;
        QTest::newRow("bool yes") << "bool"
                                  << "yes" << false;
        QTest::newRow("bool True") << "bool"
                                   << "True" << false;
        QTest::newRow("artifact urn") << "artifact"
                                      << "urn:ivcap:artifact:abc" << true;
        QTest::newRow("artifact http") << "artifact"
                                       << "http://x/y" << true;
        QTest::newRow("artifact https") << "artifact"
                                        << "https://x/y" << true;
        QTest::newRow("artifact urn:https") << "artifact"
                                            << "urn:https://x/y" << true;
        QTest::newRow("artifact other urn") << "artifact"
                                            << "urn:ivcap:order:1" << false;
        QTest::newRow("collection ok") << "collection"
                                       << "urn:projectX:collection:a" << true;
        QTest::newRow("collection bad") << "collection"
                                        << "projectX" << false;
        QTest::newRow("string") << "string"
                                << "Upper Valley" << true;
        QTest::newRow("unknown type") << "fancy"
                                      << "anything" << true;
    }

    void validatesEachType()
    {
        QFETCH(QString, type);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        OrderFormModel model;
        QAbstractItemModelTester tester(&model);
        model.setParameters(QJsonArray{param(QStringLiteral("p"), type)});
        QVERIFY(!model.isValid()); // mandatory and empty
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(model.index(0), value, OrderFormModel::ValueRole));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0).data(OrderFormModel::ValidRole).toBool(), valid);
        QCOMPARE(model.isValid(), valid);
        QCOMPARE(model.index(0).data(OrderFormModel::ErrorMessageRole).toString().isEmpty(), valid);
    }

    void optionMustMatchAnOptionValue()
    {
        OrderFormModel model;
        model.setParameters(
            parse(J("[{'name':'mode','type':'option',"
                    "'options':[{'value':'exact','description':'E'},{'value':'fuzzy'}]}]")));
        QVERIFY(!model.setValue(QStringLiteral("nope"), QStringLiteral("x")));
        QVERIFY(model.setValue(QStringLiteral("mode"), QStringLiteral("fuzzy")));
        QVERIFY(model.isValid());
        QVERIFY(model.setValue(QStringLiteral("mode"), QStringLiteral("Exact")));
        QVERIFY(!model.isValid());
        const QVariantList options = model.index(0).data(OrderFormModel::OptionsRole).toList();
        QCOMPARE(options.size(), 2);
        QCOMPARE(options.at(0).toMap().value(QStringLiteral("description")).toString(),
                 QStringLiteral("E"));
    }

    void mandatoryRule()
    {
        OrderFormModel model;
        model.setParameters(parse(J("["
                                    "{'name':'a','type':'string'},"
                                    "{'name':'b','type':'string','optional':true},"
                                    "{'name':'c','type':'int','optional':false,'default':'3'},"
                                    "{'name':'d','type':'string','optional':false,'default':''},"
                                    "{'name':'e','type':'string','constant':true}]")));
        auto mandatory = [&](int r) { return model.index(r).data(OrderFormModel::MandatoryRole); };
        QCOMPARE(mandatory(0).toBool(), true);
        QCOMPARE(mandatory(1).toBool(), false);
        QCOMPARE(mandatory(2).toBool(), false); // the "optional:false + default" hack
        QCOMPARE(mandatory(3).toBool(), true);  // an empty default does not count
        QCOMPARE(mandatory(4).toBool(), false);
        QCOMPARE(model.index(2).data(OrderFormModel::ValueRole).toString(), QStringLiteral("3"));
        const auto errors = model.errors();
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0).row, 0);
        QCOMPARE(errors.at(1).name, QStringLiteral("d"));
        QSignalSpy validSpy(&model, &OrderFormModel::validChanged);
        model.setValue(QStringLiteral("a"), QStringLiteral("x"));
        QCOMPARE(validSpy.count(), 0);
        model.setValue(QStringLiteral("d"), QStringLiteral("y"));
        QCOMPARE(validSpy.count(), 1);
        QCOMPARE(validSpy.at(0).at(0).toBool(), true);
    }

    void constantsAreReadOnlyAndNotSent()
    {
        OrderFormModel model;
        model.setParameters(
            parse(J("[{'name':'k','type':'string','constant':true,'default':'fixed'}]")));
        QVERIFY(!(model.flags(model.index(0)) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(model.index(0), QStringLiteral("other"), Qt::EditRole));
        QCOMPARE(model.value(QStringLiteral("k")), QStringLiteral("fixed"));
        const auto request = model.toOrderRequest(QStringLiteral("urn:ivcap:service:1"));
        QVERIFY(request);
        QCOMPARE(request->value(QStringLiteral("parameters")).toArray().size(), 0);
    }

    void toOrderRequestExactJson()
    {
        OrderFormModel model;
        model.setParameters(parse(
            J("["
              "{'name':'msg','type':'string'},"
              "{'name':'threshold','type':'float','unit':'m','default':'1.0'},"
              "{'name':'img-art','type':'artifact'},"
              "{'name':'flag','type':'bool','optional':true},"
              "{'name':'mode','type':'option','default':'exact','options':[{'value':'exact'}]}]")));
        model.setOrderName(QStringLiteral("test 1"));
        model.setValue(QStringLiteral("msg"), QStringLiteral("Hello World"));
        model.setValue(QStringLiteral("threshold"), QStringLiteral("12.5"));
        model.setValue(QStringLiteral("img-art"), QStringLiteral("urn:ivcap:artifact:a1"));
        const auto request = model.toOrderRequest(QStringLiteral("urn:ivcap:service:85f4"),
                                                  QStringLiteral("urn:ivcap:account:4c65"));
        QVERIFY(request);
        const QJsonObject expected =
            QJsonDocument::fromJson(
                J("{"
                  "'service-id':'urn:ivcap:service:85f4','account-id':'urn:ivcap:account:4c65',"
                  "'name':'test 1','parameters':[{'name':'msg','value':'Hello World'},"
                  "{'name':'threshold','value':'12.5'},{'name':'img-art','value':'urn:ivcap:"
                  "artifact:a1'},"
                  "{'name':'mode','value':'exact'}]}"))
                .object();
        QCOMPARE(*request, expected);
    }

    void checkboxBoolIsSentAsString()
    {
        OrderFormModel model;
        model.setParameters(parse(J("[{'name':'flag','type':'bool'}]")));
        QVERIFY(model.setData(model.index(0), true, Qt::EditRole));
        const auto request = model.toOrderRequest(QStringLiteral("urn:s"));
        QVERIFY(request);
        QCOMPARE(request->value(QStringLiteral("parameters")).toArray().at(0).toObject(),
                 (QJsonObject{{"name", "flag"}, {"value", "true"}}));
        QVERIFY(!request->contains(QStringLiteral("account-id")));
        QVERIFY(!request->contains(QStringLiteral("name")));
    }

    void invalidGivesNullopt()
    {
        OrderFormModel model;
        model.setParameters(parse(J("[{'name':'n','type':'int','default':'1'}]")));
        QVERIFY(model.toOrderRequest(QStringLiteral("urn:s")));
        model.setValue(QStringLiteral("n"), QStringLiteral("one"));
        QVERIFY(!model.toOrderRequest(QStringLiteral("urn:s")));
    }

    void prefillMarksDifferences()
    {
        OrderFormModel model;
        QAbstractItemModelTester tester(&model);
        model.setParameters(
            parse(J("["
                    "{'name':'img','type':'artifact','default':'urn:ivcap:artifact:def'},"
                    "{'name':'n','type':'int','default':'5'},"
                    "{'name':'k','type':'string','constant':true,'default':'c'}]")));
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(!model.index(r).data(OrderFormModel::DiffersFromDefaultRole).toBool());
        model.prefill(parse(J(
            "["
            "{'name':'img','value':'http://artifact.local/urn:ivcap:artifact:xyz'},"
            "{'name':'n','value':'5'},{'name':'k','value':'other'},{'name':'gone','value':'1'}]")));
        QCOMPARE(model.value(QStringLiteral("img")), QStringLiteral("urn:ivcap:artifact:xyz"));
        QVERIFY(model.index(0).data(OrderFormModel::DiffersFromDefaultRole).toBool());
        QVERIFY(!model.index(1).data(OrderFormModel::DiffersFromDefaultRole).toBool());
        QCOMPARE(model.value(QStringLiteral("k")), QStringLiteral("c"));
        QVERIFY(model.isValid());
    }
};

QTEST_GUILESS_MAIN(TestOrderFormModel)
#include "tst_orderformmodel.moc"
