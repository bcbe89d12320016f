#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace ivcap {

// Unsaved aspect edits, kept in one JSON file under the application data directory so they
// survive closing the editor and restarting the app until they are saved or discarded.
// A draft belongs to a record (its id) or, for an aspect not yet added, to entity + schema.
// Every call re-reads the file, so several editors (or windows) never overwrite each other's
// drafts with a stale copy.
class AspectDrafts
{
public:
    struct Draft
    {
        QString text; // the raw JSON text, which may not parse
        QString recordId;
        QString entityId;
        QString schema;
        QDateTime savedAt;
    };

    // The default file is QStandardPaths::AppDataLocation/aspect-drafts.json.
    AspectDrafts();
    explicit AspectDrafts(const QString &fileName);

    static QString keyFor(const QString &recordId, const QString &entityId, const QString &schema);

    std::optional<Draft> draft(const QString &key) const;
    bool contains(const QString &key) const { return draft(key).has_value(); }
    QStringList keys() const;
    // Returns false when the file cannot be written (errorString() says why).
    bool store(const QString &key, const Draft &draft);
    bool discard(const QString &key);

    QString fileName() const { return m_fileName; }
    QString errorString() const { return m_error; }

private:
    QJsonObject read() const;
    bool write(const QJsonObject &all);

    QString m_fileName;
    QString m_error;
};

} // namespace ivcap
