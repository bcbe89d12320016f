#include "aspectdrafts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace ivcap {

AspectDrafts::AspectDrafts()
    : AspectDrafts(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                   QLatin1String("/aspect-drafts.json"))
{}

AspectDrafts::AspectDrafts(const QString &fileName) : m_fileName(fileName) {}

QString AspectDrafts::keyFor(const QString &recordId, const QString &entityId,
                             const QString &schema)
{
    if (!recordId.isEmpty())
        return recordId;
    // A record id never contains a space, so the two kinds of key cannot collide.
    return QLatin1String("new ") + entityId + QLatin1Char(' ') + schema;
}

QJsonObject AspectDrafts::read() const
{
    QFile file(m_fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool AspectDrafts::write(const QJsonObject &all)
{
    if (!QDir().mkpath(QFileInfo(m_fileName).absolutePath())) {
        m_error = QStringLiteral("cannot create the directory of %1").arg(m_fileName);
        return false;
    }
    // QSaveFile: a crash while writing must not lose the drafts that were already there.
    QSaveFile file(m_fileName);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(all).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        m_error = file.errorString();
        return false;
    }
    m_error.clear();
    return true;
}

std::optional<AspectDrafts::Draft> AspectDrafts::draft(const QString &key) const
{
    const QJsonObject all = read();
    if (!all.contains(key))
        return std::nullopt;
    const QJsonObject o = all.value(key).toObject();
    Draft d;
    d.text = o.value(QLatin1String("text")).toString();
    d.recordId = o.value(QLatin1String("record-id")).toString();
    d.entityId = o.value(QLatin1String("entity")).toString();
    d.schema = o.value(QLatin1String("schema")).toString();
    d.savedAt =
        QDateTime::fromString(o.value(QLatin1String("saved-at")).toString(), Qt::ISODateWithMs);
    return d;
}

QStringList AspectDrafts::keys() const
{
    return read().keys();
}

bool AspectDrafts::store(const QString &key, const Draft &draft)
{
    QJsonObject all = read();
    all.insert(key, QJsonObject{
                        {QStringLiteral("text"), draft.text},
                        {QStringLiteral("record-id"), draft.recordId},
                        {QStringLiteral("entity"), draft.entityId},
                        {QStringLiteral("schema"), draft.schema},
                        {QStringLiteral("saved-at"),
                         (draft.savedAt.isValid() ? draft.savedAt : QDateTime::currentDateTimeUtc())
                             .toString(Qt::ISODateWithMs)},
                    });
    return write(all);
}

bool AspectDrafts::discard(const QString &key)
{
    QJsonObject all = read();
    if (!all.contains(key))
        return true;
    all.remove(key);
    return write(all);
}

} // namespace ivcap
