#include "seeder.h"
#include "httpreply.h"
#include "serviceroutes.h"
#include "store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QUuid>

#include <unistd.h>

bool Seeder::seedServices(QString *error)
{
    const auto count = m_store->one(QStringLiteral("SELECT COUNT(*) FROM services"));
    if (count && count->value(0).toInt() > 0)
        return true;
    QFile file(QStringLiteral(":/sandbox/demo-services.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    const QJsonArray entries =
        QJsonDocument::fromJson(file.readAll()).object().value("services").toArray();
    const QString seededAt = HttpReply::now();
    m_store->transaction();
    for (const QJsonValue &entry : entries) {
        const QJsonObject doc = entry["service"].toObject();
        m_store->exec(QStringLiteral("INSERT INTO services (id, name, kind, provider_key, doc, "
                                     "created_at, valid_from) VALUES (?, ?, ?, '', ?, ?, ?)"),
                      {ServiceRoutes::serviceId(doc), doc.value("name").toString(),
                       entry["kind"].toString(),
                       QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)),
                       seededAt, seededAt});
    }
    m_store->commit();
    return true;
}

namespace {
// The kinds of small files a project keeps beside its analytics products, with real content, so
// that a seeded artifact downloads as what its mime type says.
struct SeedKind
{
    const char *mimeType;
    const char *namePattern; // %1 = zero-padded sequence number
    QByteArray content;
};

QList<SeedKind> seedKinds()
{
    return {
        {"text/csv", "transect-%1.csv",
         "station,depth_m,temperature_c,cover_pct\nLB4-01,4.2,27.9,38\nLB4-02,6.0,27.6,41\n"},
        {"application/json", "survey-%1.json",
         R"({"site":"indo_flores_0922","diver":"seed","frames":48,"ok":true})"
         "\n"},
        {"text/plain", "notes-%1.txt", "Seeded field note: visibility 12 m, current slight.\n"},
        {"image/svg+xml", "marker-%1.svg",
         R"(<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">)"
         R"(<circle cx="4" cy="4" r="3" fill="teal"/></svg>)"
         "\n"},
    };
}
} // namespace

void Seeder::seedArtifacts(int count)
{
    const auto existing = m_store->one(QStringLiteral("SELECT COUNT(*) FROM artifacts"));
    const int first = existing ? existing->value(0).toInt() : 0;
    const int missing = count - first;
    if (missing <= 0)
        return;

    // Writing 100,000 small files costs tens of seconds (a data block each); a hard link to one
    // file per kind costs a directory entry. Seeded artifacts are ready and so never written
    // again, which makes sharing the inode safe; without hard links each gets its own copy.
    const QList<SeedKind> kinds = seedKinds();
    const QString templateDir = m_store->dataDir() + QStringLiteral("/seed");
    QDir().mkpath(templateDir);
    QList<QByteArray> templatePaths;
    QList<QString> etags;
    for (qsizetype k = 0; k < kinds.size(); ++k) {
        const QString path = templateDir + QStringLiteral("/kind-%1").arg(k);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(kinds[k].content);
        templatePaths.append(QFile::encodeName(path));
        etags.append(QString::fromLatin1(
            QCryptographicHash::hash(kinds[k].content, QCryptographicHash::Sha256)
                .toHex()
                .left(32)));
    }

    // Spread creation over the past few days, in insertion order, so ordering by created-at and
    // at-time queries see distinct, plausible times; all of them lie before now.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 stepMs = 3217;
    const QDateTime firstTime = now.addMSecs(-stepMs * missing);
    const QString policy = QStringLiteral("urn:ivcap:policy:ivcap.base.artifact");
    const QString ready = QStringLiteral("ready");
    const QString urnPrefix = QStringLiteral("urn:ivcap:artifact:");

    m_store->transaction();
    QSqlQuery insert = m_store->exec(QStringLiteral("SELECT 1"));
    insert.prepare(QStringLiteral(
        "INSERT INTO artifacts (id, name, status, mime_type, size, upload_offset, policy, etag, "
        "created_at, last_modified_at, valid_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < missing; ++i) {
        const qsizetype k = i % kinds.size();
        const SeedKind &kind = kinds[k];
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray blob = QFile::encodeName(m_store->blobPath(uuid));
        if (::link(templatePaths[k].constData(), blob.constData()) != 0) {
            QFile copy(QFile::decodeName(blob));
            if (copy.open(QIODevice::WriteOnly))
                copy.write(kind.content);
        }
        const QString at = HttpReply::toUtcText(firstTime.addMSecs(stepMs * i));
        const qint64 size = kind.content.size();
        insert.bindValue(0, QString(urnPrefix + uuid));
        insert.bindValue(
            1, QString::fromLatin1(kind.namePattern).arg(first + i + 1, 6, 10, QLatin1Char('0')));
        insert.bindValue(2, ready);
        insert.bindValue(3, QString::fromLatin1(kind.mimeType));
        insert.bindValue(4, size);
        insert.bindValue(5, size);
        insert.bindValue(6, policy);
        insert.bindValue(7, etags[k]);
        insert.bindValue(8, at);
        insert.bindValue(9, at);
        insert.bindValue(10, at);
        insert.exec();
    }
    m_store->commit();
}
