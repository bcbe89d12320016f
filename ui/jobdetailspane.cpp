#include "jobdetailspane.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "api/contentrequest.h"
#include "csvtablemodel.h"
#include "jsontreeview.h"
#include "models/jobdetails.h"
#include "models/productlistmodel.h"
#include "orderdetailspane.h"
#include "orderstatusproxy.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {

// Events kept in the list; a long job's stream must not grow the pane without bound.
constexpr int maxEvents = 500;

QLabel *selectableLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    return label;
}

QString timeText(const QDateTime &time, const QDateTime &since, const QString &sinceLabel)
{
    if (!time.isValid())
        return JobDetailsPane::tr("—");
    QString text = QLocale().toString(time.toLocalTime(), QLocale::LongFormat);
    if (since.isValid() && !sinceLabel.isEmpty())
        text += QStringLiteral(" (") +
                sinceLabel.arg(OrderDetailsPane::formatDuration(since.msecsTo(time))) +
                QLatin1Char(')');
    return text;
}

// Event keys come in PascalCase or camelCase (JobEventStream).
QJsonValue member(const QJsonObject &o, QLatin1String key)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue::Undefined;
}

QString compact(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return v.isUndefined() || v.isNull() ? QString() : v.toVariant().toString();
}

} // namespace

JobDetailsPane::JobDetailsPane(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_title(new QLabel(this)),
      m_statusIcon(new QLabel(this)), m_status(selectableLabel(tr("Job status"), this)),
      m_message(new QLabel(this)), m_errorMessage(selectableLabel(tr("Job error message"), this)),
      m_service(selectableLabel(tr("Service"), this)), m_id(selectableLabel(tr("Job ID"), this)),
      m_order(new QLabel(this)), m_requested(selectableLabel(tr("Requested"), this)),
      m_started(selectableLabel(tr("Started"), this)),
      m_finished(selectableLabel(tr("Finished"), this)),
      m_progress(selectableLabel(tr("Job progress"), this)),
      m_again(new QPushButton(tr("&Request Again…"), this)), m_tabs(new QTabWidget(this)),
      m_request(new JsonTreeView), m_requestText(new QPlainTextEdit),
      m_requestStack(new QStackedWidget), m_resultStack(new QStackedWidget),
      m_resultMessage(new QLabel), m_resultTree(new JsonTreeView), m_resultImage(new QLabel),
      m_resultTextView(new QPlainTextEdit), m_resultTableView(new QTableView),
      m_csvModel(new CsvTableModel(this)), m_products(new QTableView), m_events(new QListWidget)
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Job name"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Job message"));
    m_statusIcon->setAccessibleName(tr("Job status icon"));
    m_again->setAccessibleName(tr("Request again"));
    m_again->setToolTip(tr("Open the request form of this job's service, filled in with this "
                           "job's request"));
    m_order->setAccessibleName(tr("Order"));
    m_order->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_order, &QLabel::linkActivated, this,
            [this](const QString &link) { Q_EMIT orderActivated(link); });

    m_request->setAccessibleName(tr("Job request"));
    m_requestText->setReadOnly(true);
    m_requestText->setAccessibleName(tr("Job request text"));
    m_requestStack->addWidget(m_request);
    m_requestStack->addWidget(m_requestText);

    m_resultMessage->setAlignment(Qt::AlignCenter);
    m_resultMessage->setWordWrap(true);
    m_resultMessage->setAccessibleName(tr("Job result message"));
    m_resultTree->setAccessibleName(tr("Job result"));
    m_resultImage->setAlignment(Qt::AlignCenter);
    m_resultImage->setAccessibleName(tr("Job result image"));
    m_resultTextView->setReadOnly(true);
    m_resultTextView->setAccessibleName(tr("Job result text"));
    m_resultTableView->setModel(m_csvModel);
    m_resultTableView->setAccessibleName(tr("Job result table"));
    m_resultStack->addWidget(m_resultMessage);
    m_resultStack->addWidget(m_resultTree);
    m_resultStack->addWidget(m_resultImage);
    m_resultStack->addWidget(m_resultTextView);
    m_resultStack->addWidget(m_resultTableView);

    m_products->setAccessibleName(tr("Job products"));
    m_products->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_products->setSelectionMode(QAbstractItemView::SingleSelection);
    m_products->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_products->verticalHeader()->hide();
    m_products->horizontalHeader()->setStretchLastSection(true);
    m_events->setAccessibleName(tr("Job events"));

    m_tabs->addTab(m_resultStack, tr("Result"));
    m_tabs->addTab(m_requestStack, tr("Request"));
    m_tabs->addTab(m_products, tr("Products"));
    m_tabs->addTab(m_events, tr("Events"));

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_status, 1);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_again);
    auto *form = new QFormLayout;
    form->addRow(tr("Status:"), statusRow);
    form->addRow(tr("Progress:"), m_progress);
    form->addRow(tr("Error:"), m_errorMessage);
    form->addRow(tr("Service:"), m_service);
    form->addRow(tr("ID:"), m_id);
    form->addRow(tr("Order:"), m_order);
    form->addRow(tr("Requested:"), m_requested);
    form->addRow(tr("Started:"), m_started);
    form->addRow(tr("Finished:"), m_finished);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);

    connect(m_products, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(ProductListModel::IdRole).toString();
        if (!id.isEmpty())
            Q_EMIT artifactActivated(id);
    });
    connect(m_again, &QPushButton::clicked, this, [this] {
        if (m_details && m_details->isLoaded())
            Q_EMIT requestAgainRequested(m_details->serviceId(), m_details->requestContent());
    });
    clear();
}

JobDetailsPane::~JobDetailsPane() = default;

QString JobDetailsPane::jobId() const
{
    return m_details ? m_details->id() : QString();
}

QString JobDetailsPane::serviceId() const
{
    return m_details ? m_details->serviceId() : QString();
}

JobDetails *JobDetailsPane::details() const
{
    return m_details;
}

QString JobDetailsPane::statusText() const
{
    return m_status->text();
}

QString JobDetailsPane::errorText() const
{
    return m_errorMessage->text();
}

QString JobDetailsPane::resultText() const
{
    return m_resultTextView->toPlainText();
}

void JobDetailsPane::setPollIntervals(int firstMs, int maxMs)
{
    m_pollFirstMs = firstMs;
    m_pollMaxMs = maxMs;
}

void JobDetailsPane::showJob(const QString &serviceId, const QString &jobId)
{
    if (jobId.isEmpty() || serviceId.isEmpty()) {
        clear();
        return;
    }
    if (m_details && m_details->id() == jobId)
        return;
    clear();
    m_details = new JobDetails(m_connection, serviceId, jobId, this);
    m_details->setPollIntervals(m_pollFirstMs, m_pollMaxMs);
    m_products->setModel(m_details->productModel());
    connect(m_details, &EntityDetails::changed, this, &JobDetailsPane::updateFields);
    connect(m_details, &EntityDetails::loadingChanged, this, &JobDetailsPane::updateFields);
    connect(m_details, &JobDetails::followingChanged, this, &JobDetailsPane::updateFields);
    connect(m_details, &EntityDetails::errorOccurred, this, [this](const ApiError &error) {
        m_message->setText(tr("Following the job: %1").arg(error.message));
        m_message->show();
    });
    connect(m_details, &JobDetails::eventReceived, this, &JobDetailsPane::onEvent);
    updateFields();
    m_details->follow();
}

void JobDetailsPane::clear()
{
    if (m_details) {
        m_products->setModel(nullptr);
        m_details->stop();
        m_details->deleteLater();
        m_details = nullptr;
    }
    if (m_output)
        m_output->cancel();
    m_lastStatus.clear();
    m_resultFor.clear();
    m_requestShown = QJsonValue::Undefined;
    m_request->setJson(QJsonValue::Undefined);
    m_requestText->clear();
    m_events->clear();
    m_progress->clear();
    m_message->hide();
    m_image = QImage();
    showResult(ResultKind::None, tr("No result yet."));
    updateFields();
}

void JobDetailsPane::updateFields()
{
    JobDetails *d = m_details;
    const bool loaded = d && d->isLoaded();
    m_again->setEnabled(loaded && !d->serviceId().isEmpty());
    if (!d)
        m_title->setText(tr("No job selected"));
    else if (!loaded)
        m_title->setText(d->isLoading() ? tr("Loading job…") : d->id());
    else
        m_title->setText(d->name().isEmpty() ? d->id() : d->name());
    if (d && !loaded && d->lastError().isError()) {
        m_message->setText(tr("Could not read the job: %1").arg(d->lastError().message));
        m_message->show();
    }

    const QString status = loaded ? d->status() : QString();
    m_status->setText(loaded ? OrderStatusProxy::label(status) : QString());
    m_status->setToolTip(loaded ? OrderStatusProxy::description(status) : QString());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(loaded ? OrderStatusProxy::icon(status).pixmap(iconSize) : QPixmap());
    const QString error = loaded ? d->errorMessage() : QString();
    m_errorMessage->setText(error.isEmpty() ? tr("—") : error);
    m_service->setText(d ? d->serviceId() : QString());
    m_id->setText(d ? d->id() : QString());
    const QString order = loaded ? d->orderId() : QString();
    m_order->setText(order.isEmpty()
                         ? tr("—")
                         : QStringLiteral("<a href=\"%1\">%1</a>").arg(order.toHtmlEscaped()));
    m_requested->setText(loaded ? timeText(d->requestedAt(), {}, {}) : QString());
    m_started->setText(loaded ? timeText(d->startedAt(), d->requestedAt(), tr("waited %1"))
                              : QString());
    m_finished->setText(loaded ? timeText(d->finishedAt(), d->startedAt(), tr("ran %1"))
                               : QString());
    if (loaded && d->isTerminal())
        m_progress->setText(tr("Ended"));
    else if (d && d->isFollowing())
        m_progress->setText(d->isPolling() ? tr("Following (checking now and then)")
                                           : tr("Following live"));
    if (loaded) {
        updateRequest();
        updateResult();
    }
    if (loaded && status != m_lastStatus) {
        m_lastStatus = status;
        Q_EMIT statusChanged(d->id(), status);
    }
}

void JobDetailsPane::updateRequest()
{
    const QJsonValue request = m_details->requestContent();
    if (request == m_requestShown)
        return;
    m_requestShown = request;
    if (request.isObject() || request.isArray()) {
        m_request->setJson(request);
        m_requestStack->setCurrentWidget(m_request);
    } else {
        m_requestText->setPlainText(compact(request));
        m_requestStack->setCurrentWidget(m_requestText);
    }
}

JobDetailsPane::ResultKind JobDetailsPane::kindFor(const QString &contentType,
                                                   const QJsonValue &content)
{
    const QString type = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (type.startsWith(QLatin1String("image/")))
        return ResultKind::Image;
    if (type == QLatin1String("text/csv") || type == QLatin1String("text/tab-separated-values"))
        return ResultKind::Table;
    if (type.endsWith(QLatin1String("json")) || type.endsWith(QLatin1String("+json")) ||
        content.isObject() || content.isArray())
        return ResultKind::Json;
    return ResultKind::Text;
}

void JobDetailsPane::updateResult()
{
    JobDetails *d = m_details;
    if (!d->isTerminal() || m_resultFor == d->id())
        return;
    m_resultFor = d->id();
    const QJsonValue content = d->resultContent();
    const QString type = d->resultContentType();
    if ((content.isUndefined() || content.isNull()) && d->resultContentUrn().isEmpty() &&
        type.isEmpty()) {
        showResult(ResultKind::None, d->status() == QLatin1String("succeeded")
                                         ? tr("The job returned no result.")
                                         : tr("The job ended without a result."));
        Q_EMIT resultShown(ResultKind::None);
        return;
    }
    const ResultKind kind = kindFor(type, content);
    if (kind == ResultKind::Json && !content.isUndefined() && !content.isString()) {
        m_resultTree->setJson(content);
        showResult(kind);
        Q_EMIT resultShown(kind);
        return;
    }
    if (kind == ResultKind::Text && content.isString()) {
        m_resultTextView->setPlainText(content.toString());
        showResult(kind);
        Q_EMIT resultShown(kind);
        return;
    }
    // Images, tables and anything the record does not carry inline: read …/output.
    showResult(ResultKind::Loading, tr("Loading the result…"));
    if (m_output)
        m_output->cancel();
    m_output =
        new ContentRequest(m_connection, d->outputUrl(), ContentRequest::DefaultMaxBytes, this);
    connect(m_output, &ContentRequest::finished, this, &JobDetailsPane::onOutput);
    connect(m_output, &ContentRequest::failed, this, [this](const ApiError &error) {
        showResult(ResultKind::Failed, tr("Could not read the result: %1").arg(error.message));
        Q_EMIT resultShown(ResultKind::Failed);
    });
    m_output->start();
}

void JobDetailsPane::onOutput(const QByteArray &data, bool truncated)
{
    if (!m_details)
        return;
    const ResultKind kind = kindFor(m_details->resultContentType(), m_details->resultContent());
    switch (kind) {
    case ResultKind::Image:
        if (truncated || !m_image.loadFromData(data)) {
            showResult(ResultKind::Failed,
                       truncated ? tr("The result image is too large to show here.")
                                 : tr("The result is not an image this app can show (%1).")
                                       .arg(m_details->resultContentType()));
            Q_EMIT resultShown(ResultKind::Failed);
            return;
        }
        m_resultImage->setPixmap(
            QPixmap::fromImage(m_image).scaled(m_resultStack->size().expandedTo(QSize(64, 64)),
                                               Qt::KeepAspectRatio, Qt::SmoothTransformation));
        break;
    case ResultKind::Table:
        m_csvModel->setCsv(QString::fromUtf8(data), !truncated,
                           m_details->resultContentType().contains(QLatin1String("tab-separated"))
                               ? QLatin1Char('\t')
                               : QLatin1Char(','));
        break;
    case ResultKind::Json: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error == QJsonParseError::NoError) {
            m_resultTree->setJson(doc.isArray() ? QJsonValue(doc.array())
                                                : QJsonValue(doc.object()));
            break;
        }
        m_resultTextView->setPlainText(QString::fromUtf8(data));
        showResult(ResultKind::Text);
        Q_EMIT resultShown(ResultKind::Text);
        return;
    }
    default:
        m_resultTextView->setPlainText(QString::fromUtf8(data));
        break;
    }
    showResult(kind == ResultKind::Image || kind == ResultKind::Table || kind == ResultKind::Json
                   ? kind
                   : ResultKind::Text);
    Q_EMIT resultShown(m_resultKind);
}

void JobDetailsPane::showResult(ResultKind kind, const QString &message)
{
    m_resultKind = kind;
    switch (kind) {
    case ResultKind::Json:
        m_resultStack->setCurrentWidget(m_resultTree);
        break;
    case ResultKind::Image:
        m_resultStack->setCurrentWidget(m_resultImage);
        break;
    case ResultKind::Text:
        m_resultStack->setCurrentWidget(m_resultTextView);
        break;
    case ResultKind::Table:
        m_resultStack->setCurrentWidget(m_resultTableView);
        break;
    default:
        m_resultMessage->setText(message);
        m_resultStack->setCurrentWidget(m_resultMessage);
        break;
    }
}

void JobDetailsPane::onEvent(const QJsonObject &jobEvent)
{
    const QString type = compact(member(jobEvent, QLatin1String("type")));
    const QJsonValue data = member(jobEvent, QLatin1String("data"));
    QString text =
        data.isObject() ? compact(member(data.toObject(), QLatin1String("message"))) : QString();
    if (text.isEmpty())
        text = compact(data);
    const QString line = type.isEmpty() ? text : tr("%1: %2").arg(type, text);
    if (m_events->count() >= maxEvents)
        delete m_events->takeItem(0);
    m_events->addItem(line);
    m_events->scrollToBottom();
    m_progress->setText(line.left(200));
}

} // namespace ivcap::ui
