#include "aspect/aspecttreemodel.h"
#include "jsonsuite.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using ivcap::AspectTreeModel;

namespace {
// Single-quoted JSON keeps test data readable; raw string literals confuse moc.
QJsonValue J(const char *text)
{
    const QByteArray json = "[" + QByteArray(text).replace('\'', '"') + "]";
    return QJsonDocument::fromJson(json).array().at(0);
}
} // namespace

class TestAspectTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exposesTheDocument()
    {
        AspectTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(J("{'a':1,'b':[true,null,'x'],'c':{'d':'e'}}"));
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.rootIndex();
        QCOMPARE(model.rowCount(root), 3);
        const QModelIndex b = model.indexForPath(QStringLiteral("/b"));
        QCOMPARE(model.rowCount(b), 3);
        QCOMPARE(model.index(2, AspectTreeModel::ValueColumn, b).data().toString(),
                 QStringLiteral("x"));
        QCOMPARE(model.index(1, AspectTreeModel::TypeColumn, b).data().toString(),
                 QStringLiteral("null"));
        QVERIFY(!model.index(1, AspectTreeModel::KeyColumn, b).data().isValid());
    }

    void pathsRoundTrip()
    {
        AspectTreeModel model;
        model.setJson(J("{'a/b':{'x~y':[0,{'k':1}]}}"));
        const QModelIndex k = model.indexForPath(QStringLiteral("/a~1b/x~0y/1/k"));
        QVERIFY(k.isValid());
        QCOMPARE(model.pathForIndex(k), QStringLiteral("/a~1b/x~0y/1/k"));
        QCOMPARE(model.indexForPath(QStringLiteral("#/a~1b/x~0y/0")).data(Qt::EditRole).toInt(), 0);
        QCOMPARE(model.indexForPath(QString()), model.rootIndex());
        QCOMPARE(model.pathForIndex(model.rootIndex()), QString());
        QVERIFY(!model.indexForPath(QStringLiteral("/nope")).isValid());
        QVERIFY(!model.indexForPath(QStringLiteral("/a~1b/x~0y/7")).isValid());
        model.setJson(J("{'items':[{'name':'n'}]}"));
        QCOMPARE(model.indexForPath(QStringLiteral("items[0].name")),
                 model.indexForPath(QStringLiteral("/items/0/name")));
    }

    void renamesKeysRefusingDuplicates()
    {
        AspectTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(J("{'a':1,'b':2}"));
        const QModelIndex a = model.indexForPath(QStringLiteral("/a"));
        QVERIFY(!model.setData(a, QStringLiteral("b")));
        QVERIFY(model.setData(a, QStringLiteral("z")));
        QCOMPARE(model.toJson(), J("{'z':1,'b':2}"));
        model.setJson(J("[1,2]"));
        QVERIFY(!model.setData(model.indexForPath(QStringLiteral("/0")), QStringLiteral("k")));
    }

    void editsValuesAndTypes()
    {
        AspectTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(J("{'n':1,'s':'12.5','b':false,'o':{'x':1}}"));
        auto at = [&](const char *path, int column) {
            const QModelIndex i = model.indexForPath(QString::fromLatin1(path));
            return i.siblingAtColumn(column);
        };
        QVERIFY(model.setData(at("/n", 1), QStringLiteral("2.5")));
        QVERIFY(!model.setData(at("/n", 1), QStringLiteral("abc")));
        QVERIFY(model.setData(at("/b", 1), true));
        QVERIFY(model.setData(at("/s", 2), QStringLiteral("number")));
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(model.setData(at("/o", 2), QStringLiteral("array")));
        QCOMPARE(removed.count(), 1);
        QVERIFY(model.setData(at("/b", 2), QStringLiteral("null")));
        QVERIFY(!model.setData(at("/b", 2), QStringLiteral("integerish")));
        QCOMPARE(model.toJson(), J("{'n':2.5,'s':12.5,'b':null,'o':[]}"));
        QVERIFY(model.setData(model.rootIndex().siblingAtColumn(2), QStringLiteral("string")));
        QCOMPARE(model.toJson(), QJsonValue(QString()));
    }

    void insertsRemovesAndMoves()
    {
        AspectTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(J("{'list':[1,2,3],'obj':{}}"));
        const QModelIndex list = model.indexForPath(QStringLiteral("/list"));
        const QModelIndex obj = model.indexForPath(QStringLiteral("/obj"));
        QVERIFY(model.insertChild(obj, 0, QStringLiteral("k"), J("{'deep':[true]}")));
        QVERIFY(!model.insertChild(obj, 1, QStringLiteral("k"), 1));
        QVERIFY(model.insertRows(1, 1, obj)); // gets a unique placeholder key
        QVERIFY(model.insertChild(list, 3, QString(), QStringLiteral("four")));
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QVERIFY(model.moveRows(list, 0, 1, list, 4)); // first to the end
        QCOMPARE(moved.count(), 1);
        QVERIFY(model.moveRows(list, 3, 1, list, 0)); // last to the front
        QVERIFY(!model.moveRows(list, 0, 1, obj, 0));
        QVERIFY(model.removeRows(1, 1, list));
        QCOMPARE(model.toJson(), J("{'list':[1,3,'four'],'obj':{'k':{'deep':[true]},'key':null}}"));
    }

    void roundTripsTheSchemaTestSuite()
    {
        int documents = 0;
        AspectTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const QString draft : {"draft4", "draft6", "draft7"}) {
            for (const QString &file : jsonsuite::files(draft)) {
                for (const QJsonValue &group : jsonsuite::load(file)) {
                    QList<QJsonValue> docs{group[QLatin1String("schema")]};
                    for (const QJsonValue &t : group[QLatin1String("tests")].toArray())
                        docs.append(t[QLatin1String("data")]);
                    for (const QJsonValue &doc : docs) {
                        model.setJson(doc);
                        if (model.toJson() != doc)
                            QFAIL(qPrintable(file + QLatin1String(": ") +
                                             QString::fromUtf8(model.toJsonText(false))));
                        ++documents;
                    }
                }
            }
        }
        if (documents == 0)
            QSKIP("JSON-Schema-Test-Suite not installed");
        qInfo("round-tripped %d documents", documents);
    }
};

QTEST_GUILESS_MAIN(TestAspectTreeModel)
#include "tst_aspecttreemodel.moc"
