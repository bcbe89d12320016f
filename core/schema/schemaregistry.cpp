#include "schemaregistry.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace ivcap {

namespace {
QString stripFragment(QString uri)
{
    const int hash = uri.indexOf(QLatin1Char('#'));
    return hash >= 0 ? uri.left(hash) : uri;
}

// URNs are commonly used verbatim as file names (no slash); URLs name the file in their
// path's last segment.
QString lastSegment(const QString &uri)
{
    const int slash = uri.lastIndexOf(QLatin1Char('/'));
    QString name = slash >= 0 ? uri.mid(slash + 1) : uri;
    if (name.endsWith(QLatin1String(".json")))
        name.chop(5);
    return name;
}
} // namespace

int SchemaRegistry::addDirectory(const QString &path)
{
    int count = 0;
    QDirIterator it(path, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (addFile(it.next()))
            ++count;
    }
    return count;
}

std::optional<QString> SchemaRegistry::addFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errors.append(fileName + QLatin1String(": ") + file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        m_errors.append(
            fileName + QLatin1String(": ") +
            (doc.isNull() ? parseError.errorString() : QStringLiteral("not an object")));
        return std::nullopt;
    }
    const QJsonObject schema = doc.object();
    const QString baseName = QFileInfo(fileName).completeBaseName();
    m_byFileName.insert(baseName, schema);
    QString id = schema.value(QLatin1String("$id")).toString();
    if (id.isEmpty())
        id = schema.value(QLatin1String("id")).toString(); // draft 4 spelling
    if (id.isEmpty())
        id = baseName;
    addSchema(id, schema);
    return id;
}

void SchemaRegistry::addSchema(const QString &id, const QJsonValue &schema)
{
    const QString key = stripFragment(id);
    if (!m_byId.contains(key))
        m_ids.append(key);
    m_byId.insert(key, schema);
}

std::optional<QJsonValue> SchemaRegistry::resolve(const QString &uri) const
{
    if (uri.isEmpty())
        return std::nullopt;
    const QString key = stripFragment(uri.trimmed());
    if (const auto it = m_byId.constFind(key); it != m_byId.constEnd())
        return *it;
    const QString name = lastSegment(key);
    if (const auto it = m_byFileName.constFind(name); it != m_byFileName.constEnd())
        return *it;
    return std::nullopt;
}

std::optional<QJsonValue> SchemaRegistry::schemaForAspect(const QJsonValue &aspect) const
{
    return resolve(aspect.toObject().value(QLatin1String("$schema")).toString());
}

void SchemaRegistry::clear()
{
    m_byId.clear();
    m_byFileName.clear();
    m_ids.clear();
    m_errors.clear();
}

} // namespace ivcap
