#include "orderrunner.h"
#include "artifactroutes.h"
#include "httpreply.h"
#include "metadataroutes.h"
#include "store.h"
#include "v48/jobbook.h"
#include "v48/jobwork.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

namespace {
constexpr int kStepMs = 800;
const char *kProductSchema = "urn:ivcap:schema:demo.product.1";

QString svgImage(const QString &text, const QString &from, const QString &to)
{
    const QString escaped = text.toHtmlEscaped();
    return QStringLiteral(
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"240\">\n"
               "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"%2\"/>"
               "<stop offset=\"1\" stop-color=\"%3\"/></linearGradient></defs>\n"
               "<rect width=\"640\" height=\"240\" fill=\"url(#g)\"/>\n"
               "<text x=\"320\" y=\"130\" font-size=\"40\" text-anchor=\"middle\" "
               "fill=\"white\">%1</text>\n</svg>\n")
        .arg(escaped, from.toHtmlEscaped(), to.toHtmlEscaped());
}

QByteArray statsCsv(const QByteArray &bytes)
{
    const int lines = bytes.count('\n') + (bytes.isEmpty() || bytes.endsWith('\n') ? 0 : 1);
    const int words = QString::fromUtf8(bytes)
                          .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)
                          .size();
    return "metric,value\nlines," + QByteArray::number(lines) + "\nwords," +
           QByteArray::number(words) + "\nbytes," + QByteArray::number(bytes.size()) + "\n";
}
} // namespace

OrderRunner::OrderRunner(Store *store, QObject *parent) : QObject(parent), m_store(store) {}

void OrderRunner::start(const QString &orderId)
{
    QTimer::singleShot(delayMs(orderId), this, [this, orderId] { advance(orderId); });
}

int OrderRunner::delayMs(const QString &orderId) const
{
    if (m_store->dialect() != ApiDialect::V048)
        return kStepMs;
    const auto row = m_store->one(
        QStringLiteral("SELECT status, service_id FROM orders WHERE id = ?"), {orderId});
    if (!row)
        return kStepMs;
    const int duration =
        JobWork::behaviour(m_store, row->value(1).toString()).value("duration-ms").toInt();
    // A tenth each to be scheduled and to start; the rest executing.
    return row->value(0).toString() == QLatin1String("executing") ? duration * 8 / 10
                                                                  : duration / 10;
}

void OrderRunner::statusChanged(const QString &orderId, const QString &status)
{
    if (m_store->dialect() != ApiDialect::V048)
        return;
    const QString jobId = JobBook::statusChanged(m_store, orderId, status);
    if (!jobId.isEmpty())
        Q_EMIT jobEvent(jobId);
    if (status == QLatin1String("executing"))
        scheduleSteps(orderId);
}

void OrderRunner::scheduleSteps(const QString &orderId)
{
    const auto job = JobBook::byOrder(m_store, orderId);
    if (!job)
        return;
    const QString jobId = job->value("id").toString();
    const QJsonObject behaviour = JobWork::behaviour(m_store, job->value("service_id").toString());
    const QJsonArray steps = behaviour.value("steps").toArray();
    if (steps.isEmpty())
        return;
    // Steps share the execution time evenly; each finishes just before the next one starts,
    // and all of them before the job ends.
    const double span = behaviour.value("duration-ms").toInt() * 0.8 / steps.size();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString name = steps.at(i).toString();
        for (const bool started : {true, false}) {
            const int at = int(span * (double(i) + (started ? 0.05 : 0.9)));
            QTimer::singleShot(at, this, [this, orderId, jobId, name, started] {
                const auto now = m_store->one(
                    QStringLiteral("SELECT status FROM orders WHERE id = ?"), {orderId});
                if (!now || now->value(0).toString() != QLatin1String("executing"))
                    return;
                JobBook::addEvent(m_store, jobId, QStringLiteral("ivcap.job.event"),
                                  QStringLiteral("urn:ag-ui:schema:event.1"),
                                  {{"type", started ? "STEP_STARTED" : "STEP_FINISHED"},
                                   {"stepName", name},
                                   {"job-urn", jobId}});
                Q_EMIT jobEvent(jobId);
            });
        }
    }
}

void OrderRunner::resume()
{
    QSqlQuery open = m_store->exec(QStringLiteral(
        "SELECT id FROM orders WHERE status IN ('pending', 'scheduled', 'executing')"));
    while (open.next())
        start(open.value(0).toString());
}

void OrderRunner::advance(const QString &orderId)
{
    const auto row =
        m_store->one(QStringLiteral("SELECT status FROM orders WHERE id = ?"), {orderId});
    if (!row)
        return;
    const QString status = row->value(0).toString();
    if (status == QLatin1String("pending")) {
        m_store->exec(QStringLiteral("UPDATE orders SET status = 'scheduled' WHERE id = ?"),
                      {orderId});
        recordEvent(m_store, orderId, QStringLiteral("scheduled"));
        statusChanged(orderId, QStringLiteral("scheduled"));
    } else if (status == QLatin1String("scheduled")) {
        m_store->exec(QStringLiteral("UPDATE orders SET status = 'executing', started_at = ? "
                                     "WHERE id = ?"),
                      {HttpReply::now(), orderId});
        recordEvent(m_store, orderId, QStringLiteral("executing"));
        statusChanged(orderId, QStringLiteral("executing"));
    } else if (status == QLatin1String("executing")) {
        finish(orderId);
        return;
    } else {
        return;
    }
    start(orderId);
}

QByteArray OrderRunner::inputBytes(const QString &artifactRef) const
{
    QString ref = artifactRef;
    ref.remove(QStringLiteral("http://artifact.local/"));
    const QString uuid = HttpReply::uuidFromId(ref, QStringLiteral("artifact"));
    QFile file(uuid.isEmpty() ? QString() : m_store->blobPath(uuid));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString OrderRunner::addProduct(const QString &orderId, const QString &serviceId,
                                const QString &name, const QString &mimeType,
                                const QByteArray &bytes)
{
    const QString id = ArtifactRoutes::createReady(m_store, name, mimeType, bytes);
    const QString schema = QString::fromLatin1(kProductSchema);
    MetadataRoutes::add(m_store, id, schema,
                        {{"$schema", schema},
                         {"order", orderId},
                         {"service", serviceId},
                         {"name", name},
                         {"mime-type", mimeType},
                         {"size", bytes.size()}},
                        {});
    return id;
}

void OrderRunner::finish(const QString &orderId)
{
    if (m_store->dialect() == ApiDialect::V048) {
        const QString status = JobWork::finish(m_store, orderId);
        if (!status.isEmpty()) {
            recordEvent(m_store, orderId, status);
            statusChanged(orderId, status);
        }
        return;
    }
    const auto order = m_store->one(QStringLiteral("SELECT o.params, o.service_id, s.kind FROM "
                                                   "orders o LEFT JOIN services s ON s.id = "
                                                   "o.service_id AND s.valid_to IS NULL WHERE "
                                                   "o.id = ?"),
                                    {orderId});
    if (!order)
        return;
    QHash<QString, QString> params;
    const QJsonArray list = QJsonDocument::fromJson(order->value(0).toByteArray()).array();
    for (const QJsonValue &value : list)
        params.insert(value["name"].toString(), value["value"].toString());
    const QString serviceId = order->value(1).toString();
    const QString kind = order->value(2).toString();

    QString status = QStringLiteral("succeeded");
    QJsonArray products;
    if (params.values().contains(QStringLiteral("fail"))) {
        status = QStringLiteral("failed");
    } else if (params.values().contains(QStringLiteral("error"))) {
        status = QStringLiteral("error");
    } else if (kind == QLatin1String("text-image")) {
        const QString svg =
            svgImage(params.value(QStringLiteral("msg"), QStringLiteral("Hello")),
                     params.value(QStringLiteral("from-colour"), QStringLiteral("#1f4e79")),
                     params.value(QStringLiteral("to-colour"), QStringLiteral("#8fbc8f")));
        products.append(addProduct(orderId, serviceId, QStringLiteral("image.svg"),
                                   QStringLiteral("image/svg+xml"), svg.toUtf8()));
    } else if (kind == QLatin1String("text-stats")) {
        const QByteArray input = inputBytes(params.value(QStringLiteral("input")));
        products.append(addProduct(orderId, serviceId, QStringLiteral("stats.csv"),
                                   QStringLiteral("text/csv"), statsCsv(input)));
    } else {
        QJsonObject report{{"order", orderId}, {"service", serviceId}, {"kind", kind}};
        QJsonObject echoed;
        for (auto it = params.cbegin(); it != params.cend(); ++it)
            echoed.insert(it.key(), it.value());
        report.insert("parameters", echoed);
        products.append(addProduct(orderId, serviceId, QStringLiteral("report.json"),
                                   QStringLiteral("application/json"),
                                   QJsonDocument(report).toJson(QJsonDocument::Indented)));
    }
    m_store->exec(QStringLiteral("UPDATE orders SET status = ?, finished_at = ?, products = ? "
                                 "WHERE id = ?"),
                  {status, HttpReply::now(),
                   QString::fromUtf8(QJsonDocument(products).toJson(QJsonDocument::Compact)),
                   orderId});
    recordEvent(m_store, orderId, status);
}

void OrderRunner::recordEvent(Store *store, const QString &orderId, const QString &status)
{
    store->exec(QStringLiteral("INSERT INTO order_events (order_id, status, at) VALUES (?, ?, ?)"),
                {orderId, status, HttpReply::now()});
}
