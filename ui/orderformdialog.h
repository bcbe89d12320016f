#pragma once

#include <QDialog>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QFormLayout;

namespace ivcap {
class ApiRequest;
class Connection;
class OrderFormModel;
class ServiceDetails;
struct ApiError;
} // namespace ivcap

namespace ivcap::ui {

class OrderFormField;

// The order form of one service, non-modal: it reads the service, builds one field per
// parameter from an OrderFormModel, validates as the user types (messages under the fields and
// a summary at the top whose entries jump to the field), and submits with Ctrl+Enter or the
// Submit button, which is enabled only while the form is valid. A rejected order keeps the
// values and shows the server's message in the form. Deletes itself when closed.
class OrderFormDialog : public QDialog
{
    Q_OBJECT
public:
    OrderFormDialog(Connection *connection, const QString &serviceId, QWidget *parent = nullptr);
    ~OrderFormDialog() override;

    QString serviceId() const { return m_serviceId; }
    // True once the service was read and the fields exist.
    bool isReady() const { return m_built; }
    OrderFormModel *formModel() const { return m_model; }
    ServiceDetails *serviceDetails() const { return m_service; }
    // The body Submit would send (constants left out), or nullopt while the form is invalid.
    std::optional<QJsonObject> orderRequest() const;

    OrderFormField *field(const QString &parameterName) const;
    QLineEdit *orderNameEdit() const { return m_orderName; }
    QPushButton *submitButton() const { return m_submit; }
    QListWidget *errorSummary() const { return m_summary; }
    QLabel *messageLabel() const { return m_message; }

public Q_SLOTS:
    // "Order again": takes an earlier order's `parameters`, now or once the form is built.
    void prefill(const QJsonArray &orderParameters);
    void submit();

Q_SIGNALS:
    void formReady();
    void orderPlaced(const QString &orderId);
    // The server refused the order; the form stays open with the values.
    void submitFailed(const QString &message);

private:
    void buildForm();
    void applyPrefill();
    void onModelChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void updateSummary();
    void updateSubmit();
    void jumpTo(QListWidgetItem *item);
    void onOrderCreated(const QJsonDocument &document);
    void onOrderFailed(const ApiError &error);
    void showMessage(const QString &text, bool error);

    QPointer<Connection> m_connection;
    QString m_serviceId;
    ServiceDetails *m_service;
    OrderFormModel *m_model;
    QPointer<ApiRequest> m_request;
    QLabel *m_title;
    QLabel *m_message;
    QLabel *m_summaryTitle;
    QListWidget *m_summary;
    QFormLayout *m_form;
    QLineEdit *m_orderName;
    QLabel *m_legend;
    QPushButton *m_submit;
    QPushButton *m_close;
    QList<OrderFormField *> m_fields;
    std::optional<QJsonArray> m_pendingPrefill;
    bool m_built = false;
};

} // namespace ivcap::ui
