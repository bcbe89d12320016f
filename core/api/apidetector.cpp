#include "apidetector.h"

#include "connection.h"
#include "dialect.h"
#include "net/curlrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace ivcap {

ApiDetector::ApiDetector(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{}

ApiDetector::~ApiDetector()
{
    // Closes the transfer at once; no signal follows.
    delete m_request.data();
}

void ApiDetector::start()
{
    if (!m_connection) {
        QTimer::singleShot(0, this, [this] { report(nullptr); });
        return;
    }
    m_request = m_connection->newRequest(
        "GET", m_connection->apiUrl(QStringLiteral("/1/openapi/openapi3.json")), this);
    // The document is public; a token has no business travelling with it.
    m_request->removeHeader("Authorization");
    m_request->setMaxBodyBytes(MaxDocumentBytes);
    connect(m_request, &net::CurlRequest::finished, this, &ApiDetector::onFinished);
    m_request->start();
}

void ApiDetector::onFinished()
{
    net::CurlRequest *request = m_request;
    if (!request)
        return;
    m_request = nullptr;
    request->deleteLater();
    const int status = request->status();
    // A transport failure, a document over the limit or a refusal: the first list answer
    // decides instead.
    if (request->errorKind() != ApiError::Kind::None || status < 200 || status > 299) {
        report(nullptr);
        return;
    }
    QString why;
    report(fromOpenApi(request->readAll(), &why));
}

void ApiDetector::report(std::shared_ptr<const Dialect> dialect)
{
    Q_EMIT finished(std::move(dialect));
    deleteLater();
}

std::shared_ptr<const Dialect> ApiDetector::fromOpenApi(const QByteArray &document, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(document, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        if (why)
            *why = QStringLiteral("not a JSON object");
        return nullptr;
    }
    const QJsonObject root = doc.object();
    const QJsonValue version =
        root.value(QLatin1String("info")).toObject().value(QLatin1String("version"));
    if (!version.isString()) {
        if (why)
            *why = QStringLiteral("no info.version");
        return nullptr;
    }
    const QStringList paths = root.value(QLatin1String("paths")).toObject().keys();
    std::shared_ptr<const Dialect> dialect = Dialect::forVersion(version.toString(), paths);
    if (!dialect && why)
        *why = QStringLiteral("info.version “%1” is no version").arg(version.toString());
    return dialect;
}

} // namespace ivcap
