// Names, not URNs: an order's service, an unnamed order, the notice when an order ends,
// metadata's entity column and the picker after an upload show names; the URN stays in the
// tooltip. Against a real sandbox, offscreen.
#include "api/apicalls.h"
#include "api/connection.h"
#include "api/entitynames.h"
#include "artifactpicker.h"
#include "desktopsession.h"
#include "dialectwidgetstest.h"
#include "entitytableview.h"
#include "mainwindow.h"
#include "models/metadatalistmodel.h"
#include "models/orderdetails.h"
#include "models/orderlistmodel.h"
#include "notifier.h"
#include "orderformdialog.h"
#include "orderformfield.h"
#include "parametereditor.h"
#include "sandboxprocess.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;

class TestNames : public QObject
{
    Q_OBJECT
public:
    explicit TestNames(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    QString m_service;

public:
    static QJsonObject run(ApiRequest *request)
    {
        QSignalSpy done(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return done.size() + failed.size() > 0; }, 10000) ||
            done.isEmpty())
            return {};
        return done.first().first().toJsonDocument().object();
    }

    // The id of the demo "Gradient Text Image" service (empty on failure).
    static QString serviceId(Connection *c, QObject *parent)
    {
        ListQuery query;
        query.filter = QStringLiteral("name ~= 'Gradient Text Image'");
        return run(Api::listServices(c, query, QString(), parent))
            .value(c->dialect().itemsKey(EntityKind::Services))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1String("id"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        m_service = serviceId(&c, this);
        QVERIFY(!m_service.isEmpty());
    }

    void orderListShowsTheServiceName()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        QVERIFY(!run(Api::createOrder(&c, m_service, {{QStringLiteral("msg"), QStringLiteral("x")}},
                                      QStringLiteral("named"), this))
                     .isEmpty());
        OrderListModel orders;
        orders.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(orders.rowCount() > 0, 20000);
        const QModelIndex service = orders.index(0, OrderListModel::ServiceColumn);
        QTRY_COMPARE_WITH_TIMEOUT(service.data().toString(), QStringLiteral("Gradient Text Image"),
                                  10000);
        QCOMPARE(service.data(Qt::ToolTipRole).toString(), m_service);
        QCOMPARE(service.data(EntityListModel::RawValueRole).toString(), m_service);

        // A row's URN is one action away.
        ui::EntityTableView view(QStringLiteral("Orders"));
        view.setModel(&orders);
        view.table()->setCurrentIndex(view.table()->model()->index(0, 0));
        view.copyIdAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), orders.idAt(0));
    }

    void metadataEntityColumnShowsTheName()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        QVERIFY(!run(Api::addMetadata(&c, m_service, QStringLiteral("urn:ivcap:schema:test.1"),
                                      QJsonObject{{QStringLiteral("$schema"),
                                                   QStringLiteral("urn:ivcap:schema:test.1")}},
                                      QString(), this))
                     .isEmpty());
        MetadataListModel records;
        records.setEntityId(m_service);
        records.setConnection(&c);
        QTRY_VERIFY_WITH_TIMEOUT(records.rowCount() > 0, 20000);
        const QModelIndex entity = records.index(0, MetadataListModel::EntityColumn);
        QTRY_COMPARE_WITH_TIMEOUT(entity.data().toString(), QStringLiteral("Gradient Text Image"),
                                  10000);
        QCOMPARE(entity.data(Qt::ToolTipRole).toString(), m_service);
    }

    // After an upload the picker says which artifact its URN is.
    void pickerNamesTheUploadedArtifact()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sunset.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a text to upload");
        file.close();
        ui::ArtifactPicker picker(&c);
        picker.show();
        QSignalSpy uploaded(&picker, &ui::ArtifactPicker::uploadFinished);
        picker.uploadFile(path);
        QVERIFY(uploaded.wait(20000));
        const QString id = uploaded.first().first().toString();
        QCOMPARE(picker.text(), id);
        QCOMPARE(picker.lineEdit()->toolTip(), id);
        auto *status = picker.findChild<QLabel *>();
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("“sunset.txt”")),
                 qPrintable(status->text()));
    }
};

// Orders with string parameters and their order form are a v0.28 concept (v0.48 services take
// a JSON request, whose job and notice tst_jobs covers): this fixture runs on v0.28 only.
class TestLegacyOrderNames : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox{{}, QStringLiteral("0.28")};
    QString m_service;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(QStringLiteral("0.28"));
        m_service = TestNames::serviceId(&c, this);
        QVERIFY(!m_service.isEmpty());
    }

    // An order left unnamed is sent with the name the field offered, and its end is announced
    // by the service's name.
    void unnamedOrderAndItsNotice()
    {
        app::DesktopSession::Options options;
        options.url = m_sandbox.url();
        options.token = m_sandbox.token();
        app::DesktopSession s(options);
        QVERIFY(s.start());
        ui::OrderFormDialog *form = s.openOrderForm(m_service);
        QTRY_VERIFY_WITH_TIMEOUT(form->isReady(), 20000);
        QCOMPARE(form->orderNameEdit()->text(), QString());
        QCOMPARE(form->orderNameEdit()->placeholderText(), QStringLiteral("Gradient Text Image"));
        auto *msg =
            qobject_cast<QLineEdit *>(form->field(QStringLiteral("msg"))->editor()->control());
        QVERIFY(msg);
        msg->setFocus();
        QTest::keyClicks(msg, QStringLiteral("hello"));
        QSignalSpy placed(form, &ui::OrderFormDialog::orderPlaced);
        QSignalSpy notices(s.notifier(), &ui::Notifier::notified);
        form->submit();
        QVERIFY(placed.wait(20000));
        const QString orderId = placed.first().first().toString();
        Connection c(m_sandbox.url(), m_sandbox.token());
        QCOMPARE(TestNames::run(Api::readOrder(&c, orderId, this))
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("Gradient Text Image"));
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 30000);
        QCOMPARE(notices.first().at(0).toString(), QStringLiteral("Gradient Text Image finished"));
        QVERIFY(!notices.first().at(1).toString().contains(QLatin1String("urn:")));
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    int status = 0;
    for (const QString &api : sandboxDialects()) {
        TestNames test(api);
        status |= QTest::qExec(&test, argc, argv);
    }
    TestLegacyOrderNames legacy;
    status |= QTest::qExec(&legacy, argc, argv);
    return status;
}
#include "tst_names.moc"
