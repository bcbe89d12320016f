#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

class QHttpServerRequest;

// Builders for the response shapes of PROTOCOL.md §2, plus the request helpers every route needs.
class HttpReply
{
public:
    static QHttpServerResponse json(const QJsonObject &body, int status = 200);
    static QHttpServerResponse empty(int status);
    static QHttpServerResponse goaError(int status, const QString &name, const QString &message);
    static QHttpServerResponse notFound(const QString &id);
    static QHttpServerResponse invalidParameter(const QString &name, const QString &value,
                                                const QString &message);
    static QHttpServerResponse bareError(int status, const QByteArray &goaName);

    // The request's query decoded as application/x-www-form-urlencoded, as IVCAP's Go server
    // (net/url) reads it: a raw '+' is a space, "%2B" a plus. Every route reads its query here.
    static QUrlQuery query(const QHttpServerRequest &request);
    // Header lookup that ignores case, since clients differ in how they spell them.
    static QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
    // Scheme and authority taken from the Host header so links work behind any alias.
    static QString baseUrl(const QHttpServerRequest &request);
    // Accepts "urn:ivcap:<kind>:<uuid>" or a bare uuid; returns the lower-case uuid or "".
    static QString uuidFromId(const QString &id, const QString &kind);
    static QString now();
    static QString toUtcText(const QDateTime &time);
};
