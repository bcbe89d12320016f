// The form model built from a JSON Schema: one test per keyword, the JSON-Schema-Test-Suite
// documents round-tripping unchanged, and schemas that try to break it.
#include "../aspect/jsonsuite.h"
#include "forms/schemaformmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace ivcap;
using Kind = SchemaFormNode::Kind;

class TestSchemaFormModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SchemaFormModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    SchemaFormModel *load(const QByteArray &schemaText)
    {
        m_model = std::make_unique<SchemaFormModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        const QJsonValue schema = SchemaFormModel::parseSchema(schemaText, &error);
        if (!error.isEmpty())
            qWarning() << error;
        m_model->setSchema(schema);
        return m_model.get();
    }
    // moc's scanner trips over '#' inside multi-line raw strings; tests write '@' for it
    static QByteArray hashRefs(QByteArray text) { return text.replace('@', '#'); }
    QModelIndex at(const QString &pointer) { return m_model->indexForPointer(pointer); }
    QJsonObject doc() { return m_model->document().toObject(); }
    int kind(const QString &pointer) { return at(pointer).data(SchemaFormModel::KindRole).toInt(); }
    QStringList errorsAt(const QString &pointer)
    {
        return at(pointer).data(SchemaFormModel::ErrorsRole).toStringList();
    }
    static QJsonValue json(const QByteArray &text)
    {
        return QJsonDocument::fromJson("[" + text + "]").array().at(0);
    }

private Q_SLOTS:
    void type()
    {
        auto *m = load(R"({"type":"object","properties":{"s":{"type":"string"},
            "n":{"type":"number"},"i":{"type":"integer"},"b":{"type":"boolean"},
            "z":{"type":"null"}},"required":["s","b"]})");
        QCOMPARE(kind("/s"), int(Kind::String));
        QCOMPARE(kind("/n"), int(Kind::Number));
        QCOMPARE(kind("/i"), int(Kind::Integer));
        QCOMPARE(kind("/b"), int(Kind::Boolean));
        QCOMPARE(kind("/z"), int(Kind::Null));
        QVERIFY(m->setValue(at("/s"), QStringLiteral("hello")));
        QVERIFY(m->setNumberText(at("/i"), QStringLiteral("7")));
        QVERIFY(!m->setNumberText(at("/i"), QStringLiteral("7.5"))); // not an integer
        QVERIFY(!m->setNumberText(at("/n"), QStringLiteral("seven")));
        QCOMPARE(doc(), json(R"({"s":"hello","i":7,"b":false})").toObject());
        QVERIFY(m->isValid());
    }

    void typeUnionWithNull()
    {
        auto *m = load(R"({"type":"object","properties":{
            "limit":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null},
            "name":{"type":["string","null"]}}})");
        QCOMPARE(kind("/limit"), int(Kind::Integer));
        QVERIFY(at("/limit").data(SchemaFormModel::NullableRole).toBool());
        QVERIFY(at("/limit").data(SchemaFormModel::IsNullRole).toBool());
        QCOMPARE(doc().value("limit"), QJsonValue(QJsonValue::Null));
        QVERIFY(m->setNull(at("/limit"), false));
        QCOMPARE(doc().value("limit"), QJsonValue(0));
        QVERIFY(m->setNull(at("/limit"), true));
        QCOMPARE(doc().value("limit"), QJsonValue(QJsonValue::Null));
        QCOMPARE(kind("/name"), int(Kind::String));
        QVERIFY(at("/name").data(SchemaFormModel::AlternativesRole).toStringList().isEmpty());
        QVERIFY(m->isValid());
    }

    void propertiesInSchemaOrder()
    {
        auto *m = load(R"({"type":"object","properties":{"zeta":{"type":"string"},
            "alpha":{"type":"string"},"mid":{"type":"string"}}})");
        const QModelIndex root = m->index(0, 0);
        QCOMPARE(m->rowCount(root), 3);
        QCOMPARE(m->index(0, 0, root).data(SchemaFormModel::KeyRole).toString(), "zeta");
        QCOMPARE(m->index(1, 0, root).data(SchemaFormModel::KeyRole).toString(), "alpha");
        QCOMPARE(m->index(2, 0, root).data(SchemaFormModel::KeyRole).toString(), "mid");
    }

    void required()
    {
        auto *m = load(R"({"type":"object","properties":{"name":{"type":"string"},
            "note":{"type":"string"}},"required":["name"]})");
        QVERIFY(at("/name").data(SchemaFormModel::RequiredRole).toBool());
        QVERIFY(!at("/note").data(SchemaFormModel::RequiredRole).toBool());
        QVERIFY(!m->isValid());
        QCOMPARE(errorsAt("/name"), QStringList{"Required"});
        QCOMPARE(m->errors().first().pointer, QStringLiteral("/name"));
        QSignalSpy valid(m, &SchemaFormModel::validChanged);
        QVERIFY(m->setValue(at("/name"), QStringLiteral("x")));
        QVERIFY(m->isValid());
        QCOMPARE(valid.count(), 1);
        QVERIFY(errorsAt("/name").isEmpty());
        QVERIFY(m->setPresent(at("/name"), false));
        QVERIFY(!m->isValid());
    }

    void defaults()
    {
        load(R"({"type":"object","properties":{"n":{"type":"integer","default":3},
            "o":{"type":"object","default":{"a":1}},"s":{"type":"string"}}})");
        QCOMPARE(doc(), json(R"({"n":3,"o":{"a":1}})").toObject());
        QVERIFY(!at("/s").data(SchemaFormModel::PresentRole).toBool());
    }

    void constant()
    {
        auto *m = load(R"({"type":"object","properties":{"kind":{"const":"circle"}},
            "required":["kind"]})");
        QCOMPARE(kind("/kind"), int(Kind::Enum));
        QVERIFY(at("/kind").data(SchemaFormModel::ReadOnlyRole).toBool());
        QVERIFY(!(m->flags(at("/kind").siblingAtColumn(1)) & Qt::ItemIsEditable));
        QCOMPARE(doc().value("kind"), QJsonValue("circle"));
        QVERIFY(m->isValid());
    }

    void enumWithTitles()
    {
        auto *m = load(R"({"type":"object","properties":{
            "colour":{"enum":["red","green"]},
            "size":{"oneOf":[{"const":"s","title":"Small"},{"const":"l","title":"Large"}]}}})");
        QCOMPARE(kind("/colour"), int(Kind::Enum));
        QCOMPARE(at("/colour").data(SchemaFormModel::OptionsRole).toJsonArray(),
                 QJsonArray({"red", "green"}));
        QCOMPARE(kind("/size"), int(Kind::Enum));
        QCOMPARE(at("/size").data(SchemaFormModel::OptionTitlesRole).toStringList(),
                 QStringList({"Small", "Large"}));
        QVERIFY(m->setValue(at("/size"), QJsonValue("l")));
        QCOMPARE(at("/size").siblingAtColumn(1).data().toString(), QStringLiteral("Large"));
        QVERIFY(m->setValue(at("/colour"), QJsonValue("blue")));
        QCOMPARE(errorsAt("/colour").size(), 1);
    }

    void titleDescriptionExamples()
    {
        load(R"({"type":"object","properties":{"t":{"type":"number","title":"Temperature",
            "description":"In kelvin","examples":[273.15]}}})");
        QCOMPARE(at("/t").data().toString(), QStringLiteral("Temperature"));
        QCOMPARE(at("/t").data(SchemaFormModel::DescriptionRole).toString(), "In kelvin");
        QCOMPARE(at("/t").data(Qt::ToolTipRole).toString(), "In kelvin");
        QCOMPARE(at("/t").data(SchemaFormModel::ExamplesRole).toStringList(),
                 QStringList{"273.15"});
    }

    void format()
    {
        auto *m = load(R"({"type":"object","properties":{
            "when":{"type":"string","format":"date-time"},"day":{"type":"string","format":"date"},
            "at":{"type":"string","format":"time"},"link":{"type":"string","format":"uri"},
            "mail":{"type":"string","format":"email"},"id":{"type":"string","format":"uuid"}}})");
        QCOMPARE(at("/when").data(SchemaFormModel::FormatRole).toString(), "date-time");
        QCOMPARE(at("/id").data(SchemaFormModel::FormatRole).toString(), "uuid");
        QVERIFY(m->setValue(at("/when"), QJsonValue("2026-11-30T09:00:00Z")));
        QVERIFY(m->isValid());
        QVERIFY(m->setValue(at("/day"), QJsonValue("yesterday")));
        QVERIFY(!errorsAt("/day").isEmpty());
    }

    void numericBounds()
    {
        auto *m = load(R"({"type":"object","properties":{
            "a":{"type":"number","minimum":0,"maximum":10},
            "b":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1}}})");
        QVERIFY(m->setNumberText(at("/a"), "11"));
        QCOMPARE(errorsAt("/a").size(), 1);
        QVERIFY(m->setNumberText(at("/a"), "10"));
        QVERIFY(errorsAt("/a").isEmpty());
        QVERIFY(m->setNumberText(at("/b"), "1"));
        QCOMPARE(errorsAt("/b").size(), 1);
        QVERIFY(m->setNumberText(at("/b"), "0"));
        QCOMPARE(errorsAt("/b").size(), 1);
        QVERIFY(m->setNumberText(at("/b"), "0.5"));
        QVERIFY(m->isValid());
    }

    void multipleOfIsExact()
    {
        auto *m = load(R"({"type":"object","properties":{
            "price":{"type":"number","multipleOf":0.01,"default":19.99},
            "n":{"type":"integer","multipleOf":3}}})");
        QVERIFY2(m->isValid(), qPrintable(m->errors().value(0).message));
        QVERIFY(m->setNumberText(at("/price"), "19.995"));
        QCOMPARE(errorsAt("/price").size(), 1);
        QVERIFY(m->setNumberText(at("/price"), "0.3"));
        QVERIFY(m->isValid());
        QVERIFY(m->setNumberText(at("/n"), "4"));
        QCOMPARE(errorsAt("/n").size(), 1);
        QCOMPARE(SchemaResolver::isMultipleOf("1e2", "0.5"), std::optional(true));
        QCOMPARE(SchemaResolver::isMultipleOf("-7.5", "2.5"), std::optional(true));
        QCOMPARE(SchemaResolver::isMultipleOf("0.30000000000000004", "0.1"), std::optional(false));
    }

    void integersBeyond32Bits()
    {
        auto *m = load(R"({"type":"object","properties":{"seed":{"type":"integer",
            "maximum":9000000000}}})");
        QVERIFY(m->setNumberText(at("/seed"), "3000000000"));
        QVERIFY2(m->isValid(), qPrintable(m->errors().value(0).message));
        QVERIFY(m->setNumberText(at("/seed"), "9000000001"));
        QVERIFY(!m->isValid());
    }

    void oneOfShowsOnlyTheChosenAlternativesErrors()
    {
        auto *m = load(R"({"type":"object","properties":{"area":{"oneOf":[
            {"title":"Box","type":"object","properties":{"kind":{"const":"box"},
             "west":{"type":"number"}},"required":["kind","west"]},
            {"title":"Catchment","type":"object","properties":{"kind":{"const":"catchment"},
             "id":{"type":"string"}},"required":["kind","id"]}]}},"required":["area"]})");
        QCOMPARE(errorsAt("/area/west"), QStringList{"Required"});
        QCOMPARE(m->errors().size(), 1);
        QVERIFY(m->setChoice(at("/area"), 1));
        QCOMPARE(errorsAt("/area/id"), QStringList{"Required"});
        QCOMPARE(m->errors().size(), 1);
        QVERIFY(m->setValue(at("/area/id"), QJsonValue("410001")));
        QVERIFY(m->isValid());
    }

    void numbersKeepTheirDigits()
    {
        auto *m = load(R"({"type":"object","properties":{"big":{"type":"number"},
            "price":{"type":"number"}}})");
        QVERIFY(m->setNumberText(at("/big"), "9007199254740993"));
        QCOMPARE(doc().value("big").toInteger(), Q_INT64_C(9007199254740993));
        QVERIFY(m->setNumberText(at("/price"), "1.50"));
        QCOMPARE(at("/price").data(SchemaFormModel::NumberTextRole).toString(), "1.50");
        QCOMPARE(doc().value("price").toDouble(), 1.5);
    }

    void stringLimits()
    {
        auto *m = load(R"({"type":"object","properties":{"code":{"type":"string",
            "minLength":2,"maxLength":4,"pattern":"^[A-Z]+$"}}})");
        QVERIFY(m->setValue(at("/code"), QJsonValue("A")));
        QVERIFY(!errorsAt("/code").isEmpty());
        QVERIFY(m->setValue(at("/code"), QJsonValue("ABCDE")));
        QVERIFY(!errorsAt("/code").isEmpty());
        QVERIFY(m->setValue(at("/code"), QJsonValue("ab")));
        QVERIFY(!errorsAt("/code").isEmpty());
        QVERIFY(m->setValue(at("/code"), QJsonValue("AB")));
        QVERIFY(m->isValid());
    }

    void arrayOfScalars()
    {
        auto *m = load(R"({"type":"object","properties":{"tags":{"type":"array",
            "items":{"type":"string"},"minItems":1,"maxItems":2,"uniqueItems":true}},
            "required":["tags"]})");
        QCOMPARE(m->rowCount(at("/tags")), 1); // minItems
        QVERIFY(m->setValue(at("/tags/0"), QJsonValue("a")));
        const QModelIndex second = m->addItem(at("/tags"));
        QVERIFY(second.isValid());
        QVERIFY(m->setValue(second, QJsonValue("a")));
        QVERIFY(!errorsAt("/tags").isEmpty()); // uniqueItems
        QVERIFY(m->setValue(second, QJsonValue("b")));
        QVERIFY(m->isValid());
        QVERIFY(m->moveItem(at("/tags/1"), 0));
        QCOMPARE(doc().value("tags"), QJsonValue(QJsonArray({"b", "a"})));
        m->addItem(at("/tags"));
        QVERIFY(!errorsAt("/tags").isEmpty()); // maxItems
        QVERIFY(m->removeRow(at("/tags/2")));
        QVERIFY(m->removeRow(at("/tags/1")));
        QVERIFY(m->removeRow(at("/tags/0")));
        QVERIFY(!errorsAt("/tags").isEmpty()); // minItems
    }

    void arrayOfObjects()
    {
        auto *m = load(R"({"type":"object","properties":{"points":{"type":"array",
            "items":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}},
            "required":["x","y"]}}}})");
        QVERIFY(m->setPresent(at("/points"), true));
        const QModelIndex item = m->addItem(at("/points"));
        QCOMPARE(m->rowCount(item), 2);
        QCOMPARE(errorsAt("/points/0/x"), QStringList{"Required"});
        QVERIFY(m->setNumberText(at("/points/0/x"), "1"));
        QVERIFY(m->setNumberText(at("/points/0/y"), "2"));
        QCOMPARE(doc().value("points"), json(R"([{"x":1,"y":2}])"));
        QVERIFY(m->isValid());
    }

    void tuples()
    {
        auto *m = load(R"({"type":"object","properties":{
            "pair":{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],
                    "items":false,"minItems":2},
            "old":{"type":"array","items":[{"type":"boolean"}],"additionalItems":false}},
            "required":["pair"]})");
        QCOMPARE(m->rowCount(at("/pair")), 2);
        QCOMPARE(kind("/pair/0"), int(Kind::String));
        QCOMPARE(kind("/pair/1"), int(Kind::Integer));
        QVERIFY(m->isValid());
        m->addItem(at("/pair"));
        QVERIFY(!errorsAt("/pair").isEmpty()); // items: false after the prefix
        m->setDocument(json(R"({"pair":["a",1],"old":[true,1]})"));
        QCOMPARE(kind("/old/0"), int(Kind::Boolean));
        QVERIFY(!m->isValid());
    }

    void nestedObjects()
    {
        auto *m = load(R"({"type":"object","properties":{"a":{"type":"object","properties":
            {"b":{"type":"object","properties":{"c":{"type":"integer","maximum":1}},
            "required":["c"]}},"required":["b"]}},"required":["a"]})");
        QCOMPARE(errorsAt("/a/b/c"), QStringList{"Required"});
        QVERIFY(m->setNumberText(at("/a/b/c"), "2"));
        QCOMPARE(m->errors().size(), 1);
        QCOMPARE(m->errors().first().index, QPersistentModelIndex(at("/a/b/c")));
    }

    void additionalPropertiesAsKeyValues()
    {
        auto *m = load(R"({"type":"object","properties":{"labels":{"type":"object",
            "additionalProperties":{"type":"integer"}}},"required":["labels"]})");
        QVERIFY(at("/labels").data(SchemaFormModel::AcceptsEntriesRole).toBool());
        const QModelIndex entry = m->addEntry(at("/labels"), "alpha");
        QVERIFY(entry.isValid());
        QCOMPARE(kind("/labels/alpha"), int(Kind::Integer));
        QVERIFY(!m->addEntry(at("/labels"), "alpha").isValid()); // taken
        QVERIFY(m->setNumberText(entry, "5"));
        QVERIFY(m->renameEntry(at("/labels/alpha"), "beta"));
        QCOMPARE(doc().value("labels"), json(R"({"beta":5})"));
        QVERIFY(m->setData(at("/labels/beta"), "gamma"));
        QVERIFY(m->removeRow(at("/labels/gamma")));
        QCOMPARE(doc().value("labels"), QJsonValue(QJsonObject()));
    }

    void oneOfAlternatives()
    {
        auto *m = load(R"({"type":"object","properties":{"shape":{"oneOf":[
            {"title":"Circle","type":"object","properties":{"kind":{"const":"circle"},
             "r":{"type":"number"}},"required":["kind","r"]},
            {"title":"Square","type":"object","properties":{"kind":{"const":"square"},
             "side":{"type":"number"}},"required":["kind","side"]}]}},"required":["shape"]})");
        QCOMPARE(at("/shape").data(SchemaFormModel::AlternativesRole).toStringList(),
                 QStringList({"Circle", "Square"}));
        QCOMPARE(at("/shape").data(SchemaFormModel::ChoiceRole).toInt(), 0);
        QVERIFY(m->setChoice(at("/shape"), 1));
        QCOMPARE(doc().value("shape").toObject().value("kind"), QJsonValue("square"));
        QVERIFY(m->setNumberText(at("/shape/side"), "2"));
        QVERIFY(m->isValid());
        m->setDocument(json(R"({"shape":{"kind":"circle","r":1}})"));
        QCOMPARE(at("/shape").data(SchemaFormModel::ChoiceRole).toInt(), 0);
        QVERIFY(m->isValid());
    }

    void anyOfAlternatives()
    {
        auto *m = load(R"({"type":"object","properties":{"v":{"anyOf":[{"type":"string"},
            {"type":"array","items":{"type":"string"}}]}},"required":["v"]})");
        QCOMPARE(at("/v").data(SchemaFormModel::AlternativesRole).toStringList().size(), 2);
        QVERIFY(m->setChoice(at("/v"), 1));
        QCOMPARE(kind("/v"), int(Kind::Array));
        QVERIFY(m->setValue(at("/v"), QJsonValue("text"))); // switches back by the value
        QCOMPARE(at("/v").data(SchemaFormModel::ChoiceRole).toInt(), 0);
    }

    void allOfMerged()
    {
        auto *m = load(R"({"allOf":[{"type":"object","properties":{"a":{"type":"string"}},
            "required":["a"]},{"properties":{"b":{"type":"integer"}},"required":["b"]}]})");
        QCOMPARE(kind("/a"), int(Kind::String));
        QCOMPARE(kind("/b"), int(Kind::Integer));
        QCOMPARE(errorsAt("/a"), QStringList{"Required"});
        QVERIFY(m->setValue(at("/a"), QJsonValue("x")));
        QCOMPARE(errorsAt("/b"), QStringList{"Required"});
        QVERIFY(m->setNumberText(at("/b"), "1"));
        QVERIFY(m->isValid());
    }

    void refsAndRecursion()
    {
        auto *m = load(hashRefs(R"({"$defs":{"node":{"type":"object","properties":{
            "name":{"type":"string"},"child":{"$ref":"@/$defs/node"},
            "kids":{"type":"array","items":{"$ref":"@/$defs/node"}}},"required":["name"]}},
            "$ref":"@/$defs/node"})"));
        QCOMPARE(kind("/child"), int(Kind::Object));
        QVERIFY(!at("/child").data(SchemaFormModel::PresentRole).toBool());
        QCOMPARE(m->rowCount(at("/child")), 0); // expanded on demand
        QVERIFY(m->setPresent(at("/child"), true));
        QCOMPARE(m->rowCount(at("/child")), 3);
        QVERIFY(m->setValue(at("/child/name"), QJsonValue("leaf")));
        m->setDocument(json(R"({"name":"a","kids":[{"name":"b","kids":[{"name":"c"}]}]})"));
        QCOMPARE(at("/kids/0/kids/0/name").data(SchemaFormModel::PointerRole).toString(),
                 "/kids/0/kids/0/name");
        QVERIFY(m->isValid());
    }

    void readOnlyAndDeprecated()
    {
        auto *m = load(R"({"type":"object","properties":{"id":{"type":"string","readOnly":true},
            "old":{"type":"string","deprecated":true}}})");
        QVERIFY(at("/id").data(SchemaFormModel::ReadOnlyRole).toBool());
        QVERIFY(!(m->flags(at("/id").siblingAtColumn(1)) & Qt::ItemIsEditable));
        QVERIFY(at("/old").data(SchemaFormModel::DeprecatedRole).toBool());
    }

    void draft7AndDraft2020()
    {
        auto *m = load(hashRefs("{\"$schema\":\"http:/"
                                "/json-schema.org/draft-07/schema@\","
                                R"(
            "definitions":{"n":{"type":"integer"}},"type":"object",
            "properties":{"x":{"$ref":"@/definitions/n"}}})"));
        QCOMPARE(kind("/x"), int(Kind::Integer));
        QVERIFY(m->schemaProblem().isEmpty());
        m = load("{\"$schema\":\"https:/"
                 "/json-schema.org/draft/2020-12/schema\","
                 R"(
            "type":"object","properties":{"a":{"type":"string"}},
            "dependentRequired":{"a":["b"]}})");
        QVERIFY(m->schemaProblem().isEmpty());
        QVERIFY(m->setValue(at("/a"), QJsonValue("x")));
        QVERIFY(!m->isValid()); // b depends on a
    }

    void keepsWhatTheSchemaDoesNotDescribe()
    {
        auto *m = load(R"({"type":"object","properties":{"n":{"type":"integer"}},
            "additionalProperties":false})");
        const QJsonValue d = json(R"({"n":"not a number","extra":{"deep":[1,2]}})");
        m->setDocument(d);
        QCOMPARE(m->document(), d);
        QCOMPARE(kind("/n"), int(Kind::Raw));
        QVERIFY(!at("/n").data(SchemaFormModel::ProblemRole).toString().isEmpty());
        QVERIFY(!at("/extra").data(SchemaFormModel::DescribedRole).toBool());
        QVERIFY(!m->isValid());
        QCOMPARE(m->setRawJson(at("/n"), "{oops"), m->setRawJson(at("/n"), "{oops"));
        QVERIFY(!m->setRawJson(at("/n"), "{oops").isEmpty());
        QVERIFY(m->setRawJson(at("/n"), "12").isEmpty());
        QCOMPARE(kind("/n"), int(Kind::Integer)); // fits now: a real field again
    }

    void setDocumentChangesInPlace()
    {
        auto *m = load(R"({"type":"object","properties":{"a":{"type":"string"},
            "list":{"type":"array","items":{"type":"integer"}}}})");
        m->setDocument(json(R"({"a":"x","list":[1,2,3]})"));
        QSignalSpy reset(m, &QAbstractItemModel::modelReset);
        QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
        const QPersistentModelIndex a = at("/a");
        m->setDocument(json(R"({"a":"y","list":[1,5,3]})"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 0);
        QVERIFY(changed.count() >= 2);
        QVERIFY(a.isValid());
        QCOMPARE(QModelIndex(a).siblingAtColumn(1).data().toString(), "y");
        m->setDocument(json(R"({"a":"y","list":[1]})"));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(reset.count(), 0);
    }

    void editedReportsBeforeAndAfter()
    {
        auto *m = load(R"({"type":"object","properties":{"a":{"type":"string"}}})");
        QSignalSpy edited(m, &SchemaFormModel::edited);
        QVERIFY(m->setValue(at("/a"), QJsonValue("x")));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(edited.at(0).at(0).toJsonValue(), QJsonValue(QJsonObject()));
        QCOMPARE(edited.at(0).at(1).toJsonValue(), json(R"({"a":"x"})"));
        QCOMPARE(edited.at(0).at(3).toString(), "/a");
        QVERIFY(!m->setValue(at("/a"), QJsonValue("x"))); // no change, no edit
        QCOMPARE(edited.count(), 1);
    }

    void suiteDocumentsRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *draft : {"draft4", "draft6", "draft7"}) {
            for (const QString &file : jsonsuite::files(QString::fromLatin1(draft)))
                QTest::newRow(
                    qPrintable(QString::fromLatin1(draft) + "/" + QFileInfo(file).fileName()))
                    << file;
        }
    }
    void suiteDocumentsRoundTrip()
    {
        QFETCH(QString, file);
        const QJsonArray groups = jsonsuite::load(file);
        QVERIFY2(!groups.isEmpty(), qPrintable("cannot read " + file));
        SchemaFormModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const QJsonValue &group : groups) {
            model.setSchema(group["schema"]);
            for (const QJsonValue &test : group["tests"].toArray()) {
                const QJsonValue data = test["data"];
                model.setDocument(data);
                QVERIFY2(model.document() == data,
                         qPrintable(group["description"].toString() + " / " +
                                    test["description"].toString()));
                // and loaded into a form built fresh for it
                SchemaFormModel fresh;
                fresh.setSchema(group["schema"]);
                fresh.setDocument(data);
                QVERIFY(fresh.document() == data);
            }
        }
    }

    void invalidSchema()
    {
        auto *m = load(R"({"type":"object","properties":{"a":{"type":"string",
            "minLength":"three"}}})");
        QVERIFY(!m->schemaProblem().isEmpty());
        QVERIFY(!m->isValid());
        QCOMPARE(kind("/a"), int(Kind::String)); // still a usable form
        QString error;
        QVERIFY(SchemaFormModel::parseSchema("{not json", &error).isUndefined());
        QVERIFY(!error.isEmpty());
    }

    void refToNowhere()
    {
        auto *m = load(hashRefs(R"({"type":"object","properties":{"a":{"$ref":"@/$defs/missing"},
            "b":{"type":"string"}}})"));
        QVERIFY(!m->schemaProblem().isEmpty());
        QCOMPARE(kind("/a"), int(Kind::Raw));
        QVERIFY(at("/a").data(SchemaFormModel::ProblemRole).toString().contains("missing"));
        QVERIFY(m->setValue(at("/b"), QJsonValue("still works")));
    }

    void refCycle()
    {
        auto *m = load(hashRefs(R"({"$defs":{"a":{"$ref":"@/$defs/b"},"b":{"$ref":"@/$defs/a"}},
            "type":"object","properties":{"x":{"$ref":"@/$defs/a"}}})"));
        QVERIFY(m->schemaProblem().contains("refers back"));
        QCOMPARE(kind("/x"), int(Kind::Raw));
        load(hashRefs(R"({"$ref":"@"})"));
        QCOMPARE(kind(""), int(Kind::Raw));
    }

    void tenThousandEnumValues()
    {
        QJsonArray values;
        for (int i = 0; i < 10000; ++i)
            values.append(QStringLiteral("value %1").arg(i));
        const QJsonObject schema{{"type", "object"},
                                 {"properties", QJsonObject{{"e", QJsonObject{{"enum", values}}}}},
                                 {"required", QJsonArray{"e"}}};
        auto *m = load(QJsonDocument(schema).toJson());
        QCOMPARE(at("/e").data(SchemaFormModel::OptionsRole).toJsonArray().size(), 10000);
        QVERIFY(m->setValue(at("/e"), QJsonValue("value 9999")));
        QVERIFY(m->isValid());
    }

    void fiftyLevelsOfNesting()
    {
        QByteArray schema = R"({"type":"integer","maximum":1})";
        for (int i = 0; i < 50; ++i)
            schema = R"({"type":"object","properties":{"n":)" + schema + R"(},"required":["n"]})";
        auto *m = load(schema);
        const QString deepest = QStringLiteral("/n").repeated(50);
        QCOMPARE(at(deepest).data(SchemaFormModel::PointerRole).toString(), deepest);
        QVERIFY(m->setNumberText(at(deepest), "2"));
        QCOMPARE(m->errors().size(), 1);
        QCOMPARE(m->errors().first().index, QPersistentModelIndex(at(deepest)));
    }

    void twoMegabyteSchema()
    {
        QJsonObject properties;
        for (int i = 0; properties.size() < 12000; ++i)
            properties.insert(QStringLiteral("field_%1").arg(i),
                              QJsonObject{{"type", "string"},
                                          {"title", QStringLiteral("Field %1").arg(i)},
                                          {"description", QString(100, QLatin1Char('d'))},
                                          {"default", "x"}});
        const QByteArray text =
            QJsonDocument(QJsonObject{{"type", "object"}, {"properties", properties}}).toJson();
        QVERIFY(text.size() > 2 * 1024 * 1024);
        auto *m = load(text);
        QCOMPARE(m->rowCount(m->index(0, 0)), 12000);
        QVERIFY(m->isValid());
    }
};

QTEST_GUILESS_MAIN(TestSchemaFormModel)
#include "tst_schemaformmodel.moc"
