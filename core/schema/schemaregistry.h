#pragma once

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

namespace ivcap {

// Finds the JSON Schema an aspect names in its `$schema` (a URN such as
// `urn:blue:schema.image` or a URL). Schemas come from a directory of .json files, keyed by
// each file's `$id` (or draft-4 `id`) and by its file name, plus files the user picks.
class SchemaRegistry
{
public:
    // Adds every *.json file below `path`; returns how many were loaded. Unparsable files are
    // listed in loadErrors() rather than aborting, so one bad file does not hide the rest.
    int addDirectory(const QString &path);
    // Adds one schema file; returns its primary key (`$id`, else the file's base name).
    std::optional<QString> addFile(const QString &fileName);
    void addSchema(const QString &id, const QJsonValue &schema);

    // Looks up `uri` by exact id, then without a trailing '#' or fragment, then by file name
    // (the URN/URL's last segment, with or without ".json").
    std::optional<QJsonValue> resolve(const QString &uri) const;
    // The schema an aspect document declares in `$schema`.
    std::optional<QJsonValue> schemaForAspect(const QJsonValue &aspect) const;

    QStringList ids() const { return m_ids; }
    QStringList loadErrors() const { return m_errors; }
    void clear();

private:
    QHash<QString, QJsonValue> m_byId;
    QHash<QString, QJsonValue> m_byFileName;
    QStringList m_ids;
    QStringList m_errors;
};

} // namespace ivcap
