#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPair>
#include <QString>

namespace test {

// The demo service every v0.48 sandbox catalogue has (its id) and a request it accepts, read
// from the catalogue file the target names in IVCAP_CATALOGUE_048; empty when it cannot be read.
inline QPair<QString, QJsonObject> demoService048(const char *catalogue)
{
    QFile f(QString::fromLocal8Bit(catalogue));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray services =
        QJsonDocument::fromJson(f.readAll()).object().value("services").toArray();
    for (const QJsonValue &s : services) {
        const QJsonObject o = s.toObject();
        if (o.value("name").toString() == QLatin1String("Gradient Text Image"))
            return {o.value("id").toString(),
                    o.value("sandbox").toObject().value("example-request").toObject()};
    }
    return {};
}

} // namespace test
