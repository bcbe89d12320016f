#pragma once

#include <QImage>
#include <QJsonValue>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace ivcap {
class Connection;
class ContentRequest;
class JobDetails;
} // namespace ivcap

namespace ivcap::ui {

class CsvTableModel;
class JsonTreeView;

// One job in detail (v0.48, PROTOCOL-0.48 §2.2): name, status as icon and word, service, order,
// the timeline (requested, started, finished, with durations), the server's `error-message`,
// the request as a JSON tree (or text), the result shown by its content type (JSON as a tree,
// images, CSV/TSV as a table, other text as text), the products (artifacts) and the job's
// events as they arrive. It follows the job live (JobDetails::follow: the event stream, or
// polling where there is none) until it ends.
class JobDetailsPane : public QWidget
{
    Q_OBJECT
public:
    // How the result is shown.
    enum class ResultKind { None, Loading, Json, Image, Text, Table, Failed };
    Q_ENUM(ResultKind)

    explicit JobDetailsPane(Connection *connection, QWidget *parent = nullptr);
    ~JobDetailsPane() override;

    QString jobId() const;
    QString serviceId() const;
    // The job shown, or nullptr; replaced on every showJob().
    JobDetails *details() const;
    ResultKind resultKind() const { return m_resultKind; }
    QImage resultImage() const { return m_image; }
    QString resultText() const;
    JsonTreeView *requestView() const { return m_request; }
    JsonTreeView *resultTree() const { return m_resultTree; }
    CsvTableModel *resultTable() const { return m_csvModel; }
    QTableView *productsView() const { return m_products; }
    QListWidget *eventsView() const { return m_events; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *requestAgainButton() const { return m_again; }
    QString statusText() const;
    QString errorText() const;
    // Polling intervals of the job shown where it is not streamed; applies to the next job.
    void setPollIntervals(int firstMs, int maxMs);

    // The result kind for a content type and the content the job record carries.
    static ResultKind kindFor(const QString &contentType, const QJsonValue &content);

public Q_SLOTS:
    void showJob(const QString &serviceId, const QString &jobId);
    void clear();

Q_SIGNALS:
    // A product (an artifact) was double-clicked or activated with the keyboard.
    void artifactActivated(const QString &artifactId);
    void orderActivated(const QString &orderId);
    void requestAgainRequested(const QString &serviceId, const QJsonValue &request);
    // The job shown changed status (its row in a list may be stale).
    void statusChanged(const QString &jobId, const QString &status);
    // The result reached its final presentation (shown, or failed to load).
    void resultShown(ivcap::ui::JobDetailsPane::ResultKind kind);

private:
    void updateFields();
    void updateRequest();
    void updateResult();
    void onEvent(const QJsonObject &jobEvent);
    void showResult(ResultKind kind, const QString &message = QString());
    void onOutput(const QByteArray &data, bool truncated);

    Connection *m_connection;
    QPointer<JobDetails> m_details;
    QPointer<ContentRequest> m_output;
    QString m_lastStatus;
    QString m_resultFor; // the job whose result is shown (or on its way)
    QJsonValue m_requestShown = QJsonValue::Undefined;
    ResultKind m_resultKind = ResultKind::None;
    QImage m_image;
    int m_pollFirstMs = 1000;
    int m_pollMaxMs = 15000;

    QLabel *m_title;
    QLabel *m_statusIcon;
    QLabel *m_status;
    QLabel *m_message;
    QLabel *m_errorMessage;
    QLabel *m_service;
    QLabel *m_id;
    QLabel *m_order;
    QLabel *m_requested;
    QLabel *m_started;
    QLabel *m_finished;
    QLabel *m_progress;
    QPushButton *m_again;
    QTabWidget *m_tabs;
    JsonTreeView *m_request;
    QPlainTextEdit *m_requestText;
    QStackedWidget *m_requestStack;
    QStackedWidget *m_resultStack;
    QLabel *m_resultMessage;
    JsonTreeView *m_resultTree;
    QLabel *m_resultImage;
    QPlainTextEdit *m_resultTextView;
    QTableView *m_resultTableView;
    CsvTableModel *m_csvModel;
    QTableView *m_products;
    QListWidget *m_events;
};

} // namespace ivcap::ui
