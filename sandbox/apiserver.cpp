#include "apiserver.h"
#include "faults.h"
#include "httpreply.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

ApiServer::ApiServer(const RouteTable *routes, QString token, QObject *parent)
    : QAbstractHttpServer(parent), m_routes(routes), m_token(token), m_oauth(token)
{}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Exchange exchange{request, socket, {}, {}, false, [&request, socket] {
                          return std::make_shared<QHttpServerResponder>(
                              makeResponder(request, socket));
                      }};
    QHttpServerResponse response = dispatch(exchange);
    if (exchange.deferred)
        return true; // the route answers when it is ready
    const std::optional<BlobStreamer::Range> stream = exchange.stream;
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

std::optional<QStringList> ApiServer::segments(const QHttpServerRequest &request) const
{
    QStringList parts;
    if (m_routes->dialect() == ApiDialect::V028) {
        parts = request.url().path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    } else {
        const QByteArray encoded = request.url().path(QUrl::FullyEncoded).toUtf8();
        for (const QByteArray &part : encoded.split('/')) {
            if (!part.isEmpty())
                parts << QString::fromUtf8(QByteArray::fromPercentEncoding(part));
        }
    }
    if (parts.size() < 2 || parts.size() > m_routes->maxSegments() + 1 ||
        parts.first() != QLatin1String("1"))
        return std::nullopt;
    parts.removeFirst();
    return parts;
}

QHttpServerResponse ApiServer::dispatch(Exchange &exchange)
{
    const QHttpServerRequest &request = exchange.request;
    const QString path = request.url().path(QUrl::FullyDecoded);
    if (path == QLatin1String("/1/openapi/openapi3.json")) {
        QFile spec(m_routes->openApiResource());
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

    const std::optional<QStringList> parts = segments(request);
    if (!parts)
        return HttpReply::notFound(path);
    exchange.segments = *parts;
    const RouteTable::Route *route = m_routes->find(exchange.segment(0));
    if (!route)
        return HttpReply::notFound(path);
    if (exchange.segment(0) == QLatin1String("artifacts") &&
        exchange.segment(2) == QLatin1String("blob") && m_faults && m_faults->takeUnavailable())
        return HttpReply::goaError(503, QStringLiteral("service-unavailable"),
                                   QStringLiteral("fault switch --fault-503"));
    return (*route)(exchange);
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
