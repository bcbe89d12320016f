// The order form against a real ivcap-sandbox: every demo service is ordered by filling its
// mandatory fields through their widgets, an artifact is uploaded by dropping a file on the
// picker, an invalid form cannot be submitted, "Order again" reproduces an order, and a
// refused order keeps the form open with the server's message.
#include "exchange.h"
#include "api/apirequest.h"
#include "api/connection.h"
#include "artifactpicker.h"
#include "forms/orderformmodel.h"
#include "models/artifactlistmodel.h"
#include "models/orderdetails.h"
#include "models/servicelistmodel.h"
#include "orderformdialog.h"
#include "orderformfield.h"
#include "parametereditor.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

using namespace ivcap;
using namespace ivcap::ui;

class TestOrderForm : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox; // v0.28: string-parameter orders and their form are v0.28 only
    std::unique_ptr<Connection> m_connection;
    QHash<QString, QString> m_serviceIds; // name → id
    QString m_artifactId;                 // uploaded through the picker, used by later orders

    // A form for `serviceName`, shown and built, with a model tester on its form model.
    QPointer<OrderFormDialog> openForm(const QString &serviceName,
                                       const QJsonArray *prefill = nullptr)
    {
        auto *dialog = new OrderFormDialog(m_connection.get(), m_serviceIds.value(serviceName));
        new QAbstractItemModelTester(
            dialog->formModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, dialog);
        if (prefill)
            dialog->prefill(*prefill);
        dialog->show();
        if (!QTest::qWaitFor([dialog] { return dialog->isReady(); }, 20000))
            qWarning("form for %s did not load", qPrintable(serviceName));
        return dialog;
    }

    // Types or picks `value` into the field's control the way a user would.
    static bool fillThroughWidget(OrderFormField *field, const QString &value)
    {
        QWidget *control = field->editor()->control();
        if (auto *picker = qobject_cast<ArtifactPicker *>(control))
            control = picker->lineEdit();
        if (auto *edit = qobject_cast<QLineEdit *>(control)) {
            edit->setFocus();
            QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(edit, Qt::Key_Backspace);
            QTest::keyClicks(edit, value);
        } else if (auto *box = qobject_cast<QCheckBox *>(control)) {
            for (int i = 0; i < 3 && field->editor()->value() != value; ++i)
                QTest::keyClick(box, Qt::Key_Space);
        } else if (auto *combo = qobject_cast<QComboBox *>(control)) {
            QTest::keyClick(combo, Qt::Key_Home);
            for (int i = 0; i < combo->count() && combo->currentData().toString() != value; ++i)
                QTest::keyClick(combo, Qt::Key_Down);
        }
        return field->editor()->value() == value;
    }

    QString sampleValue(const ParameterDefinition &def) const
    {
        switch (def.type) {
        case ParameterDefinition::Type::Int:
            return QStringLiteral("7");
        case ParameterDefinition::Type::Float:
            return QStringLiteral("2.5");
        case ParameterDefinition::Type::Bool:
            return QStringLiteral("true");
        case ParameterDefinition::Type::Option:
            return def.options.isEmpty() ? QString() : def.options.last().value;
        case ParameterDefinition::Type::Artifact:
            return m_artifactId;
        case ParameterDefinition::Type::Collection:
            return QStringLiteral("urn:ivcap:collection:form-test");
        case ParameterDefinition::Type::String:
            break;
        }
        return QStringLiteral("typed in the form");
    }

    // Submits through Ctrl+Enter and returns the placed order's id.
    static QString submitWithKeyboard(OrderFormDialog *dialog)
    {
        QSignalSpy placed(dialog, &OrderFormDialog::orderPlaced);
        QSignalSpy failed(dialog, &OrderFormDialog::submitFailed);
        QApplication::setActiveWindow(dialog);
        if (!QTest::qWaitForWindowActive(dialog))
            return {};
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : dialog,
                        Qt::Key_Return, Qt::ControlModifier);
        if (!QTest::qWaitFor([&] { return !placed.isEmpty() || !failed.isEmpty(); }, 20000))
            return {};
        return placed.isEmpty() ? QString() : placed.first().first().toString();
    }

    std::unique_ptr<OrderDetails> track(const QString &orderId)
    {
        auto order = std::make_unique<OrderDetails>(m_connection.get(), orderId);
        order->setPollIntervals(50, 400);
        order->start();
        return order;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        m_connection = std::make_unique<Connection>(m_sandbox.url(), m_sandbox.token());
        ServiceListModel services;
        services.setPageSize(100);
        services.setConnection(m_connection.get());
        QTRY_VERIFY_WITH_TIMEOUT(services.atEnd() && !services.isLoading(), 20000);
        for (int row = 0; row < services.rowCount(); ++row)
            m_serviceIds.insert(services.index(row, ServiceListModel::NameColumn).data().toString(),
                                services.idAt(row));
        QVERIFY(m_serviceIds.size() >= 20);
    }

    void cleanup()
    {
        // Only our windows (completer popups belong to their completers), and each only if
        // deleting an earlier one did not take it along.
        QList<QPointer<QWidget>> ours;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (qobject_cast<OrderFormDialog *>(w) || qobject_cast<ArtifactPicker *>(w))
                ours.append(w);
        }
        for (const QPointer<QWidget> &w : ours)
            delete w.data();
    }

    // Text Statistics needs an input artifact: drop a local file on the picker.
    void droppedFileIsUploadedAndOrdered()
    {
        QTemporaryFile file(QDir::tempPath() + QStringLiteral("/form-upload-XXXXXX.txt"));
        QVERIFY(file.open());
        file.write("one two three\nfour five\n");
        file.close();

        QPointer<OrderFormDialog> dialog = openForm(QStringLiteral("Text Statistics"));
        QVERIFY(dialog && dialog->isReady());
        QVERIFY(!dialog->submitButton()->isEnabled());
        OrderFormField *input = dialog->field(QStringLiteral("input"));
        QVERIFY(input);
        auto *picker = qobject_cast<ArtifactPicker *>(input->editor()->control());
        QVERIFY(picker);
        QVERIFY(!picker->accessibleName().isEmpty());
        QSignalSpy uploaded(picker, &ArtifactPicker::uploadFinished);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file.fileName())});
        const QPoint at = picker->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(picker, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(picker, &drop);
        QVERIFY(picker->isUploading());
        QVERIFY(uploaded.wait(30000));
        m_artifactId = uploaded.first().first().toString();
        QVERIFY(m_artifactId.startsWith(QLatin1String("urn:ivcap:artifact:")));
        QCOMPARE(picker->text(), m_artifactId);
        QCOMPARE(dialog->formModel()->value(QStringLiteral("input")), m_artifactId);
        QVERIFY(dialog->submitButton()->isEnabled());

        const QString orderId = submitWithKeyboard(dialog);
        QVERIFY(!orderId.isEmpty());
        QTRY_VERIFY(dialog.isNull()); // closed and deleted after success
        auto order = track(orderId);
        QTRY_VERIFY_WITH_TIMEOUT(order->isTerminal(), 30000);
        QCOMPARE(order->status(), QStringLiteral("succeeded"));
        QCOMPARE(order->products().size(), 1);
    }

    // Typing part of a name lists matching artifacts from the server.
    void pickerSearchesArtifactsByName()
    {
        QVERIFY(!m_artifactId.isEmpty());
        auto *picker = new ArtifactPicker(m_connection.get());
        picker->setSearchDelay(0);
        picker->show();
        QTest::keyClicks(picker->lineEdit(), QStringLiteral("form-upload"));
        QTRY_VERIFY_WITH_TIMEOUT(picker->artifactModel() &&
                                     picker->artifactModel()->rowCount() > 0 &&
                                     !picker->artifactModel()->isLoading(),
                                 20000);
        QAbstractItemModelTester tester(picker->artifactModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(picker->artifactModel()->rowOfId(m_artifactId) >= 0);
        QTest::keyClick(picker->lineEdit(), Qt::Key_Backspace);
        QTest::keyClicks(picker->lineEdit(), QStringLiteral("no-such-artifact-name"));
        QTRY_VERIFY_WITH_TIMEOUT(picker->artifactModel()->rowCount() == 0 &&
                                     !picker->artifactModel()->isLoading(),
                                 20000);
    }

    void everyDemoServiceCanBeOrdered()
    {
        QVERIFY(!m_artifactId.isEmpty());
        std::vector<std::pair<QString, std::unique_ptr<OrderDetails>>> orders;
        QStringList names = m_serviceIds.keys();
        names.sort();
        for (const QString &name : names) {
            QPointer<OrderFormDialog> dialog = openForm(name);
            QVERIFY2(dialog && dialog->isReady(), qPrintable(name));
            QTest::keyClicks(dialog->orderNameEdit(), QStringLiteral("form test ") + name);
            OrderFormModel *model = dialog->formModel();
            for (int row = 0; row < model->rowCount(); ++row) {
                const ParameterDefinition &def = model->definition(row);
                OrderFormField *field = dialog->field(def.name);
                QVERIFY(field);
                QVERIFY2(!field->editor()->control()->accessibleName().isEmpty(),
                         qPrintable(def.name));
                if (def.constant) {
                    QVERIFY(!field->editor()->control()->isEnabled() ||
                            qobject_cast<QLineEdit *>(field->editor()->control())->isReadOnly());
                    continue;
                }
                if (!def.isMandatory())
                    continue;
                QVERIFY2(field->label()->text().contains(QLatin1Char('*')), qPrintable(def.name));
                QVERIFY2(field->editor()->control()->accessibleDescription().contains(
                             QStringLiteral("Required")),
                         qPrintable(def.name));
                QVERIFY2(fillThroughWidget(field, sampleValue(def)),
                         qPrintable(name + QLatin1Char('/') + def.name));
            }
            const auto request = dialog->orderRequest();
            QVERIFY2(request.has_value(), qPrintable(name));
            QCOMPARE(request->value(QLatin1String("name")).toString(),
                     QStringLiteral("form test ") + name);
            for (const QJsonValue &p : request->value(QLatin1String("parameters")).toArray())
                QVERIFY2(p[QLatin1String("name")] != QLatin1String("cachable"),
                         "a constant was sent");
            QVERIFY2(dialog->submitButton()->isEnabled(), qPrintable(name));
            QSignalSpy placed(dialog.data(), &OrderFormDialog::orderPlaced);
            QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
            QVERIFY2(placed.wait(20000), qPrintable(name));
            orders.emplace_back(name, track(placed.first().first().toString()));
        }
        for (const auto &[name, order] : orders) {
            QVERIFY2(QTest::qWaitFor([&] { return order->isTerminal(); }, 30000), qPrintable(name));
            QVERIFY2(order->status() == QLatin1String("succeeded"),
                     qPrintable(name + QStringLiteral(": ") + order->status()));
        }
    }

    void invalidFormCannotBeSubmitted()
    {
        QPointer<OrderFormDialog> dialog = openForm(QStringLiteral("Parameter Report"));
        QVERIFY(dialog && dialog->isReady());
        QSignalSpy placed(dialog.data(), &OrderFormDialog::orderPlaced);
        QListWidget *summary = dialog->errorSummary();
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(!summary->isHidden());
        QCOMPARE(summary->count(), 1);
        QVERIFY(summary->item(0)->text().contains(QStringLiteral("Report title")));
        OrderFormField *title = dialog->field(QStringLiteral("title"));
        QVERIFY(!title->errorLabel()->isHidden());

        QVERIFY(fillThroughWidget(title, QStringLiteral("A report")));
        QVERIFY(title->errorLabel()->isHidden());
        QVERIFY(dialog->submitButton()->isEnabled());
        QVERIFY(summary->isHidden());

        // "1e" is a number being typed, not a number yet: the message says so as it is typed.
        OrderFormField *ratio = dialog->field(QStringLiteral("ratio"));
        QVERIFY(fillThroughWidget(ratio, QStringLiteral("1e")));
        QCOMPARE(ratio->editor()->value(), QStringLiteral("1e"));
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(!ratio->errorLabel()->isHidden());
        QVERIFY(ratio->isVisible());
        QVERIFY(ratio->label()->isVisible());
        QCOMPARE(summary->count(), 1);
        QVERIFY(summary->item(0)->text().startsWith(QStringLiteral("Ratio")));
        // Letters never get into a number field.
        QTest::keyClicks(ratio->editor()->control(), QStringLiteral("x"));
        QCOMPARE(ratio->editor()->value(), QStringLiteral("1e"));

        // Ctrl+Enter on an invalid form sends nothing and goes to the problem.
        dialog->field(QStringLiteral("title"))->focusEditor();
        QApplication::setActiveWindow(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), ratio->editor()->control());
        QVERIFY(dialog->messageLabel()->isHidden());
        QVERIFY(!dialog->orderRequest().has_value());

        // A summary entry jumps to its field.
        dialog->field(QStringLiteral("title"))->focusEditor();
        summary->setFocus();
        summary->setCurrentRow(0);
        QTest::keyClick(summary, Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget(), ratio->editor()->control());

        QTest::keyClicks(ratio->editor()->control(), QStringLiteral("2"));
        QVERIFY(dialog->submitButton()->isEnabled());
        QCOMPARE(dialog->orderRequest()->value(QLatin1String("parameters")).toArray().size(), 5);
        QCOMPARE(placed.size(), 0);
    }

    void orderAgainReproducesTheParameters()
    {
        QPointer<OrderFormDialog> first = openForm(QStringLiteral("Parameter Report"));
        QVERIFY(first && first->isReady());
        QVERIFY(fillThroughWidget(first->field(QStringLiteral("title")), QStringLiteral("again")));
        QVERIFY(fillThroughWidget(first->field(QStringLiteral("count")), QStringLiteral("5")));
        QVERIFY(fillThroughWidget(first->field(QStringLiteral("ratio")), QStringLiteral("0.5")));
        QVERIFY(fillThroughWidget(first->field(QStringLiteral("verbose")), QStringLiteral("true")));
        QVERIFY(fillThroughWidget(first->field(QStringLiteral("format")), QStringLiteral("yaml")));
        const QJsonObject sent = first->orderRequest().value();
        const QString orderId = submitWithKeyboard(first);
        QVERIFY(!orderId.isEmpty());

        OrderDetails order(m_connection.get(), orderId);
        order.load();
        QTRY_VERIFY_WITH_TIMEOUT(order.isLoaded(), 20000);
        const QJsonArray earlier = order.rawParameters();
        QVERIFY(!earlier.isEmpty());

        QPointer<OrderFormDialog> again = openForm(QStringLiteral("Parameter Report"), &earlier);
        QVERIFY(again && again->isReady());
        const QJsonObject resent = again->orderRequest().value();
        QCOMPARE(resent.value(QLatin1String("parameters")),
                 sent.value(QLatin1String("parameters")));
        QCOMPARE(resent.value(QLatin1String("service-id")),
                 sent.value(QLatin1String("service-id")));
        // The widgets show the values, and what differs from a default is marked.
        QCOMPARE(again->field(QStringLiteral("format"))->editor()->value(), QStringLiteral("yaml"));
        QCOMPARE(
            qobject_cast<QCheckBox *>(again->field(QStringLiteral("verbose"))->editor()->control())
                ->checkState(),
            Qt::Checked);
        for (const char *name : {"count", "verbose", "format", "title"}) {
            QLabel *marker = again->field(QString::fromLatin1(name))->defaultMarker();
            QVERIFY2(!marker->isHidden(), name);
            QVERIFY2(again->field(QString::fromLatin1(name))
                         ->editor()
                         ->control()
                         ->accessibleDescription()
                         .contains(marker->text()),
                     name);
        }
        QVERIFY(again->field(QStringLiteral("count"))
                    ->defaultMarker()
                    ->text()
                    .contains(QStringLiteral("3")));
        // Back to the default: no longer marked.
        QVERIFY(fillThroughWidget(again->field(QStringLiteral("format")), QStringLiteral("json")));
        QVERIFY(again->field(QStringLiteral("format"))->defaultMarker()->isHidden());
        QVERIFY(again->submitButton()->isEnabled());
    }

    // Runs last: it deletes a service to make the server refuse the order.
    void refusedOrderKeepsTheFormAndShowsTheMessage()
    {
        QPointer<OrderFormDialog> dialog = openForm(QStringLiteral("Rainfall Forecast"));
        QVERIFY(dialog && dialog->isReady());
        QVERIFY(
            fillThroughWidget(dialog->field(QStringLiteral("setting")), QStringLiteral("kept")));

        const test::Exchange deleted = test::exchange(
            m_connection.get(), "DELETE",
            m_connection->apiUrl(QStringLiteral("/1/services/") + dialog->serviceId()), {}, {},
            20000);
        QVERIFY2(deleted.status >= 200 && deleted.status < 300,
                 qPrintable(QString::number(deleted.status)));

        QSignalSpy failed(dialog.data(), &OrderFormDialog::submitFailed);
        QSignalSpy placed(dialog.data(), &OrderFormDialog::orderPlaced);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(!dialog->submitButton()->isEnabled()); // no double submit while in flight
        QVERIFY(failed.wait(20000));
        QCOMPARE(placed.size(), 0);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->messageLabel()->isHidden());
        QVERIFY(dialog->messageLabel()->text().contains(failed.first().first().toString()));
        QCOMPARE(dialog->field(QStringLiteral("setting"))->editor()->value(),
                 QStringLiteral("kept"));
        QVERIFY(dialog->submitButton()->isEnabled());
    }
};

QTEST_MAIN(TestOrderForm)
#include "tst_orderform.moc"
