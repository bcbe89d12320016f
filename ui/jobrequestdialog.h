#pragma once

#include <QDialog>
#include <QJsonValue>
#include <QPointer>

class QLabel;

namespace ivcap {
class Connection;
class JobSubmission;
class ServiceDetails;
struct ApiError;
} // namespace ivcap

namespace ivcap::ui {

class SchemaFormEditor;

// "Request job…" for one service (v0.48): reads the service and its request schema
// (ServiceDetails::requestSchema, the `fn_schema` of its ai-tool aspect), shows the form
// generated from it (SchemaFormEditor, with its JSON view; a service without a schema gets the
// JSON view of an object), keeps Submit disabled while the request is invalid, and sends it
// with `Timeout: 0` (JobSubmission). A request the server refuses keeps the dialog open with
// the server's message and nothing lost. Non-modal; deletes itself when closed.
class JobRequestDialog : public QDialog
{
    Q_OBJECT
public:
    JobRequestDialog(Connection *connection, const QString &serviceId, QWidget *parent = nullptr);
    ~JobRequestDialog() override;

    QString serviceId() const { return m_serviceId; }
    SchemaFormEditor *editor() const { return m_editor; }
    // True once the service's schema (or its absence) is known and the form is built.
    bool isReady() const { return m_ready; }
    QString errorText() const;
    // Fills the form with a request (e.g. an earlier job's), now or once the form is built.
    void prefill(const QJsonValue &request);

Q_SIGNALS:
    // The form is built (after the service and its request schema were read).
    void ready();
    // The server accepted the request: the job runs (or already ended).
    void jobRequested(const QString &serviceId, const QString &jobId);
    void failed(const QString &message);

private:
    void onServiceChanged();
    void onSchemaLoaded(bool found);
    void submit(const QJsonValue &request);
    void fail(const QString &message);

    QPointer<Connection> m_connection;
    QString m_serviceId;
    ServiceDetails *m_service;
    QPointer<JobSubmission> m_submission;
    SchemaFormEditor *m_editor;
    QLabel *m_intro;
    QLabel *m_error;
    QJsonValue m_prefill = QJsonValue::Undefined;
    bool m_ready = false;
};

} // namespace ivcap::ui
