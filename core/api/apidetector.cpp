#include "apidetector.h"

#include "connection.h"
#include "dialect.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ivcap {

ApiDetector::ApiDetector(Connection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{}

ApiDetector::~ApiDetector()
{
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiDetector::start()
{
    if (!m_connection) {
        QTimer::singleShot(0, this, [this] { report(nullptr); });
        return;
    }
    QNetworkRequest req =
        m_connection->request(m_connection->apiUrl(QStringLiteral("/1/openapi/openapi3.json")));
    // The document is public; a token has no business travelling with it. A null value
    // removes the header.
    req.setRawHeader("Authorization", QByteArray());
    m_reply = m_connection->network()->get(req);
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        if (!m_reply)
            return;
        m_body += m_reply->readAll();
        if (m_body.size() > MaxDocumentBytes) {
            QNetworkReply *reply = m_reply;
            m_reply = nullptr;
            disconnect(reply, nullptr, this, nullptr);
            reply->abort();
            reply->deleteLater();
            QTimer::singleShot(0, this, [this] { report(nullptr); });
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &ApiDetector::onFinished);
}

void ApiDetector::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    disconnect(reply, nullptr, this, nullptr);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status < 200 || status > 299) {
        report(nullptr);
        return;
    }
    m_body += reply->readAll();
    QString why;
    report(fromOpenApi(m_body, &why));
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
