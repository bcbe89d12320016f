#pragma once

// Helpers of the v0.48 job tests: the demo catalogue as the tests read it, and a parser for the
// Server-Sent Events of GET …/jobs/{id}/events.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace sandbox48 {

const QString kGradient = QStringLiteral("urn:ivcap:service:cfef1515-7f2b-41ec-a734-153ece457f38");
// Runs for 2.5 s and sums the request's numbers.
const QString kSoilCarbon =
    QStringLiteral("urn:ivcap:service:eec45123-e10b-4e59-bbce-443d4c77a4b6");
// Runs for 6 s.
const QString kBushfire = QStringLiteral("urn:ivcap:service:b324dc4d-5b79-4ade-a9ac-8605605b6227");

inline QJsonArray catalogue()
{
    QFile file(
        QStringLiteral(IVCAP_TEST_DATA_DIR "/../../resources/sandbox/demo-services-0.48.json"));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object().value("services").toArray();
}

inline QJsonObject entry(const QString &id)
{
    for (const QJsonValue &value : catalogue()) {
        if (value.toObject().value("id").toString() == id)
            return value.toObject();
    }
    return {};
}

// The entry's example request (which validates and succeeds).
inline QJsonObject example(const QString &id)
{
    return entry(id).value("sandbox").toObject().value("example-request").toObject();
}

inline QString jobsPath(const QString &serviceId)
{
    return QStringLiteral("/1/services2/") + serviceId + QStringLiteral("/jobs");
}

struct SseEvent
{
    qint64 id = 0;
    QString type;
    QJsonObject data;
};

inline QList<SseEvent> parseSse(const QByteArray &body)
{
    QList<SseEvent> events;
    const QStringList blocks =
        QString::fromUtf8(body).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
    for (const QString &block : blocks) {
        SseEvent event;
        for (const QString &line : block.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("id: ")))
                event.id = line.mid(4).toLongLong();
            else if (line.startsWith(QLatin1String("event: ")))
                event.type = line.mid(7);
            else if (line.startsWith(QLatin1String("data: ")))
                event.data = QJsonDocument::fromJson(line.mid(6).toUtf8()).object();
        }
        events.append(event);
    }
    return events;
}

} // namespace sandbox48
