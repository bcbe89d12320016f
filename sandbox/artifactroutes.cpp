#include "artifactroutes.h"
#include "httpreply.h"
#include "listquery.h"
#include "pagedlist.h"
#include "serviceroutes.h"
#include "store.h"
#include "tusheaders.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUuid>
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
    const QString name = TusHeaders::decodeName(rawName);
    const QByteArray lengthText = HttpReply::header(request, "X-Content-Length");
    const auto declared =
        lengthText.isEmpty() ? std::optional<qint64>(-1) : TusHeaders::declaredLength(lengthText);
    if (!declared)
        return HttpReply::invalidParameter(QStringLiteral("X-Content-Length"),
                                           QString::fromLatin1(lengthText),
                                           QStringLiteral("expected a byte count or -1"));
    const qint64 size = *declared;
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
    const auto claimed = TusHeaders::byteCount(HttpReply::header(request, "Upload-Offset"));
    if (!claimed || *claimed != offset) {
        auto response = HttpReply::json(
            {{"id", id}, {"message", QStringLiteral("Upload-Offset must be %1").arg(offset)}}, 409);
        response.setHeader("goa-error", "offset-mismatch");
        response.setHeader("Upload-Offset", QByteArray::number(offset));
        response.setHeader("Tus-Resumable", "1.0.0");
        return response;
    }
    qint64 size = row.value("size").toLongLong();
    const QByteArray lengthHeader = HttpReply::header(request, "Upload-Length");
    if (size < 0 && !lengthHeader.isEmpty()) {
        // A length that is no count, or one below what is already stored, cannot be kept.
        const auto length = TusHeaders::byteCount(lengthHeader);
        if (!length || *length < offset)
            return HttpReply::invalidParameter(
                QStringLiteral("Upload-Length"), QString::fromLatin1(lengthHeader),
                QStringLiteral("expected a byte count of at least %1").arg(offset));
        size = *length;
    }
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
    const QByteArray header = HttpReply::header(request, "Range").trimmed();
    if (!header.isEmpty()) {
        const auto asked = TusHeaders::byteRange(header, range.total);
        if (!asked) {
            auto response = HttpReply::goaError(416, QStringLiteral("range-not-satisfiable"),
                                                QStringLiteral("cannot serve %1 of %2 bytes")
                                                    .arg(QString::fromLatin1(header))
                                                    .arg(range.total));
            response.setHeader("Content-Range", "bytes */" + QByteArray::number(range.total));
            return response;
        }
        range.start = asked->first;
        range.length = asked->length;
        range.partial = true;
    }
    m_stream = range;
    return HttpReply::empty(200);
}
