#include "catalogueseeder.h"
#include "aspecttable.h"
#include "service2routes.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace CatalogueSeeder {

bool seed(Store *store, const QString &path, QString *error)
{
    const auto count = store->one(QStringLiteral("SELECT COUNT(*) FROM services"));
    if (count && count->value(0).toInt() > 0)
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonArray entries = json.object().value("services").toArray();
    if (parseError.error != QJsonParseError::NoError || entries.isEmpty()) {
        *error = QStringLiteral("%1 is not a service catalogue").arg(path);
        return false;
    }
    store->transaction();
    for (const QJsonValue &value : entries) {
        QJsonObject doc = value.toObject();
        const QString id = doc.value("id").toString();
        const QJsonObject aiTool = doc.take("ai-tool").toObject();
        if (id.isEmpty())
            continue;
        doc.insert("parameters", doc.value("parameters").toArray());
        Service2Routes::insert(store, id, doc);
        const QString policy = doc.value("policy").toString();
        if (!aiTool.isEmpty())
            AspectTable::add(store, id, QStringLiteral("urn:sd-core:schema.ai-tool.1"), aiTool,
                             policy);
        const QString serviceSchema = QStringLiteral("urn:ivcap:schema.service.2");
        QJsonObject description{{"$schema", serviceSchema},
                                {"$id", id},
                                {"name", doc.value("name")},
                                {"description", doc.value("description")},
                                {"parameters", QJsonArray()},
                                {"policy", doc.value("policy")},
                                {"controller-schema", doc.value("controller-schema")},
                                {"controller", doc.value("controller")}};
        AspectTable::add(store, id, serviceSchema, description, policy);
    }
    store->commit();
    return true;
}

} // namespace CatalogueSeeder
