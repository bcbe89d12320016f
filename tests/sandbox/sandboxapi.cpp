#include "sandboxapi.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

QString ApiReply::describe() const
{
    QString text = QStringLiteral("HTTP %1").arg(status);
    if (!networkError.isEmpty())
        text += QStringLiteral(" (%1)").arg(networkError);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        text += QStringLiteral("\n  %1: %2")
                    .arg(QString::fromLatin1(it.key()), QString::fromLatin1(it.value()));
    text += QStringLiteral("\n  body: ") + QString::fromUtf8(body.left(1500));
    return text;
}

QUrl SandboxApi::url(const QString &target) const
{
    if (target.startsWith(QLatin1String("http://")) || target.startsWith(QLatin1String("https://")))
        return QUrl::fromEncoded(target.toUtf8(), QUrl::StrictMode);
    return QUrl::fromEncoded(m_sandbox->url().toEncoded() + target.toUtf8(), QUrl::StrictMode);
}

ApiReply SandboxApi::send(const QByteArray &verb, const QString &target, const QByteArray &body,
                          const HeaderList &headers, bool withToken)
{
    QNetworkRequest request(url(target));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (withToken)
        request.setRawHeader("Authorization", "Bearer " + m_sandbox->token().toUtf8());
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    QNetworkReply *reply = nullptr;
    if (verb == "HEAD")
        reply = m_nam.head(request);
    else if (verb == "GET" && body.isEmpty())
        reply = m_nam.get(request);
    else
        reply = m_nam.sendCustomRequest(request, verb, body);
    ApiReply result;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(30000)) {
        result.networkError = QStringLiteral("timeout");
        reply->abort();
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    result.body = reply->readAll();
    if (result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

ApiReply SandboxApi::postJson(const QString &target, const QJsonValue &body)
{
    const QByteArray bytes = body.isArray() ? QJsonDocument(body.toArray()).toJson()
                                            : QJsonDocument(body.toObject()).toJson();
    return send("POST", target, bytes, {{"Content-Type", "application/json"}});
}

ApiReply SandboxApi::putJson(const QString &target, const QJsonValue &body)
{
    return send("PUT", target, QJsonDocument(body.toObject()).toJson(),
                {{"Content-Type", "application/json"}});
}

bool SandboxApi::collectAll(const QString &first, const QString &collection,
                            const QString &arrayKey, QJsonArray *items, int *pages, QString *error)
{
    static const QRegularExpression tokenChars(QStringLiteral("^[A-Za-z0-9\\-_.~]+$"));
    const QString nextPrefix =
        m_sandbox->url().toString() + QStringLiteral("/1/") + collection + QStringLiteral("?page=");
    QString target = first;
    *pages = 0;
    while (true) {
        const ApiReply reply = get(target);
        if (reply.status != 200) {
            *error = QStringLiteral("page %1 (%2): %3").arg(*pages).arg(target, reply.describe());
            return false;
        }
        ++*pages;
        const QJsonObject page = reply.json();
        const QJsonArray array = page.value(arrayKey).toArray();
        for (const auto &item : array)
            items->append(item);
        const QJsonObject links = page.value(QLatin1String("links")).toObject();
        if (!links.contains(QLatin1String("next")))
            return true;
        const QString next = links.value(QLatin1String("next")).toString();
        if (!next.startsWith(nextPrefix)) {
            *error =
                QStringLiteral("next link %1 is not of the form %2<token>").arg(next, nextPrefix);
            return false;
        }
        const QString token = next.mid(nextPrefix.size());
        if (!tokenChars.match(token).hasMatch()) {
            *error = QStringLiteral("page token %1 has reserved characters").arg(token);
            return false;
        }
        if (array.isEmpty()) {
            *error = QStringLiteral("empty page %1 still has a next link").arg(*pages);
            return false;
        }
        if (*pages > 1000) {
            *error = QStringLiteral("more than 1000 pages");
            return false;
        }
        target = next;
    }
}

bool SandboxApi::collectAll48(const QString &first, const QString &path, const QString &schemaName,
                              QJsonArray *items, int *pages, QString *error)
{
    static const QRegularExpression tokenChars(QStringLiteral("^[A-Za-z0-9\\-_.~]+$"));
    const QString nextPrefix =
        m_sandbox->url().toString() + QStringLiteral("/1/") + path + QStringLiteral("?page=");
    QString target = first;
    *pages = 0;
    while (true) {
        const ApiReply reply = get(target);
        if (reply.status != 200) {
            *error = QStringLiteral("page %1 (%2): %3").arg(*pages).arg(target, reply.describe());
            return false;
        }
        ++*pages;
        const QJsonObject page = reply.json();
        const QString invalid =
            SchemaValidator::instance(QStringLiteral("0.48")).validate(page, schemaName);
        if (!invalid.isEmpty()) {
            *error = QStringLiteral("page %1 is no %2:%3").arg(*pages).arg(schemaName, invalid);
            return false;
        }
        const QJsonArray array = page.value(QLatin1String("items")).toArray();
        for (const auto &item : array)
            items->append(item);
        const QString next = linkHref(page, QStringLiteral("next"));
        if (next.isEmpty())
            return true;
        if (!next.startsWith(nextPrefix)) {
            *error =
                QStringLiteral("next link %1 is not of the form %2<token>").arg(next, nextPrefix);
            return false;
        }
        const QString token = next.mid(nextPrefix.size());
        if (!tokenChars.match(token).hasMatch()) {
            *error = QStringLiteral("page token %1 has reserved characters").arg(token);
            return false;
        }
        if (array.isEmpty()) {
            *error = QStringLiteral("empty page %1 still has a next link").arg(*pages);
            return false;
        }
        if (*pages > 1000) {
            *error = QStringLiteral("more than 1000 pages");
            return false;
        }
        target = next;
    }
}

QString SandboxApi::uploadArtifact(const QString &name, const QByteArray &content,
                                   const QByteArray &mime)
{
    const ApiReply created = send("POST", QStringLiteral("/1/artifacts"), {},
                                  {{"X-Name", name.toUtf8().toBase64()},
                                   {"X-Content-Type", mime},
                                   {"X-Content-Length", QByteArray::number(content.size())},
                                   {"Tus-Resumable", "1.0.0"}});
    if (created.status != 201)
        return {};
    const QJsonObject record = created.json();
    // v0.28 says data.self, v0.48 data-href.
    QString dataUrl =
        record.value(QLatin1String("data")).toObject().value(QLatin1String("self")).toString();
    if (dataUrl.isEmpty())
        dataUrl = record.value(QLatin1String("data-href")).toString();
    const ApiReply patched = send("PATCH", dataUrl, content,
                                  {{"Content-Type", "application/offset+octet-stream"},
                                   {"Upload-Offset", "0"},
                                   {"Tus-Resumable", "1.0.0"}});
    if (patched.status != 204)
        return {};
    return record.value(QLatin1String("id")).toString();
}

namespace {
QJsonObject readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// RFC 7396: objects merge member by member, a null removes, anything else replaces.
QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject changes = patch.toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatch(result.value(it.key()), it.value()));
    }
    return result;
}
} // namespace

SchemaValidator &SchemaValidator::instance(const QString &api)
{
    static SchemaValidator v028(QStringLiteral("0.28"));
    static SchemaValidator v048(QStringLiteral("0.48"));
    return api == QLatin1String("0.48") ? v048 : v028;
}

SchemaValidator::SchemaValidator(const QString &api)
{
    const QString dir = QStringLiteral(IVCAP_TEST_DATA_DIR);
    const QString document = api == QLatin1String("0.48")
                                 ? QStringLiteral("/ivcap-openapi-0.48.json")
                                 : QStringLiteral("/ivcap-openapi-0.28.1.errata.json");
    m_schemas = readObject(dir + document)
                    .value(QLatin1String("components"))
                    .toObject()
                    .value(QLatin1String("schemas"))
                    .toObject();
    if (api != QLatin1String("0.48") || m_schemas.isEmpty())
        return;
    const QJsonObject errata = readObject(dir + QStringLiteral("/ivcap-openapi-0.48.errata.json"))
                                   .value(QLatin1String("schemas"))
                                   .toObject();
    m_schemas = mergePatch(m_schemas, errata).toObject();
}

QString SchemaValidator::validate(const QJsonValue &value, const QString &name)
{
    if (!m_schemas.contains(name))
        return QStringLiteral("no schema named %1 in the OpenAPI document").arg(name);
    auto cached = m_cache.find(name);
    if (cached == m_cache.end()) {
        // The sub-schema becomes the root, with every component beside it so that
        // "#/components/schemas/X" references resolve against this root.
        QJsonObject root = m_schemas.value(name).toObject();
        root.insert(QStringLiteral("components"),
                    QJsonObject{{QStringLiteral("schemas"), m_schemas}});
        auto schema = std::make_shared<valijson::Schema>();
        try {
            valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
            valijson::adapters::QtJsonAdapter adapter(root);
            parser.populateSchema(adapter, *schema);
        } catch (const std::exception &e) {
            return QStringLiteral("cannot parse schema %1: %2")
                .arg(name, QString::fromUtf8(e.what()));
        }
        cached = m_cache.emplace(name, schema).first;
    }
    const auto *schema = static_cast<const valijson::Schema *>(cached->second.get());
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::QtJsonAdapter target(value);
    if (validator.validate(*schema, target, &results))
        return {};
    QString text;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        QString context;
        for (const auto &part : error.context)
            context += QString::fromStdString(part);
        text +=
            QStringLiteral("\n  %1: %2").arg(context, QString::fromStdString(error.description));
    }
    return text;
}

bool validOrderParameters(const QJsonObject &service, QJsonArray *parameters)
{
    for (const auto &value : service.value(QLatin1String("parameters")).toArray()) {
        const QJsonObject def = value.toObject();
        if (def.value(QLatin1String("constant")).toBool())
            continue;
        const QString name = def.value(QLatin1String("name")).toString();
        const QString type = def.value(QLatin1String("type")).toString();
        const QString fallback = def.value(QLatin1String("default")).toString();
        const bool optional = def.value(QLatin1String("optional")).toBool();
        QString chosen;
        if (!fallback.isEmpty())
            chosen = fallback;
        else if (type == QLatin1String("int"))
            chosen = QStringLiteral("3");
        else if (type == QLatin1String("float"))
            chosen = QStringLiteral("1.5");
        else if (type == QLatin1String("bool"))
            chosen = QStringLiteral("true");
        else if (type == QLatin1String("option"))
            chosen = def.value(QLatin1String("options"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QLatin1String("value"))
                         .toString();
        else if (type == QLatin1String("collection"))
            chosen = QStringLiteral("urn:sandbox-test:collection:one");
        else if (type == QLatin1String("artifact")) {
            if (optional)
                continue;
            return false;
        } else
            chosen = QStringLiteral("hello sandbox");
        parameters->append(
            QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), chosen}});
    }
    return true;
}

QJsonObject serviceDescription(const QString &providerRef)
{
    QJsonObject basic;
    basic.insert(QStringLiteral("image"), QStringLiteral("alpine"));
    basic.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("/bin/true")});
    QJsonObject workflow;
    workflow.insert(QStringLiteral("type"), QStringLiteral("basic"));
    workflow.insert(QStringLiteral("basic"), basic);
    QJsonObject parameter;
    parameter.insert(QStringLiteral("name"), QStringLiteral("msg"));
    parameter.insert(QStringLiteral("type"), QStringLiteral("string"));
    QJsonObject description;
    description.insert(QStringLiteral("name"),
                       QString(QStringLiteral("test service ") + providerRef));
    description.insert(QStringLiteral("description"), QStringLiteral("created by the tests"));
    description.insert(QStringLiteral("provider-id"),
                       QStringLiteral("urn:ivcap:provider:4c65b865-df6a-4977-982a-f96b19c1fda0"));
    description.insert(QStringLiteral("provider-ref"), providerRef);
    description.insert(QStringLiteral("account-id"),
                       QStringLiteral("urn:ivcap:account:4c65b865-df6a-4977-982a-f96b19c1fda0"));
    description.insert(QStringLiteral("workflow"), workflow);
    description.insert(QStringLiteral("parameters"), QJsonArray{parameter});
    return description;
}

QJsonObject waitForTerminalOrder(SandboxApi &api, const QString &orderId, int timeoutMs)
{
    static const QStringList terminal{QStringLiteral("succeeded"), QStringLiteral("failed"),
                                      QStringLiteral("error")};
    QJsonObject order;
    const auto isTerminal = [&] {
        const ApiReply reply = api.get(QStringLiteral("/1/orders/") + orderId);
        order = reply.json();
        return reply.status == 200 &&
               terminal.contains(order.value(QLatin1String("status")).toString());
    };
    QDeadlineTimer deadline(timeoutMs);
    while (!isTerminal() && !deadline.hasExpired())
        QTest::qWait(250);
    return order;
}

QString linkHref(const QJsonObject &record, const QString &rel)
{
    for (const QJsonValue &link : record.value(QLatin1String("links")).toArray()) {
        if (link.toObject().value(QLatin1String("rel")).toString() == rel)
            return link.toObject().value(QLatin1String("href")).toString();
    }
    return {};
}

QJsonObject waitForTerminalJob(SandboxApi &api, const QString &serviceId, const QString &jobId,
                               int timeoutMs)
{
    static const QStringList terminal{QStringLiteral("succeeded"), QStringLiteral("failed"),
                                      QStringLiteral("error")};
    QJsonObject job;
    const QString target = QStringLiteral("/1/services2/") + SandboxApi::enc(serviceId) +
                           QStringLiteral("/jobs/") + SandboxApi::enc(jobId);
    const auto isTerminal = [&] {
        const ApiReply reply = api.get(target);
        job = reply.status == 200 ? reply.json() : QJsonObject();
        return terminal.contains(job.value(QLatin1String("status")).toString());
    };
    QDeadlineTimer deadline(timeoutMs);
    while (!isTerminal() && !deadline.hasExpired())
        QTest::qWait(100);
    return job;
}
