#include "jobrequestdialog.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "api/jobsubmission.h"
#include "models/servicedetails.h"
#include "schemaformeditor.h"

#include <QDialogButtonBox>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ivcap::ui {

JobRequestDialog::JobRequestDialog(Connection *connection, const QString &serviceId,
                                   QWidget *parent)
    : QDialog(parent), m_connection(connection), m_serviceId(serviceId),
      m_service(new ServiceDetails(connection, serviceId, this)),
      m_editor(new SchemaFormEditor(this)), m_intro(new QLabel(this)), m_error(new QLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Request Job"));
    setAccessibleName(tr("Request job"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Reading the service…"));
    m_intro->setAccessibleName(tr("Service"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Request error"));
    m_error->hide();
    m_editor->setConnection(connection);
    m_editor->setSubmitText(tr("&Request Job"));
    m_editor->submitButton()->setEnabled(false);
    m_editor->setEnabled(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_error);
    layout->addWidget(m_editor, 1);
    layout->addWidget(buttons);
    resize(640, 600);

    connect(m_service, &EntityDetails::changed, this, &JobRequestDialog::onServiceChanged);
    connect(m_service, &ServiceDetails::requestSchemaLoaded, this,
            &JobRequestDialog::onSchemaLoaded);
    connect(m_service, &EntityDetails::errorOccurred, this, [this](const ApiError &error) {
        if (!m_ready)
            fail(tr("Could not read the service: %1").arg(error.message));
    });
    connect(m_editor, &SchemaFormEditor::submitted, this, &JobRequestDialog::submit);
    m_service->load();
}

JobRequestDialog::~JobRequestDialog() = default;

QString JobRequestDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void JobRequestDialog::prefill(const QJsonValue &request)
{
    m_prefill = request;
    if (m_ready && !request.isUndefined())
        m_editor->setDocument(request);
}

void JobRequestDialog::onServiceChanged()
{
    const QString name = m_service->name().isEmpty() ? m_serviceId : m_service->name();
    setWindowTitle(tr("Request Job — %1").arg(name));
    if (!m_ready)
        m_intro->setText(tr("Reading the request form of %1…").arg(name));
}

void JobRequestDialog::onSchemaLoaded(bool found)
{
    if (m_ready)
        return;
    const QString name = m_service->name().isEmpty() ? m_serviceId : m_service->name();
    if (found) {
        m_editor->setSchema(m_service->requestSchema());
        m_intro->setText(m_service->description().isEmpty()
                             ? tr("Request a job from %1.").arg(name)
                             : tr("Request a job from %1: %2").arg(name, m_service->description()));
    } else {
        // Without a schema the request is JSON the user writes; it must at least be an object.
        m_editor->setSchema(QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}});
        m_editor->showJson(true);
        m_intro->setText(
            m_service->requestSchemaError().isError()
                ? tr("The request form of %1 could not be read (%2); write the request as JSON.")
                      .arg(name, m_service->requestSchemaError().message)
                : tr("%1 does not describe its requests; write the request as JSON.").arg(name));
    }
    m_ready = true;
    m_editor->setEnabled(true);
    if (!m_prefill.isUndefined())
        m_editor->setDocument(m_prefill);
    Q_EMIT ready();
}

void JobRequestDialog::submit(const QJsonValue &request)
{
    if (m_submission || !m_connection)
        return;
    if (!request.isObject() || !m_editor->isValid()) {
        fail(tr("The request is not valid; see the problems listed below the form."));
        return;
    }
    m_error->hide();
    m_editor->setEnabled(false);
    m_submission = new JobSubmission(m_connection, m_serviceId, request.toObject(), this);
    m_submission->setTimeoutSeconds(0);
    connect(m_submission, &JobSubmission::accepted, this, [this](const QString &jobId) {
        Q_EMIT jobRequested(m_serviceId, jobId);
        close();
    });
    connect(m_submission, &JobSubmission::completed, this, [this](const QString &jobId) {
        Q_EMIT jobRequested(m_serviceId, jobId);
        close();
    });
    connect(m_submission, &JobSubmission::failed, this, [this](const ApiError &error) {
        m_submission->deleteLater();
        m_submission = nullptr;
        m_editor->setEnabled(true);
        fail(tr("The request was not accepted: %1").arg(error.message));
    });
    m_submission->start();
}

void JobRequestDialog::fail(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    Q_EMIT failed(message);
}

} // namespace ivcap::ui
