#pragma once

// Test-side helpers for the sandbox integration tests: a blocking HTTP call built on
// QNetworkAccessManager (waits on the reply with QSignalSpy) and JSON Schema validation of
// response bodies against the errata OpenAPI document's components/schemas.

#include "sandboxprocess.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

#include <map>
#include <memory>

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct ApiReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // keys lower-cased
    QByteArray body;
    QString networkError;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonDocument doc() const { return QJsonDocument::fromJson(body); }
    QJsonObject json() const { return doc().object(); }
    QString describe() const;
};

class SandboxApi
{
public:
    explicit SandboxApi(const SandboxProcess *sandbox) : m_sandbox(sandbox) {}

    // `target` is either an absolute URL or a path (with an already percent-encoded query)
    // that is appended verbatim to the sandbox base URL.
    QUrl url(const QString &target) const;
    ApiReply send(const QByteArray &verb, const QString &target, const QByteArray &body = {},
                  const HeaderList &headers = {}, bool withToken = true);
    ApiReply get(const QString &target, bool withToken = true)
    {
        return send("GET", target, {}, {}, withToken);
    }
    ApiReply postJson(const QString &target, const QJsonValue &body);
    ApiReply putJson(const QString &target, const QJsonValue &body);
    ApiReply del(const QString &target) { return send("DELETE", target); }

    // Follows `next` links from `first` and returns every item of `arrayKey`; fails (returns
    // false with `error`) on a non-200 page or a malformed `next`.
    bool collectAll(const QString &first, const QString &collection, const QString &arrayKey,
                    QJsonArray *items, int *pages, QString *error);

    // The v0.48 form: follows the `next` LinkT of `links` arrays, which must be exactly
    // <sandbox>/1/<path>?page=<url-safe token>, and validates every page against `schemaName`.
    bool collectAll48(const QString &first, const QString &path, const QString &schemaName,
                      QJsonArray *items, int *pages, QString *error);

    // Creates an artifact and uploads `content` in one PATCH; returns its URN or an empty string.
    QString uploadArtifact(const QString &name, const QByteArray &content,
                           const QByteArray &mime = "text/plain");

    static QString enc(const QString &value)
    {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    }

private:
    const SandboxProcess *m_sandbox;
    QNetworkAccessManager m_nam;
};

// The href of the first link with `rel` in a v0.48 `links` array ("" when there is none).
QString linkHref(const QJsonObject &record, const QString &rel);

// Waits until GET /1/services2/{service}/jobs/{job} reports a terminal status; returns the last
// job body (empty when it never answered 200).
QJsonObject waitForTerminalJob(SandboxApi &api, const QString &serviceId, const QString &jobId,
                               int timeoutMs = 30000);

// Order parameters with valid string values for every non-constant parameter of a service
// (read with GET /1/services/{id}). Returns false when a mandatory parameter needs an artifact.
bool validOrderParameters(const QJsonObject &service, QJsonArray *parameters);

// A ServiceDescriptionT body for POST /1/services with a unique provider-ref.
QJsonObject serviceDescription(const QString &providerRef);

// Waits until GET /1/orders/{id} reports a terminal status; returns the last order body.
QJsonObject waitForTerminalOrder(SandboxApi &api, const QString &orderId, int timeoutMs = 20000);

// Validates bodies against components/schemas of an OpenAPI document in tests/data: for "0.28"
// the errata copy of v0.28.1; for "0.48" the verbatim v0.48 document with the corrections of
// ivcap-openapi-0.48.errata.json merged in (RFC 7396 merge patch per schema; see that file).
class SchemaValidator
{
public:
    static SchemaValidator &instance(const QString &api = QStringLiteral("0.28"));
    bool loaded() const { return !m_schemas.isEmpty(); }
    bool has(const QString &name) const { return m_schemas.contains(name); }
    // Returns an empty string when `value` validates against components/schemas/<name>,
    // otherwise the validation errors.
    QString validate(const QJsonValue &value, const QString &name);

private:
    explicit SchemaValidator(const QString &api);
    QJsonObject m_schemas;
    std::map<QString, std::shared_ptr<void>> m_cache;
};

// QVERIFY2-friendly: validate a reply body against a schema name.
#define VERIFY_SCHEMA(reply, schemaName)                                                           \
    do {                                                                                           \
        const QString schemaError_ = SchemaValidator::instance().validate(                         \
            QJsonDocument::fromJson((reply).body).isObject()                                       \
                ? QJsonValue(QJsonDocument::fromJson((reply).body).object())                       \
                : QJsonValue(QJsonDocument::fromJson((reply).body).array()),                       \
            QStringLiteral(schemaName));                                                           \
        QVERIFY2(schemaError_.isEmpty(),                                                           \
                 qPrintable(QStringLiteral(schemaName) + QLatin1String(": ") + schemaError_ +      \
                            QLatin1String("\nbody: ") +                                            \
                            QString::fromUtf8((reply).body.left(2000))));                          \
    } while (false)

// The same against the v0.48 document.
#define VERIFY_SCHEMA48(reply, schemaName)                                                         \
    do {                                                                                           \
        const QJsonDocument schemaDoc_ = QJsonDocument::fromJson((reply).body);                    \
        const QString schemaError_ =                                                               \
            SchemaValidator::instance(QStringLiteral("0.48"))                                      \
                .validate(schemaDoc_.isObject() ? QJsonValue(schemaDoc_.object())                  \
                                                : QJsonValue(schemaDoc_.array()),                  \
                          QStringLiteral(schemaName));                                             \
        QVERIFY2(schemaError_.isEmpty(),                                                           \
                 qPrintable(QStringLiteral(schemaName) + QLatin1String(": ") + schemaError_ +      \
                            QLatin1String("\nbody: ") +                                            \
                            QString::fromUtf8((reply).body.left(2000))));                          \
    } while (false)

// Every error must carry a goa-error header and a JSON content type.
#define VERIFY_ERROR(reply, expectedStatus)                                                        \
    do {                                                                                           \
        QVERIFY2((reply).status == (expectedStatus), qPrintable((reply).describe()));              \
        QVERIFY2(!(reply).header("goa-error").isEmpty(), qPrintable((reply).describe()));          \
        QVERIFY2((reply).header("content-type").startsWith("application/json"),                    \
                 qPrintable((reply).describe()));                                                  \
    } while (false)
