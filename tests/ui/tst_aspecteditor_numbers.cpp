// Numbers a double cannot hold survive the aspect editor: an aspect stored on a sandbox (v0.28
// `/1/metadata`, v0.48 `/1/aspects`) with integers beyond 64 bits, long decimals and numbers
// beyond a double's range is loaded by the editor, shown with every digit in the tree, the raw
// JSON and the form, and saved back, unchanged or with another field edited, so that the
// server stores the same number texts.
#include "api/apicalls.h"
#include "api/aspectcalls.h"
#include "api/connection.h"
#include "aspect/aspectdrafts.h"
#include "aspect/aspecttreemodel.h"
#include "aspecteditor.h"
#include "forms/schemaformmodel.h"
#include "sandboxprocess.h"
#include "schema/schemaregistry.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace ivcap;
using namespace ivcap::ui;

namespace {
const QString Schema = QStringLiteral("urn:ivcap:schema:test.numbers.1");

// Each member's JSON text, as stored on the server (compact) and as the editor must show it.
const QList<QPair<QString, QByteArray>> Numbers = {
    {QStringLiteral("big"), "12345678901234567890"},
    {QStringLiteral("precise"), "0.1000000000000000055511151231257827"},
    {QStringLiteral("huge"), "1e400"},
    {QStringLiteral("tiny"), "-1e-400"},
    {QStringLiteral("wide"), "123456789012345678901234567890.123456789"},
    {QStringLiteral("zeros"), "1.50"},
};

QByteArray storedAspect()
{
    QByteArray json = "{\"$schema\":\"" + Schema.toUtf8() + "\",\"name\":\"before\"";
    for (const auto &[key, text] : Numbers)
        json += ",\"" + key.toUtf8() + "\":" + text;
    return json + ",\"list\":[9007199254740993,1e400],\"nested\":{\"n\":98765432109876543210}}";
}

QJsonObject formSchema()
{
    const QJsonObject number{{QStringLiteral("type"), QStringLiteral("number")}};
    const QJsonObject integer{{QStringLiteral("type"), QStringLiteral("integer")}};
    QJsonObject properties{
        {QStringLiteral("$schema"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
        {QStringLiteral("name"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
        {QStringLiteral("big"), integer},
        {QStringLiteral("list"), QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                             {QStringLiteral("items"), number}}},
        {QStringLiteral("nested"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                     {QStringLiteral("properties"), QJsonObject{{QStringLiteral("n"), integer}}}}},
    };
    for (const auto &[key, text] : Numbers) {
        if (!properties.contains(key))
            properties.insert(key, number);
    }
    return {{QStringLiteral("$schema"), QStringLiteral("http://json-schema.org/draft-07/schema#")},
            {QStringLiteral("$id"), Schema},
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), properties}};
}
} // namespace

class TestAspectEditorNumbers : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox28{{}, QStringLiteral("0.28")};
    SandboxProcess m_sandbox48{{}, QStringLiteral("0.48")};
    SchemaRegistry m_registry;

    SandboxProcess &sandbox(const QString &api)
    {
        return api == "0.48" ? m_sandbox48 : m_sandbox28;
    }

    // Runs one call to its end; the answer's body as the server sent it, empty on failure.
    static QByteArray call(ApiRequest *request, QString *error = nullptr)
    {
        QByteArray body;
        connect(request, &ApiRequest::bodyReceived, request,
                [&body](const QByteArray &b) { body = b; });
        QSignalSpy finished(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000))
            return {};
        if (!failed.isEmpty()) {
            if (error)
                *error = failed.first().first().value<ApiError>().message;
            return {};
        }
        return body;
    }

    // Stores storedAspect() byte for byte: v0.48 through the datafabric, v0.28 as metadata.
    static QString store(Connection *c, const QString &api, const QString &entity)
    {
        ApiRequest *request = api == "0.48"
                                  ? Api::addAspect(c, entity, Schema, {}, QString(), nullptr)
                                  : Api::addMetadata(c, entity, Schema, {}, QString(), nullptr);
        request->setBody(storedAspect());
        QString error;
        const QByteArray answer = call(request, &error);
        if (answer.isEmpty())
            qWarning() << "store failed:" << error;
        return Api::writtenRecordId(QJsonDocument::fromJson(answer));
    }

    // The record's body as the server answers it (v0.48: the datafabric's own read).
    static QByteArray storedBody(Connection *c, const QString &api, const QString &id)
    {
        const QString path = api == "0.48" ? Connection::idPath(QStringLiteral("aspects"), id)
                                           : Connection::idPath(QStringLiteral("metadata"), id);
        return call(new ApiRequest(c, "GET", c->apiUrl(path)));
    }

    struct Fixture
    {
        Connection connection;
        AspectEditor editor;
        QAbstractItemModelTester treeTester;
        QAbstractItemModelTester formTester;
        Fixture(const QUrl &url, const QString &token, SchemaRegistry *registry)
            : connection(url, token), editor(&connection),
              treeTester(editor.model(), QAbstractItemModelTester::FailureReportingMode::QtTest),
              formTester(editor.formModel(), QAbstractItemModelTester::FailureReportingMode::QtTest)
        {
            editor.setSchemaRegistry(registry);
            editor.resize(1000, 700);
            editor.show();
        }
        bool open(const QString &recordId)
        {
            QSignalSpy loaded(&editor, &AspectEditor::recordLoaded);
            editor.openRecord(recordId);
            return loaded.wait(20000);
        }
        QString saveAndWait()
        {
            QSignalSpy saved(&editor, &AspectEditor::saved);
            QSignalSpy failed(&editor, &AspectEditor::saveFailed);
            editor.save();
            if (!QTest::qWaitFor([&] { return !saved.isEmpty() || !failed.isEmpty(); }, 20000) ||
                saved.isEmpty()) {
                qWarning() << "save failed:" << failed;
                return {};
            }
            return saved.first().first().toString();
        }
    };

    // Every number as stored, in the tree, the raw JSON and the form.
    static void checkShown(Fixture &f)
    {
        const QString text = f.editor.text();
        const AspectTreeModel *tree = f.editor.model();
        const SchemaFormModel *form = f.editor.formModel();
        QVERIFY2(f.editor.viewTabs()->isTabEnabled(1), "the form has the schema");
        for (const auto &[key, number] : Numbers) {
            QVERIFY2(
                text.contains(QStringLiteral("\"%1\": %2").arg(key, QString::fromLatin1(number))),
                qPrintable(key + QStringLiteral(" in the raw JSON:\n") + text));
            const QModelIndex node = tree->indexForPath(QLatin1Char('/') + key);
            QCOMPARE(node.siblingAtColumn(AspectTreeModel::ValueColumn).data().toString(),
                     QString::fromLatin1(number));
            const QModelIndex field = form->indexForPointer(QLatin1Char('/') + key);
            QCOMPARE(field.data(SchemaFormModel::NumberTextRole).toString(),
                     QString::fromLatin1(number));
        }
        QCOMPARE(tree->indexForPath(QStringLiteral("/list/0"))
                     .siblingAtColumn(AspectTreeModel::ValueColumn)
                     .data()
                     .toString(),
                 QStringLiteral("9007199254740993"));
        QCOMPARE(form->indexForPointer(QStringLiteral("/nested/n"))
                     .data(SchemaFormModel::NumberTextRole)
                     .toString(),
                 QStringLiteral("98765432109876543210"));
    }

    // The stored record keeps every number's text.
    static void checkStored(const QByteArray &body)
    {
        QVERIFY2(!body.isEmpty(), "the record can be read");
        const QByteArray &compact = body; // the sandbox stores aspects compact
        for (const auto &[key, number] : Numbers)
            QVERIFY2(compact.contains(QByteArray("\"" + key.toUtf8() + "\":" + number)),
                     qPrintable(key + QStringLiteral(" stored as ") + QString::fromUtf8(body)));
        QVERIFY2(compact.contains("[9007199254740993,1e400]"), body.constData());
        QVERIFY2(compact.contains("{\"n\":98765432109876543210}"), body.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(AspectDrafts().fileName());
        m_registry.addSchema(Schema, formSchema());
        QVERIFY2(m_sandbox28.start(), qPrintable(m_sandbox28.errorString()));
        QVERIFY2(m_sandbox48.start(), qPrintable(m_sandbox48.errorString()));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("edit"); // whitespace (no change), tree, form
        for (const char *api : {"0.28", "0.48"}) {
            for (const char *edit : {"whitespace", "tree", "form"})
                QTest::addRow("v%s %s", api, edit) << QString::fromLatin1(api) << edit;
        }
    }

    void roundTrip()
    {
        QFETCH(QString, api);
        QFETCH(QString, edit);
        SandboxProcess &server = sandbox(api);
        Fixture f(server.url(), server.token(), &m_registry);
        const QString entity = QStringLiteral("urn:ivcap:collection:") +
                               QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString id = store(&f.connection, api, entity);
        QVERIFY(!id.isEmpty());
        checkStored(storedBody(&f.connection, api, id)); // the sandbox keeps the text

        QVERIFY(f.open(id));
        QVERIFY2(!f.editor.isModified(), qPrintable(f.editor.text()));
        checkShown(f);
        if (QTest::currentTestFailed())
            return;

        if (edit == QLatin1String("whitespace")) {
            // the document as loaded; only its layout changes, so the editor can save it
            f.editor.textEdit()->setPlainText(f.editor.text() + QLatin1Char('\n'));
        } else if (edit == QLatin1String("tree")) {
            const QModelIndex name = f.editor.model()->indexForPath(QStringLiteral("/name"));
            QVERIFY(f.editor.model()->setData(name.siblingAtColumn(AspectTreeModel::ValueColumn),
                                              QStringLiteral("after")));
        } else {
            SchemaFormModel *form = f.editor.formModel();
            QVERIFY(form->setValue(form->indexForPointer(QStringLiteral("/name")),
                                   QStringLiteral("after")));
        }
        QVERIFY2(f.editor.isModified(), qPrintable(f.editor.text()));
        QVERIFY2(f.editor.canSave(), qPrintable(f.editor.invalidReason()));
        checkShown(f);
        if (QTest::currentTestFailed())
            return;

        const QString saved = f.saveAndWait();
        QVERIFY(!saved.isEmpty());
        const QByteArray body = storedBody(&f.connection, api, saved);
        checkStored(body);
        QCOMPARE(body.contains("\"name\":\"after\""), edit != QLatin1String("whitespace"));
        // what the editor shows after saving is the saved text
        QVERIFY2(!f.editor.isModified(), qPrintable(f.editor.text()));
        checkShown(f);

        // and a fresh editor reads the saved record with every digit
        Fixture again(server.url(), server.token(), &m_registry);
        QVERIFY(again.open(saved));
        checkShown(again);
    }
};

QTEST_MAIN(TestAspectEditorNumbers)
#include "tst_aspecteditor_numbers.moc"
