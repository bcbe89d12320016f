#include "seeder.h"
#include "httpreply.h"
#include "serviceroutes.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

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

void Seeder::seedArtifacts(int count)
{
    const auto existing = m_store->one(QStringLiteral("SELECT COUNT(*) FROM artifacts"));
    const int missing = count - (existing ? existing->value(0).toInt() : 0);
    if (missing <= 0)
        return;
    const QString now = HttpReply::now();
    m_store->transaction();
    QSqlQuery insert = m_store->exec(QStringLiteral("SELECT 1"));
    insert.prepare(QStringLiteral(
        "INSERT INTO artifacts (id, name, status, mime_type, size, upload_offset, policy, "
        "created_at, last_modified_at, valid_from) VALUES (?, ?, 'ready', 'text/plain', ?, ?, "
        "'urn:ivcap:policy:ivcap.base.artifact', ?, ?, ?)"));
    for (int i = 0; i < missing; ++i) {
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray bytes = "seeded artifact " + QByteArray::number(i) + "\n";
        QFile blob(m_store->blobPath(uuid));
        if (blob.open(QIODevice::WriteOnly))
            blob.write(bytes);
        insert.addBindValue(QString(QStringLiteral("urn:ivcap:artifact:") + uuid));
        insert.addBindValue(QStringLiteral("seed-%1.txt").arg(i, 6, 10, QLatin1Char('0')));
        insert.addBindValue(bytes.size());
        insert.addBindValue(bytes.size());
        insert.addBindValue(now);
        insert.addBindValue(now);
        insert.addBindValue(now);
        insert.exec();
    }
    m_store->commit();
}
