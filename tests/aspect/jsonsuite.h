#pragma once

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

// Access to the JSON-Schema-Test-Suite: files are arrays of {description, schema, tests[]}.
namespace jsonsuite {

inline QString root()
{
    return QStringLiteral(JSON_SCHEMA_SUITE_DIR);
}

inline QString draftDir(const QString &draft)
{
    return root() + QStringLiteral("/tests/") + draft;
}

// Top-level files only: optional/ holds format and edge cases we do not claim to support.
inline QStringList files(const QString &draft)
{
    QStringList list;
    const QDir dir(draftDir(draft));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        list.append(dir.filePath(name));
    return list;
}

inline QJsonArray load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).array();
}

} // namespace jsonsuite
