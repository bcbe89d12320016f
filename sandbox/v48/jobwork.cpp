#include "jobwork.h"
#include "artifactroutes.h"
#include "aspecttable.h"
#include "httpreply.h"
#include "jobbook.h"
#include "list48.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace {
const char *kProductSchema = "urn:ivcap:schema:demo.product.1";

// Every string value of a document, depth first, except the "$schema" members.
void strings(const QJsonValue &value, QStringList *out)
{
    if (value.isString()) {
        out->append(value.toString());
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            strings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != QLatin1String("$schema"))
                strings(it.value(), out);
        }
    }
}

void numbers(const QJsonValue &value, double *sum, int *count)
{
    if (value.isDouble()) {
        *sum += value.toDouble();
        ++*count;
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            numbers(item, sum, count);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            numbers(it.value(), sum, count);
    }
}

// The first string value in document order (QJsonObject sorts its keys), "$schema" skipped.
QString firstString(const nlohmann::ordered_json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_object()) {
        for (const auto &[key, member] : value.items()) {
            if (key == "$schema")
                continue;
            const QString found = firstString(member);
            if (!found.isNull())
                return found;
        }
    } else if (value.is_array()) {
        for (const auto &member : value) {
            const QString found = firstString(member);
            if (!found.isNull())
                return found;
        }
    }
    return {};
}

QString firstString(const QByteArray &json)
{
    try {
        return firstString(
            nlohmann::ordered_json::parse(json.constData(), json.constData() + json.size()));
    } catch (const std::exception &) {
        return {};
    }
}

QByteArray artifactBytes(Store *store, const QString &ref)
{
    const QString uuid = HttpReply::uuidFromId(ref, QStringLiteral("artifact"));
    QFile file(uuid.isEmpty() ? QString() : store->blobPath(uuid));
    return file.open(QIODevice::ReadOnly) ? file.read(16 * 1024 * 1024) : QByteArray();
}

// The request's text: its strings, with artifact references replaced by their content.
QString requestText(Store *store, const QStringList &texts)
{
    QStringList parts;
    for (const QString &text : texts) {
        if (text.startsWith(QLatin1String("urn:ivcap:artifact:")))
            parts << QString::fromUtf8(artifactBytes(store, text));
        else
            parts << text;
    }
    return parts.join(QLatin1Char('\n'));
}

QString colour(const QJsonObject &request, const QStringList &keys, const QString &fallback)
{
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    for (const QString &key : keys) {
        const QString value = request.value(key).toString();
        if (hex.match(value).hasMatch())
            return value;
    }
    return fallback;
}

QByteArray svg(const QString &text, const QString &from, const QString &to)
{
    return QStringLiteral(
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"240\">\n"
               "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"%2\"/>"
               "<stop offset=\"1\" stop-color=\"%3\"/></linearGradient></defs>\n"
               "<rect width=\"640\" height=\"240\" fill=\"url(#g)\"/>\n"
               "<text x=\"320\" y=\"130\" font-size=\"40\" text-anchor=\"middle\" "
               "fill=\"white\">%1</text>\n</svg>\n")
        .arg(text.toHtmlEscaped(), from, to)
        .toUtf8();
}

QByteArray csvCell(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QLatin1String("\"\"")) +
               QLatin1Char('"');
    return text.toUtf8();
}

// A two-column table of the result's computed fields, or of the request's members.
QByteArray csvTable(const QJsonObject &result, const QJsonObject &request)
{
    QByteArray csv = "field,value\n";
    const QJsonObject source =
        result.contains("stats") ? result.value("stats").toObject() : request;
    for (auto it = source.begin(); it != source.end(); ++it) {
        const QJsonValue value = it.value();
        QString text =
            value.isString()   ? value.toString()
            : value.isDouble() ? QString::number(value.toDouble())
            : value.isBool()   ? QString::fromLatin1(value.toBool() ? "true" : "false")
            : value.isNull()
                ? QString()
                : QString::fromUtf8(
                      QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
        csv += csvCell(it.key()) + ',' + csvCell(text) + '\n';
    }
    return csv;
}
} // namespace

namespace JobWork {

QJsonObject behaviour(Store *store, const QString &serviceId)
{
    const auto row = store->one(
        QStringLiteral("SELECT doc FROM services WHERE id = ? ORDER BY rid DESC"), {serviceId});
    QJsonObject sandbox = row ? QJsonDocument::fromJson(row->value(0).toByteArray())
                                    .object()
                                    .value("sandbox")
                                    .toObject()
                              : QJsonObject();
    const int duration = sandbox.value("duration-ms").toInt(2500);
    sandbox.insert("duration-ms", qBound(200, duration, 60000));
    if (!sandbox.value("result").isString())
        sandbox.insert("result", "echo");
    if (!sandbox.value("result-schema").isString())
        sandbox.insert("result-schema", "urn:sandbox:schema:echo.result.1");
    return sandbox;
}

QString finish(Store *store, const QString &orderId)
{
    const auto job = JobBook::byOrder(store, orderId);
    if (!job)
        return {};
    const QString jobId = job->value("id").toString();
    const QString serviceId = job->value("service_id").toString();
    const QJsonObject sandbox = behaviour(store, serviceId);
    const QJsonDocument requestDoc = QJsonDocument::fromJson(job->value("request").toByteArray());
    const QJsonObject request = requestDoc.object();
    QStringList texts;
    strings(requestDoc.isArray() ? QJsonValue(requestDoc.array()) : QJsonValue(request), &texts);
    const auto service = store->one(
        QStringLiteral("SELECT name FROM services WHERE id = ? ORDER BY rid DESC"), {serviceId});
    const QString serviceName = service ? service->value(0).toString() : QString();

    QString status = QStringLiteral("succeeded");
    QString errorMessage;
    if (texts.contains(QStringLiteral("fail"))) {
        status = QStringLiteral("failed");
        errorMessage = QStringLiteral("The request asked the job to fail ('fail').");
    } else if (texts.contains(QStringLiteral("error"))) {
        status = QStringLiteral("error");
        errorMessage = QStringLiteral("The service stopped with an internal error ('error').");
    }
    QJsonArray products;
    QByteArray result;
    if (status == QLatin1String("succeeded")) {
        QJsonObject document{
            {"$schema", sandbox.value("result-schema")},
            {"service", serviceName},
            {"job", jobId},
            {"request", List48::withoutNulls(requestDoc.isArray() ? QJsonValue(requestDoc.array())
                                                                  : QJsonValue(request))}};
        const QString kind = sandbox.value("result").toString();
        if (kind == QLatin1String("text-stats")) {
            const QString text = requestText(store, texts);
            static const QRegularExpression space(QStringLiteral("\\s+"));
            document.insert("stats",
                            QJsonObject{{"lines", text.isEmpty() ? 0 : text.count('\n') + 1},
                                        {"words", text.split(space, Qt::SkipEmptyParts).size()},
                                        {"characters", text.size()}});
        } else if (kind == QLatin1String("sum")) {
            double sum = 0;
            int count = 0;
            numbers(QJsonValue(request), &sum, &count);
            document.insert("sum", sum);
            document.insert("count", count);
        } else {
            document.insert("message", QStringLiteral("%1 received the request.").arg(serviceName));
        }
        for (const QJsonValue &value : sandbox.value("products").toArray()) {
            const QJsonObject product = value.toObject();
            const QString productKind = product.value("kind").toString();
            QString name = product.value("name").toString();
            QString mime = QStringLiteral("application/json");
            QByteArray bytes;
            if (productKind == QLatin1String("text-image")) {
                mime = QStringLiteral("image/svg+xml");
                const QString text = firstString(job->value("request").toByteArray());
                bytes = svg(text.isEmpty() ? serviceName : text,
                            colour(request, {"from_colour", "from-colour"}, "#1f4e79"),
                            colour(request, {"to_colour", "to-colour"}, "#8fbc8f"));
            } else if (productKind == QLatin1String("csv")) {
                mime = QStringLiteral("text/csv");
                bytes = csvTable(document, request);
            } else {
                bytes =
                    QJsonDocument(
                        QJsonObject{{"job", jobId}, {"service", serviceName}, {"result", document}})
                        .toJson(QJsonDocument::Indented);
            }
            if (name.isEmpty())
                name = QStringLiteral("product-%1").arg(products.size() + 1);
            const QString id = ArtifactRoutes::createReady(store, name, mime, bytes);
            AspectTable::add(store, id, QLatin1String(kProductSchema),
                             QJsonObject{{"$schema", QLatin1String(kProductSchema)},
                                         {"order", orderId},
                                         {"job", jobId},
                                         {"service", serviceId},
                                         {"name", name},
                                         {"mime-type", mime},
                                         {"size", bytes.size()}});
            products.append(id);
        }
        result = QJsonDocument(document).toJson(QJsonDocument::Compact);
    }
    store->exec(QStringLiteral("UPDATE jobs SET result = ?, result_type = ?, error_message = ? "
                               "WHERE id = ?"),
                {result.isEmpty() ? QVariant() : QVariant(result),
                 result.isEmpty() ? QVariant() : QVariant(QStringLiteral("application/json")),
                 errorMessage.isEmpty() ? QVariant() : QVariant(errorMessage), jobId});
    store->exec(QStringLiteral("UPDATE orders SET status = ?, finished_at = ?, products = ? "
                               "WHERE id = ?"),
                {status, HttpReply::now(),
                 QString::fromUtf8(QJsonDocument(products).toJson(QJsonDocument::Compact)),
                 orderId});
    return status;
}

} // namespace JobWork
