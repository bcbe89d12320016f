#include "jobroutes.h"
#include "httpreply.h"
#include "jobbodies.h"
#include "jobbook.h"
#include "jobeventstream.h"
#include "jobwaiter.h"
#include "list48.h"
#include "listquery.h"
#include "orderrunner.h"
#include "requestvalidator.h"
#include "routetable.h"
#include "service2routes.h"
#include "store.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {
constexpr int kMaxWaitSeconds = 3600;

QHttpServerResponse badRequest(const QString &message)
{
    return HttpReply::goaError(400, QStringLiteral("bad-request"), message);
}

// A non-negative count of seconds (or messages) from a header or query value; nullopt if it is
// no such number. Empty text gives `fallback`.
std::optional<int> count(const QString &text, int fallback, int max)
{
    if (text.trimmed().isEmpty())
        return fallback;
    static const QRegularExpression digits(QStringLiteral("^\\s*\\d{1,9}\\s*$"));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    return qMin(text.trimmed().toInt(), max);
}

// true/false/absent; nullopt for anything else.
std::optional<bool> flag(const QUrlQuery &query, const QString &key, bool fallback)
{
    const QString value = query.queryItemValue(key, QUrl::FullyDecoded);
    if (value.isEmpty())
        return fallback;
    if (value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("false"))
        return false;
    return std::nullopt;
}

// The fn_schema of the service's active urn:sd-core:schema.ai-tool.1 aspect, if it has one.
QJsonObject requestSchema(Store *store, const QString &serviceId)
{
    const auto row = store->one(QStringLiteral("SELECT content FROM aspects WHERE entity = ? AND "
                                               "schema = 'urn:sd-core:schema.ai-tool.1' AND "
                                               "valid_to IS NULL ORDER BY valid_from DESC"),
                                {serviceId});
    if (!row)
        return {};
    return QJsonDocument::fromJson(row->value(0).toByteArray())
        .object()
        .value("fn_schema")
        .toObject();
}

// The order record's parameters: the request's top-level members as name/value strings.
QJsonObject orderParams(const QJsonDocument &request)
{
    QJsonArray list;
    const QJsonObject object = request.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 17);
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isNull())
            continue;
        else
            text = QString::fromUtf8(
                QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
        list.append(QJsonObject{{"name", it.key()}, {"value", text}});
    }
    return {{"list", list}};
}
} // namespace

QHttpServerResponse JobRoutes::handle(Exchange &exchange)
{
    using M = QHttpServerRequest::Method;
    const QHttpServerRequest &request = exchange.request;
    const QString serviceId = Service2Routes::canonicalId(exchange.segment(1));
    const QString jobId = exchange.segment(3);
    const QString sub = exchange.segment(4);
    if (jobId.isEmpty()) {
        if (request.method() == M::Post)
            return create(exchange, serviceId);
        if (request.method() == M::Get)
            return list(request, serviceId);
        return HttpReply::bareError(405, "method-not-allowed");
    }
    if (request.method() != M::Get)
        return HttpReply::bareError(405, "method-not-allowed");
    if (sub.isEmpty())
        return read(request, serviceId, jobId);
    const auto job = JobBook::byId(m_store, jobId);
    if (!job || job->value("service_id").toString() != serviceId ||
        (sub != QLatin1String("output") && sub != QLatin1String("events")))
        return HttpReply::notFound(job ? job->value("id").toString() : jobId);
    if (sub == QLatin1String("output"))
        return JobBodies::outcome(HttpReply::baseUrl(request), *job);
    return events(exchange, job->value("id").toString());
}

QHttpServerResponse JobRoutes::create(Exchange &exchange, const QString &serviceId)
{
    const QHttpServerRequest &request = exchange.request;
    const auto service = Service2Routes::activeRow(m_store, serviceId);
    if (!service)
        return HttpReply::notFound(serviceId);
    const QString timeoutText = QString::fromUtf8(HttpReply::header(request, "Timeout"));
    const std::optional<int> timeout = count(timeoutText, 0, kMaxWaitSeconds);
    if (!timeout)
        return badRequest(
            QStringLiteral("Timeout must be a number of seconds, got '%1'").arg(timeoutText));
    QString type = QString::fromUtf8(HttpReply::header(request, "Content-Type")).trimmed();
    if (type.isEmpty())
        type = QStringLiteral("application/json");
    const QByteArray body = request.body();
    const QJsonObject schema = requestSchema(m_store, serviceId);
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (type.contains(QLatin1String("json")) || !schema.isEmpty()) {
        if (parseError.error != QJsonParseError::NoError)
            return badRequest(QStringLiteral("the request is not JSON: %1 at byte %2")
                                  .arg(parseError.errorString())
                                  .arg(parseError.offset));
        RequestValidator::Problem problem;
        if (!schema.isEmpty() && !RequestValidator::validate(schema, body, &problem))
            return HttpReply::invalidParameter(
                problem.name.isEmpty() ? QStringLiteral("request") : problem.name,
                problem.value.isEmpty() ? QString() : problem.value, problem.message);
    }
    JobBook::NewJob job;
    job.serviceId = serviceId;
    job.serviceName = service->value("name").toString();
    job.name = job.serviceName;
    job.request = body;
    job.requestType = type;
    job.orderParams = orderParams(json);
    // A client may name the order the job belongs to, as the gateway's IVCAP-Order-Id allows.
    const QString givenOrder = QString::fromUtf8(HttpReply::header(request, "IVCAP-Order-Id"));
    const QString orderUuid = HttpReply::uuidFromId(givenOrder, QStringLiteral("order"));
    if (!orderUuid.isEmpty()) {
        const QString orderId = QStringLiteral("urn:ivcap:order:") + orderUuid;
        if (!m_store->one(QStringLiteral("SELECT 1 FROM orders WHERE id = ?"), {orderId}))
            job.orderId = orderId;
    }
    const QString jobId = JobBook::create(m_store, job);
    const auto created = JobBook::byId(m_store, jobId);
    m_runner->start(created->value("order_id").toString());
    const QString base = HttpReply::baseUrl(request);
    if (*timeout == 0)
        return JobBodies::retryLater(m_store, base, *created);
    JobWaiter::start(m_store, m_runner, exchange.socket, exchange.defer(), jobId, base, *timeout);
    return HttpReply::empty(202); // not written: the waiter answers
}

QHttpServerResponse JobRoutes::list(const QHttpServerRequest &request, const QString &serviceId)
{
    static const QHash<QString, QString> columns{{"name", "name"},
                                                 {"status", "status"},
                                                 {"requested-at", "ordered_at"},
                                                 {"created-at", "ordered_at"},
                                                 {"started-at", "started_at"},
                                                 {"finished-at", "finished_at"}};
    ListQuery query;
    if (auto error = List48::parse(request, &query, columns.keys()))
        return std::move(*error);
    QVector<QSqlRecord> rows;
    bool hasNext = false;
    if (!m_store->select(QStringLiteral("orders"),
                         QStringLiteral("id IN (SELECT order_id FROM jobs WHERE service_id = ?)"),
                         {serviceId}, query, columns, QStringLiteral("ordered_at"), &rows,
                         &hasNext))
        return HttpReply::invalidParameter(QStringLiteral("filter"), query.filterText,
                                           QStringLiteral("unknown field ") + query.filterField);
    const QString base = HttpReply::baseUrl(request);
    QJsonArray items;
    for (const QSqlRecord &row : rows) {
        const auto job = JobBook::byOrder(m_store, row.value("id").toString());
        if (!job)
            continue;
        const auto then = m_store->one(
            QStringLiteral("SELECT status FROM order_events WHERE order_id = ? AND at <= ? "
                           "ORDER BY at DESC, rowid DESC LIMIT 1"),
            {row.value("id"), query.atTimeSql});
        items.append(JobBodies::listItem(
            base, *job, then ? then->value(0).toString() : row.value("status").toString(),
            query.atTimeSql));
    }
    return HttpReply::json(List48::body(
        request, QStringLiteral("services2/") + List48::pathId(serviceId) + QStringLiteral("/jobs"),
        query, items, hasNext));
}

QHttpServerResponse JobRoutes::read(const QHttpServerRequest &request, const QString &serviceId,
                                    const QString &jobId)
{
    const QUrlQuery query = HttpReply::query(request);
    const auto withRequest = flag(query, QStringLiteral("with-request-content"), false);
    const auto withResult = flag(query, QStringLiteral("with-result-content"), true);
    if (!withRequest || !withResult)
        return badRequest(QStringLiteral("with-request-content and with-result-content must be "
                                         "true or false"));
    const auto job = JobBook::byId(m_store, jobId);
    if (!job || job->value("service_id").toString() != serviceId)
        return HttpReply::notFound(job ? job->value("id").toString() : jobId);
    return HttpReply::json(
        JobBodies::status(m_store, HttpReply::baseUrl(request), *job, *withRequest, *withResult));
}

QHttpServerResponse JobRoutes::events(Exchange &exchange, const QString &jobId)
{
    const QUrlQuery query = HttpReply::query(exchange.request);
    const QString waitText = query.queryItemValue(QStringLiteral("max-wait-time"));
    const QString messagesText = query.queryItemValue(QStringLiteral("max-messages"));
    const auto wait = count(waitText, 30, kMaxWaitSeconds);
    if (!wait)
        return HttpReply::invalidParameter(QStringLiteral("max-wait-time"), waitText,
                                           QStringLiteral("expected a number of seconds"));
    const auto messages = count(messagesText, 0, 1000000);
    if (!messages)
        return HttpReply::invalidParameter(QStringLiteral("max-messages"), messagesText,
                                           QStringLiteral("expected a number of messages"));
    bool ok = false;
    qint64 lastId =
        QString::fromUtf8(HttpReply::header(exchange.request, "Last-Event-Id")).toLongLong(&ok);
    if (!ok || lastId < 0)
        lastId = 0;
    // A finished job with nothing after the client's last event has nothing more to say.
    const auto job = JobBook::byId(m_store, jobId);
    const bool more = m_store
                          ->one(QStringLiteral("SELECT 1 FROM job_events WHERE job_id = ? AND "
                                               "seq > ?"),
                                {jobId, lastId})
                          .has_value();
    if (job && JobBook::isTerminal(job->value("status").toString()) && !more) {
        auto response = HttpReply::empty(204);
        response.setHeader("goa-error", "job-no-result");
        return response;
    }
    exchange.takeSocket(); // the stream writes to the socket itself
    JobEventStream::start(m_store, m_runner, exchange.socket, jobId, lastId, *wait, *messages);
    return HttpReply::empty(200); // not written
}
