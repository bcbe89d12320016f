#include "orderformdialog.h"

#include "api/apicalls.h"
#include "api/connection.h"
#include "forms/orderformmodel.h"
#include "models/servicedetails.h"
#include "orderformfield.h"
#include "parametereditor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

#include <algorithm>

namespace ivcap::ui {

namespace {
constexpr int FieldRole = Qt::UserRole + 1;
}

OrderFormDialog::OrderFormDialog(Connection *connection, const QString &serviceId, QWidget *parent)
    : QDialog(parent), m_connection(connection), m_serviceId(serviceId),
      m_service(new ServiceDetails(connection, serviceId, this)), m_model(new OrderFormModel(this)),
      m_title(new QLabel), m_message(new QLabel), m_summaryTitle(new QLabel),
      m_summary(new QListWidget), m_form(new QFormLayout), m_orderName(new QLineEdit),
      m_legend(new QLabel(tr("Fields marked * are required."))),
      m_submit(new QPushButton(tr("&Submit order"))), m_close(new QPushButton(tr("Close")))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(false);
    setWindowTitle(tr("Order"));
    setAccessibleName(tr("Order form"));

    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setText(tr("Loading service…"));
    m_title->setAccessibleName(tr("Service"));
    m_message->setObjectName(QStringLiteral("formMessage"));
    m_message->setAccessibleName(tr("Order status"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->hide();
    m_summaryTitle->setText(tr("Please correct these fields:"));
    m_summaryTitle->setBuddy(m_summary);
    m_summary->setAccessibleName(tr("Problems in the form"));
    m_summary->setToolTip(tr("Activate an entry to go to its field"));
    // A stable size: room for three problems (more scroll), from the font rather than from rows
    // that may not be laid out yet, and kept while hidden, so the form below never jumps as
    // problems come and go.
    const int line = m_summary->fontMetrics().height() + 4;
    m_summary->setFixedHeight(3 * line + 2 * m_summary->frameWidth());
    m_summary->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    for (QWidget *w : {static_cast<QWidget *>(m_summaryTitle), static_cast<QWidget *>(m_summary)}) {
        QSizePolicy policy = w->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        w->setSizePolicy(policy);
    }
    m_summaryTitle->hide();
    m_summary->hide();
    connect(m_summary, &QListWidget::itemActivated, this, &OrderFormDialog::jumpTo);
    connect(m_summary, &QListWidget::itemClicked, this, &OrderFormDialog::jumpTo);

    m_orderName->setAccessibleName(tr("Order name"));
    m_orderName->setToolTip(tr("An optional name to find the order by later"));
    connect(m_orderName, &QLineEdit::textEdited, m_model, &OrderFormModel::setOrderName);
    m_form->addRow(tr("Order &name:"), m_orderName);
    auto *formWidget = new QWidget;
    formWidget->setLayout(m_form);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(formWidget);

    m_submit->setAccessibleName(tr("Submit order"));
    m_submit->setToolTip(tr("Place the order (Ctrl+Enter)"));
    m_submit->setEnabled(false);
    m_close->setAccessibleName(tr("Close"));
    // Enter in a field must not submit or close: Ctrl+Enter is the deliberate gesture.
    m_submit->setAutoDefault(false);
    m_close->setAutoDefault(false);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_submit, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(m_submit, &QPushButton::clicked, this, &OrderFormDialog::submit);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | key), this);
        connect(shortcut, &QShortcut::activated, this, &OrderFormDialog::submit);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_summaryTitle);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_legend);
    layout->addWidget(buttons);
    resize(560, 620);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &OrderFormDialog::onModelChanged);
    connect(m_model, &OrderFormModel::validChanged, this, &OrderFormDialog::updateSubmit);
    connect(m_service, &EntityDetails::changed, this, &OrderFormDialog::buildForm);
    connect(m_service, &EntityDetails::errorOccurred, this, [this](const ApiError &error) {
        m_title->setText(m_serviceId);
        showMessage(tr("Could not read the service: %1").arg(error.message), true);
    });
    m_service->load();
}

OrderFormDialog::~OrderFormDialog()
{
    // The service read may still be running; its cancellation must not reach a half-destroyed
    // form.
    m_service->disconnect(this);
}

std::optional<QJsonObject> OrderFormDialog::orderRequest() const
{
    if (!m_built)
        return std::nullopt;
    std::optional<QJsonObject> request =
        m_model->toOrderRequest(m_serviceId, m_connection ? m_connection->accountId() : QString());
    // A name left empty is the one the field offers, so the order is never listed unnamed.
    if (request && request->value(QLatin1String("name")).toString().trimmed().isEmpty() &&
        !m_orderName->placeholderText().isEmpty())
        request->insert(QStringLiteral("name"), m_orderName->placeholderText());
    return request;
}

OrderFormField *OrderFormDialog::field(const QString &parameterName) const
{
    for (OrderFormField *f : m_fields) {
        if (f->definition().name == parameterName)
            return f;
    }
    return nullptr;
}

void OrderFormDialog::buildForm()
{
    const QString name = m_service->name().isEmpty() ? m_serviceId : m_service->name();
    m_title->setText(name);
    setWindowTitle(tr("Order %1").arg(name));
    m_orderName->setPlaceholderText(name);
    // A service that changes while the form is open keeps the form the user is filling in.
    if (m_built)
        return;
    m_built = true;
    m_model->setParameters(m_service->parameterDefinitions());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        auto *f = new OrderFormField(m_model->definition(row), m_connection);
        f->updateFrom(m_model->index(row));
        connect(f, &OrderFormField::valueEdited, this,
                [this](const QString &parameter, const QString &value) {
                    m_model->setValue(parameter, value);
                });
        m_form->addRow(f->label(), f);
        // Rows added to a form that is already on screen are not shown by the layout.
        f->label()->show();
        f->show();
        m_fields.append(f);
    }
    if (m_fields.isEmpty())
        m_form->addRow(new QLabel(tr("This service takes no parameters.")));
    m_legend->setVisible(std::any_of(m_fields.cbegin(), m_fields.cend(), [](OrderFormField *f) {
        return f->definition().isMandatory();
    }));
    applyPrefill();
    updateSummary();
    updateSubmit();
    if (!m_fields.isEmpty())
        m_fields.constFirst()->focusEditor();
    Q_EMIT formReady();
}

void OrderFormDialog::prefill(const QJsonArray &orderParameters)
{
    m_pendingPrefill = orderParameters;
    if (m_built)
        applyPrefill();
}

void OrderFormDialog::applyPrefill()
{
    if (!m_pendingPrefill)
        return;
    const QJsonArray parameters = *m_pendingPrefill;
    m_pendingPrefill.reset();
    for (OrderFormField *f : m_fields)
        f->setPrefilled(true);
    m_model->prefill(parameters);
}

void OrderFormDialog::onModelChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    for (int row = topLeft.row(); row <= bottomRight.row() && row < m_fields.size(); ++row)
        m_fields.at(row)->updateFrom(m_model->index(row));
    updateSummary();
}

void OrderFormDialog::updateSummary()
{
    const QList<OrderFormModel::FieldError> errors = m_model->errors();
    // Rebuilt only when the list changes, so keyboard focus in the summary is not lost.
    QStringList texts;
    for (const OrderFormModel::FieldError &e : errors)
        texts << tr("%1: %2").arg(m_fields.at(e.row)->displayName(), e.message);
    QStringList current;
    for (int i = 0; i < m_summary->count(); ++i)
        current << m_summary->item(i)->text();
    if (texts != current) {
        m_summary->clear();
        for (int i = 0; i < errors.size(); ++i) {
            auto *item = new QListWidgetItem(texts.at(i), m_summary);
            item->setData(FieldRole, errors.at(i).name);
        }
    }
    m_summaryTitle->setVisible(!errors.isEmpty());
    m_summary->setVisible(!errors.isEmpty());
}

void OrderFormDialog::updateSubmit()
{
    m_submit->setEnabled(m_built && m_model->isValid() && !m_request);
}

void OrderFormDialog::jumpTo(QListWidgetItem *item)
{
    if (OrderFormField *f = item ? field(item->data(FieldRole).toString()) : nullptr)
        f->focusEditor();
}

void OrderFormDialog::submit()
{
    if (m_request || !m_connection)
        return;
    const std::optional<QJsonObject> request = orderRequest();
    if (!request) {
        // Ctrl+Enter on an invalid form: take the user to the first problem instead.
        if (m_summary->count() > 0)
            jumpTo(m_summary->item(0));
        return;
    }
    Api::Parameters parameters;
    for (const QJsonValue &p : request->value(QLatin1String("parameters")).toArray()) {
        parameters.append(
            {p[QLatin1String("name")].toString(), p[QLatin1String("value")].toString()});
    }
    m_request = Api::createOrder(m_connection, m_serviceId, parameters,
                                 request->value(QLatin1String("name")).toString(), this);
    connect(m_request, &ApiRequest::finished, this, &OrderFormDialog::onOrderCreated);
    connect(m_request, &ApiRequest::failed, this, &OrderFormDialog::onOrderFailed);
    showMessage(tr("Submitting the order…"), false);
    m_request->start();
    updateSubmit();
}

void OrderFormDialog::onOrderCreated(const QJsonDocument &document)
{
    m_request = nullptr;
    const QString orderId = document.object().value(QLatin1String("id")).toString();
    if (orderId.isEmpty()) {
        onOrderFailed(ApiError::malformed(QUrl(), tr("the answer names no order id")));
        return;
    }
    showMessage(tr("Order %1 placed.").arg(orderId), false);
    Q_EMIT orderPlaced(orderId);
    close();
}

void OrderFormDialog::onOrderFailed(const ApiError &error)
{
    m_request = nullptr;
    QString text = tr("The order was not placed: %1").arg(error.message);
    if (OrderFormField *f = error.field.isEmpty() ? nullptr : field(error.field)) {
        f->setServerError(error.message);
        text = tr("The order was not placed: %1 (%2)").arg(error.message, f->displayName());
    }
    showMessage(text, true);
    updateSubmit();
    Q_EMIT submitFailed(error.message);
}

void OrderFormDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(error ? tr("Error: %1").arg(text) : text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

} // namespace ivcap::ui
