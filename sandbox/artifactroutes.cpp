#include "artifactroutes.h"
#include "httpreply.h"
#include "listquery.h"
#include "pagedlist.h"
#include "serviceroutes.h"
#include "store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUuid>
#include <algorithm>
#include <unistd.h>

namespace {
QString artifactSelf(const QString &base, const QString &id)
{
    return base + QStringLiteral("/1/artifacts/") + id;
}

QString fileEtag(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex().left(32));
}

// Clients send X-Name as padded base64, but a raw name can also happen to be valid base64;
// only a decoding that yields clean UTF-8 text is taken as intended.
QString decodeName(const QByteArray &raw)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(raw, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || raw.size() % 4 != 0)
        return QString::fromUtf8(raw);
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(*decoded);
    const bool clean = !utf8.hasError() && std::none_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control;
    });
    return clean ? text : QString::fromUtf8(raw);
}

qint64 sizeOf(const QSqlRecord &row)
{
    const qint64 declared = row.value("size").toLongLong();
    return declared >= 0 ? declared : row.value("upload_offset").toLongLong();
}
} // namespace

QJsonObject ArtifactRoutes::productBody(const QString &base, const QSqlRecord &row)
{
    const QString id = row.value("id").toString();
    return {{"id", id},
            {"name", row.value("name").toString()},
            {"status", row.value("status").toString()},
            {"mime-type", row.value("mime_type").toString()},
            {"size", sizeOf(row)},
            {"links",
             QJsonObject{{"self", artifactSelf(base, id)},
                         {"data", QString(artifactSelf(base, id) + QStringLiteral("/blob"))}}}};
}

QString ArtifactRoutes::createReady(Store *store, const QString &name, const QString &mimeType,
                                    const QByteArray &bytes)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString path = store->blobPath(uuid);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(bytes);
        file.flush();
        ::fsync(file.handle());
    }
    const QString id = QStringLiteral("urn:ivcap:artifact:") + uuid;
    const QString now = HttpReply::now();
    store->exec(QStringLiteral("INSERT INTO artifacts (id, name, status, mime_type, size, "
                               "upload_offset, policy, etag, created_at, last_modified_at, "
                               "valid_from) VALUES (?, ?, 'ready', ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id, name, mimeType, bytes.size(), bytes.size(),
                 QStringLiteral("urn:ivcap:policy:ivcap.base.artifact"),
                 QString::fromLatin1(
                     QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(32)),
                 now, now, now});
    return id;
}

QJsonObject ArtifactRoutes::statusBody(const QString &base, const QSqlRecord &row) const
{
    QJsonObject body = productBody(base, row);
    const QString data = artifactSelf(base, row.value("id").toString()) + QStringLiteral("/blob");
    body.remove("links");
    body.insert("links", QJsonObject{{"self", artifactSelf(base, row.value("id").toString())}});
    body.insert("data", QJsonObject{{"self", data}});
    body.insert("created-at", row.value("created_at").toString());
    body.insert("last-modified-at", row.value("last_modified_at").toString());
    if (!row.value("etag").toString().isEmpty())
        body.insert("etag", row.value("etag").toString());
    body.insert("policy", QJsonObject{{"id", row.value("policy").toString()}});
    body.insert("account", QJsonObject{{"id", ServiceRoutes::accountId()}});
    body.insert("location", data);
    body.insert("tus-resumable", QStringLiteral("1.0.0"));
    body.insert("tus-offset", row.value("upload_offset").toLongLong());
    return body;
}

QHttpServerResponse ArtifactRoutes::handle(const QHttpServerRequest &request, const QString &id,
                                           const QString &sub)
{
    using M = QHttpServerRequest::Method;
    if (id.isEmpty()) {
        if (request.method() == M::Get)
            return list(request);
        if (request.method() == M::Post)
            return create(request);
        return HttpReply::bareError(405, "method-not-allowed");
    }
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("artifact"));
    const QString urn = QStringLiteral("urn:ivcap:artifact:") + uuid;
    const auto row =
        uuid.isEmpty()
            ? std::nullopt
            : m_store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"), {urn});
    if (!row || (!sub.isEmpty() && sub != QLatin1String("blob")))
        return HttpReply::notFound(uuid.isEmpty() ? id : urn);
    if (sub.isEmpty()) {
        if (request.method() != M::Get)
            return HttpReply::bareError(405, "method-not-allowed");
        return HttpReply::json(statusBody(HttpReply::baseUrl(request), *row));
    }
    switch (request.method()) {
    case M::Head:
        return head(*row);
    case M::Patch:
        return patch(request, *row);
    case M::Get:
        return download(request, *row);
    default:
        return HttpReply::bareError(405, "method-not-allowed");
    }
}

QHttpServerResponse ArtifactRoutes::list(const QHttpServerRequest &request)
{
    static const QHash<QString, QString> columns{{"name", "name"},
                                                 {"id", "id"},
                                                 {"status", "status"},
                                                 {"mime-type", "mime_type"},
                                                 {"created-at", "created_at"},
                                                 {"ordered-at", "created_at"},
                                                 {"collection", "collection"}};
    return PagedList::respond(
        m_store, request, QStringLiteral("artifacts"), QStringLiteral("artifacts"), columns,
        QStringLiteral("created_at"),
        [](const QString &base, const QSqlRecord &row, const ListQuery &) {
            QJsonObject item = productBody(base, row);
            item.insert("links",
                        QJsonObject{{"self", artifactSelf(base, row.value("id").toString())}});
            return item;
        });
}

QHttpServerResponse ArtifactRoutes::create(const QHttpServerRequest &request)
{
    const QByteArray rawName = HttpReply::header(request, "X-Name");
    const QString name = decodeName(rawName);
    bool sizeOk = true;
    const QByteArray lengthText = HttpReply::header(request, "X-Content-Length");
    const qint64 size = lengthText.isEmpty() ? -1 : lengthText.trimmed().toLongLong(&sizeOk);
    if (!sizeOk || size < -1)
        return HttpReply::invalidParameter(QStringLiteral("X-Content-Length"),
                                           QString::fromLatin1(lengthText),
                                           QStringLiteral("expected a byte count or -1"));
    QString policy = QString::fromUtf8(HttpReply::header(request, "X-Policy"));
    if (policy.isEmpty())
        policy = QStringLiteral("urn:ivcap:policy:ivcap.base.artifact");
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString id = QStringLiteral("urn:ivcap:artifact:") + uuid;
    QFile(m_store->blobPath(uuid)).open(QIODevice::WriteOnly);
    const QString now = HttpReply::now();
    m_store->exec(QStringLiteral("INSERT INTO artifacts (id, name, status, mime_type, size, "
                                 "upload_offset, collection, policy, created_at, last_modified_at, "
                                 "valid_from) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)"),
                  {id, name, size == 0 ? QStringLiteral("ready") : QStringLiteral("pending"),
                   QString::fromUtf8(HttpReply::header(request, "X-Content-Type")), size,
                   QString::fromUtf8(HttpReply::header(request, "X-Collection")), policy, now, now,
                   now});
    const auto row = m_store->one(QStringLiteral("SELECT * FROM artifacts WHERE id = ?"), {id});
    QJsonObject body = statusBody(HttpReply::baseUrl(request), *row);
    const QByteArray location = body.value("location").toString().toUtf8();
    for (const char *key : {"location", "tus-resumable", "tus-offset"})
        body.remove(QLatin1String(key));
    auto response = HttpReply::json(body, 201);
    response.setHeader("Location", location);
    response.setHeader("Tus-Resumable", "1.0.0");
    response.setHeader("Upload-Offset", "0");
    return response;
}

QHttpServerResponse ArtifactRoutes::head(const QSqlRecord &row)
{
    auto response = HttpReply::empty(200);
    response.setHeader("Upload-Offset",
                       QByteArray::number(row.value("upload_offset").toLongLong()));
    const qint64 size = row.value("size").toLongLong();
    if (size >= 0)
        response.setHeader("Upload-Length", QByteArray::number(size));
    else
        response.setHeader("Upload-Defer-Length", "1");
    response.setHeader("Tus-Resumable", "1.0.0");
    response.setHeader("Cache-Control", "no-store");
    return response;
}

QHttpServerResponse ArtifactRoutes::patch(const QHttpServerRequest &request, const QSqlRecord &row)
{
    const QString id = row.value("id").toString();
    if (!HttpReply::header(request, "Content-Type").startsWith("application/offset+octet-stream"))
        return HttpReply::goaError(415, QStringLiteral("unsupported-media-type"),
                                   QStringLiteral("expected application/offset+octet-stream"));
    const qint64 offset = row.value("upload_offset").toLongLong();
    bool ok = false;
    const qint64 claimed = HttpReply::header(request, "Upload-Offset").trimmed().toLongLong(&ok);
    if (!ok || claimed != offset) {
        auto response = HttpReply::json(
            {{"id", id}, {"message", QStringLiteral("Upload-Offset must be %1").arg(offset)}}, 409);
        response.setHeader("goa-error", "offset-mismatch");
        response.setHeader("Upload-Offset", QByteArray::number(offset));
        response.setHeader("Tus-Resumable", "1.0.0");
        return response;
    }
    qint64 size = row.value("size").toLongLong();
    const QByteArray lengthHeader = HttpReply::header(request, "Upload-Length");
    if (size < 0 && !lengthHeader.isEmpty())
        size = lengthHeader.trimmed().toLongLong();
    const QByteArray bytes = request.body();
    if (size >= 0 && offset + bytes.size() > size)
        return HttpReply::goaError(413, QStringLiteral("too-large"),
                                   QStringLiteral("upload exceeds the declared length"));
    const QString uuid = HttpReply::uuidFromId(id, QStringLiteral("artifact"));
    const QString path = m_store->blobPath(uuid);
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.resize(offset) || !file.seek(offset) ||
        file.write(bytes) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0)
        return HttpReply::goaError(500, QStringLiteral("fault"), file.errorString());
    file.close();
    const qint64 newOffset = offset + bytes.size();
    const bool done = size >= 0 && newOffset == size;
    m_store->exec(QStringLiteral("UPDATE artifacts SET upload_offset = ?, size = ?, status = ?, "
                                 "etag = ?, last_modified_at = ? WHERE id = ?"),
                  {newOffset, size,
                   done ? QStringLiteral("ready")
                        : (newOffset > 0 ? QStringLiteral("partial") : QStringLiteral("pending")),
                   done ? fileEtag(path) : QString(), HttpReply::now(), id});
    auto response = HttpReply::empty(204);
    response.setHeader("Upload-Offset", QByteArray::number(newOffset));
    response.setHeader("Tus-Resumable", "1.0.0");
    return response;
}

QHttpServerResponse ArtifactRoutes::download(const QHttpServerRequest &request,
                                             const QSqlRecord &row)
{
    const QString id = row.value("id").toString();
    if (row.value("status").toString() != QLatin1String("ready")) {
        auto response = HttpReply::json(
            {{"id", id}, {"message", QStringLiteral("Artifact %1 is not ready").arg(id)}}, 409);
        response.setHeader("goa-error", "not-ready");
        return response;
    }
    BlobStreamer::Range range;
    range.path = m_store->blobPath(HttpReply::uuidFromId(id, QStringLiteral("artifact")));
    const QFileInfo blob(range.path);
    if (!blob.isFile())
        return HttpReply::notFound(id);
    range.total = blob.size();
    range.length = range.total;
    range.mimeType = row.value("mime_type").toString().toUtf8();
    if (range.mimeType.isEmpty())
        range.mimeType = "application/octet-stream";
    // One range "bytes=FIRST-[LAST]" (RFC 9110 §14.1.2), so a client can resume a download.
    const QByteArray header = HttpReply::header(request, "Range").trimmed();
    if (!header.isEmpty()) {
        static const QRegularExpression spec(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
        const auto match = spec.match(QString::fromLatin1(header));
        const qint64 first = match.hasMatch() ? match.captured(1).toLongLong() : -1;
        qint64 last = match.hasMatch() && !match.captured(2).isEmpty()
                          ? match.captured(2).toLongLong()
                          : range.total - 1;
        last = qMin(last, range.total - 1);
        if (first < 0 || first > last) {
            auto response = HttpReply::goaError(416, QStringLiteral("range-not-satisfiable"),
                                                QStringLiteral("cannot serve %1 of %2 bytes")
                                                    .arg(QString::fromLatin1(header))
                                                    .arg(range.total));
            response.setHeader("Content-Range", "bytes */" + QByteArray::number(range.total));
            return response;
        }
        range.start = first;
        range.length = last - first + 1;
        range.partial = true;
    }
    m_stream = range;
    return HttpReply::empty(200);
}
