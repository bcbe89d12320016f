#include "apiserver.h"
#include "artifactroutes.h"
#include "faults.h"
#include "httpreply.h"
#include "metadataroutes.h"
#include "orderroutes.h"
#include "serviceroutes.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

ApiServer::ApiServer(Store *store, ServiceRoutes *services, OrderRoutes *orders,
                     ArtifactRoutes *artifacts, MetadataRoutes *metadata, QString token,
                     QObject *parent)
    : QAbstractHttpServer(parent), m_store(store), m_services(services), m_orders(orders),
      m_artifacts(artifacts), m_metadata(metadata), m_token(token), m_oauth(token)
{}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponse response = dispatch(request);
    const std::optional<BlobStreamer::Range> stream = m_artifacts->takeStream();
    // A HEAD reply must not carry a body, or keep-alive clients misread the next response.
    if (request.method() == QHttpServerRequest::Method::Head && !response.data().isEmpty()) {
        QHttpServerResponse bodiless = HttpReply::empty(int(response.statusCode()));
        for (const QByteArray &name :
             {QByteArray("goa-error"), QByteArray("Upload-Offset"), QByteArray("Tus-Resumable")}) {
            if (response.hasHeader(name))
                bodiless.setHeader(name, response.headers(name).value(0));
        }
        response = std::move(bodiless);
    }
    const qint64 dropAfter = stream && m_faults ? m_faults->takeDrop() : -1;
    if (!m_faults || m_faults->delayMs <= 0) {
        if (stream)
            BlobStreamer::send(socket, *stream, dropAfter);
        else
            response.write(makeResponder(request, socket));
        return true;
    }
    // The request has been acted on; only the answer is late (as on a slow link).
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    auto late = std::make_shared<QHttpServerResponse>(std::move(response));
    QTimer::singleShot(m_faults->delayMs, socket, [socket, responder, late, stream, dropAfter] {
        if (stream)
            BlobStreamer::send(socket, *stream, dropAfter);
        else
            late->write(std::move(*responder));
    });
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpReply::notFound(request.url().path()).write(makeResponder(request, socket));
}

QHttpServerResponse ApiServer::dispatch(const QHttpServerRequest &request)
{
    const QString path = request.url().path(QUrl::FullyDecoded);
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (path == QLatin1String("/1/openapi/openapi3.json")) {
        QFile spec(QStringLiteral(":/sandbox/openapi3.json"));
        spec.open(QIODevice::ReadOnly);
        return QHttpServerResponse(QByteArrayLiteral("application/json"), spec.readAll());
    }
    if (path == QLatin1String("/1/authinfo.yaml"))
        return authInfo(request);
    if (path.startsWith(QLatin1String("/oauth/")))
        return m_oauth.handle(request, path);

    const QByteArray authorization = HttpReply::header(request, "Authorization");
    if (authorization.isEmpty())
        return HttpReply::goaError(400, QStringLiteral("missing_field"),
                                   QStringLiteral("\"Authorization\" is missing from header"));
    if (authorization != "Bearer " + m_token.toUtf8() &&
        !(authorization.startsWith("Bearer ") && m_oauth.acceptsAccessToken(authorization.mid(7))))
        return HttpReply::bareError(401, "not-authorized");

    if (parts.size() < 2 || parts.size() > 4 || parts.first() != QLatin1String("1"))
        return HttpReply::notFound(path);
    const QString id = parts.value(2);
    const QString sub = parts.value(3);
    const QString collection = parts.at(1);
    if (collection == QLatin1String("services") && sub.isEmpty())
        return m_services->handle(request, id);
    if (collection == QLatin1String("orders") && sub.isEmpty())
        return m_orders->handle(request, id);
    if (collection == QLatin1String("artifacts")) {
        if (sub == QLatin1String("blob") && m_faults && m_faults->takeUnavailable())
            return HttpReply::goaError(503, QStringLiteral("service-unavailable"),
                                       QStringLiteral("fault switch --fault-503"));
        return m_artifacts->handle(request, id, sub);
    }
    if (collection == QLatin1String("metadata") && sub.isEmpty())
        return m_metadata->handle(request, id);
    return HttpReply::notFound(path);
}

QHttpServerResponse ApiServer::authInfo(const QHttpServerRequest &request) const
{
    const QString base = HttpReply::baseUrl(request);
    const QString yaml = QStringLiteral("version: 1\n"
                                        "auth:\n"
                                        "  default-provider-id: sandbox\n"
                                        "  providers:\n"
                                        "    sandbox:\n"
                                        "      id: sandbox\n"
                                        "      login-url: %1/oauth/authorize\n"
                                        "      token-url: %1/oauth/token\n"
                                        "      code-url: %1/oauth/device/code\n"
                                        "      jwks-url: %1/oauth/.well-known/jwks.json\n"
                                        "      client-id: ivcap-sandbox\n"
                                        "      audience: https://api.ivcap.net/\n")
                             .arg(base);
    return QHttpServerResponse(QByteArrayLiteral("application/yaml"), yaml.toUtf8());
}
