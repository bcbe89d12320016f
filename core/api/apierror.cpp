#include "apierror.h"

#include "net/curlrequest.h"
#include "redirectpolicy.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace ivcap {

namespace {
QUrl withoutQuery(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("ivcap::ApiError", text);
}
} // namespace

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus == 502 || httpStatus == 503 || httpStatus == 504 || httpStatus == 429;
    default:
        return false;
    }
}

QString ApiError::kindName() const
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::InvalidParameter:
        return QStringLiteral("invalid-parameter");
    case Kind::MalformedResponse:
        return QStringLiteral("malformed-response");
    case Kind::TooLarge:
        return QStringLiteral("too-large");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Local:
        return QStringLiteral("local");
    }
    return QString();
}

QString ApiError::toString() const
{
    if (httpStatus > 0)
        return QStringLiteral("%1 (HTTP %2)").arg(message).arg(httpStatus);
    return message;
}

ApiError ApiError::fromResponse(const Response &response, const QByteArray &body)
{
    ApiError e;
    e.url = withoutQuery(response.url);
    e.httpStatus = response.httpStatus;
    e.goaError = QString::fromUtf8(response.goaError);

    if (e.httpStatus >= 200 && e.httpStatus < 300)
        return e; // every 2xx is success

    QString serverMessage;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        serverMessage = o.value(QLatin1String("message")).toString();
        e.field = o.value(QLatin1String("name")).toString();
    }

    // Below 100 is no HTTP status: the exchange ended without an answer (fromCurl reports
    // transport failures before they get here).
    if (e.httpStatus < 100) {
        e.httpStatus = 0;
        e.kind = Kind::Network;
        e.message = tr("The server sent no answer");
        return e;
    }

    const bool missingCredential =
        e.httpStatus == 400 &&
        (e.goaError == QLatin1String("invalid-credential") ||
         (e.goaError == QLatin1String("missing_field") &&
          serverMessage.contains(QLatin1String("Authorization"), Qt::CaseInsensitive)));
    if (e.httpStatus == 401 || missingCredential) {
        e.kind = Kind::Unauthorized;
        e.message = tr("Not signed in, or the session has expired");
    } else if (e.httpStatus == 404) {
        e.kind = Kind::NotFound;
        e.message = tr("Not found");
    } else if (e.httpStatus == 422) {
        e.kind = Kind::InvalidParameter;
        e.message =
            e.field.isEmpty() ? tr("Invalid parameter") : tr("Invalid value for “%1”").arg(e.field);
    } else if (e.httpStatus >= 300 && e.httpStatus < 400) {
        // ApiRequest follows the redirects RedirectPolicy allows; any that reaches here was
        // not followed, and the message names where it pointed.
        e.kind = Kind::Http;
        const QUrl target =
            response.location.isEmpty()
                ? QUrl()
                : response.url.resolved(QUrl::fromEncoded(response.location.trimmed()));
        e.message =
            RedirectPolicy::notFollowed(target, tr("this request does not follow redirects"));
    } else {
        e.kind = Kind::Http;
        e.message = response.reasonPhrase.isEmpty() ? tr("The server refused the request")
                                                    : response.reasonPhrase;
    }
    if (!serverMessage.isEmpty())
        e.message += QStringLiteral(": ") + serverMessage;
    return e;
}

ApiError ApiError::malformed(const QUrl &url, const QString &what)
{
    ApiError e;
    e.kind = Kind::MalformedResponse;
    e.url = withoutQuery(url);
    e.message = tr("Unexpected answer from the server: %1").arg(what);
    return e;
}

ApiError ApiError::tooLarge(const QUrl &url)
{
    ApiError e;
    e.kind = Kind::TooLarge;
    e.url = withoutQuery(url);
    e.message = tr("The answer of the server is too large");
    return e;
}

ApiError ApiError::fromCurl(const net::CurlRequest &curl, const QUrl &url, const QByteArray &body)
{
    switch (curl.errorKind()) {
    case Kind::None: {
        Response response;
        response.url = url;
        response.httpStatus = curl.status();
        response.goaError = curl.header("goa-error");
        response.reasonPhrase = curl.reasonPhrase();
        response.location = curl.header("location");
        return fromResponse(response, body);
    }
    case Kind::TooLarge:
        return tooLarge(url);
    case Kind::Timeout: {
        ApiError e;
        e.kind = Kind::Timeout;
        e.url = withoutQuery(url);
        e.message = tr("The server did not answer in time");
        return e;
    }
    default: {
        ApiError e;
        e.kind = curl.errorKind();
        e.url = withoutQuery(url);
        e.message = curl.errorString();
        e.untrustedCertificate = curl.curlCode() == CURLE_PEER_FAILED_VERIFICATION;
        return e;
    }
    }
}

ApiError ApiError::local(const QString &what)
{
    ApiError e;
    e.kind = Kind::Local;
    e.message = what;
    return e;
}

} // namespace ivcap
