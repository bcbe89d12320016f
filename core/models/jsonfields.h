#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>

namespace ivcap::json {

// A string field; the server sends "" for unset fields, which we treat as absent (as the SDK).
inline QString str(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toString();
}

// RFC 3339 in practice, bare dates in the spec examples: accept both, never fail.
inline QDateTime time(const QJsonObject &o, QLatin1String key)
{
    const QString s = o.value(key).toString();
    if (s.isEmpty())
        return QDateTime();
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    return t;
}

// int64: toInteger, never toInt (artifact sizes exceed 2 GiB). Numbers sent as strings count too.
inline qint64 int64(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString().toLongLong();
    return v.toInteger();
}

// The id of a RefT `{id, links}` sub-object.
inline QString refId(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toObject().value(QLatin1String("id")).toString();
}

// Shares one copy of frequent values (status, mime type) between rows.
inline QString intern(const QString &value)
{
    static QSet<QString> pool;
    if (value.isEmpty())
        return QString();
    auto it = pool.constFind(value);
    if (it != pool.cend())
        return *it;
    if (pool.size() > 4096)
        return value;
    return *pool.insert(value);
}

} // namespace ivcap::json
