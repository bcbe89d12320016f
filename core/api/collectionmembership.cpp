#include "collectionmembership.h"

#include "aspectcalls.h"
#include "collectionscan.h"
#include "connection.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

namespace ivcap {

CollectionMembership::CollectionMembership(Connection *connection, const QString &collection,
                                           const QString &artifact, QObject *parent)
    : QObject(parent), m_connection(connection), m_collection(collection), m_artifact(artifact)
{}

QString CollectionMembership::itemContentPath(const QString &artifact)
{
    QString quoted = artifact;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    quoted.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QStringLiteral("$.item ? (@ == \"%1\")").arg(quoted);
}

void CollectionMembership::start()
{
    if (!m_connection || !CollectionRecord::isCollectionUrn(m_collection) || m_artifact.isEmpty()) {
        const QString why = !m_connection
                                ? QCoreApplication::translate("ivcap::CollectionMembership",
                                                              "Not connected to a deployment.")
                                : QCoreApplication::translate("ivcap::CollectionMembership",
                                                              "The collection \"%1\" is not a URN.")
                                      .arg(m_collection);
        QTimer::singleShot(0, this, [this, why] { fail(ApiError::local(why)); });
        return;
    }
    if (m_connection->isDetectingApi()) {
        auto wait = std::make_shared<QMetaObject::Connection>();
        *wait = connect(m_connection, &Connection::apiDetectionFinished, this, [this, wait] {
            disconnect(*wait);
            start();
        });
        return;
    }
    for (CollectionModel model : m_connection->dialect().collectionModels())
        planModel(model);
    run();
}

void CollectionMembership::planModel(CollectionModel model)
{
    switch (model) {
    case CollectionModel::ArtifactList:
        // Only a collection the CLI keeps: its list gets the artifact. A collection that
        // neither model defines gets the SDK's definition (the SDK's create writes one).
        m_steps << [this] {
            scan({QLatin1String(CollectionRecord::kArtifactListSchema),
                  QLatin1String(CollectionRecord::kDefinitionSchema)},
                 {}, [this](const QList<CollectionRecord> &records) {
                     bool defined = false;
                     QStringList cliList;
                     bool cli = false;
                     for (const CollectionRecord &record : records) {
                         defined = true;
                         if (!record.definition) {
                             cli = true;
                             for (const QString &a : record.artifacts) {
                                 if (!cliList.contains(a))
                                     cliList << a;
                             }
                         }
                     }
                     if (cli && !cliList.contains(m_artifact)) {
                         cliList << m_artifact;
                         m_steps.prepend([this, cliList] {
                             write("PUT", CollectionRecord::kArtifactListSchema,
                                   {{QStringLiteral("collection"), m_collection},
                                    {QStringLiteral("artifacts"),
                                     QJsonArray::fromStringList(cliList)}});
                         });
                     }
                     if (!defined) {
                         m_steps.prepend([this] {
                             write("POST", CollectionRecord::kDefinitionSchema,
                                   {{QStringLiteral("$schema"),
                                     QLatin1String(CollectionRecord::kDefinitionSchema)},
                                    {QStringLiteral("name"),
                                     CollectionRecord::fallbackName(m_collection)},
                                    {QStringLiteral("description"), QString()}});
                         });
                     }
                     run();
                 });
        };
        break;
    case CollectionModel::ItemAspects:
        addUnlessPresent(CollectionRecord::kItemSchema, itemContentPath(m_artifact),
                         {{QStringLiteral("$schema"), QLatin1String(CollectionRecord::kItemSchema)},
                          {QStringLiteral("collection"), m_collection},
                          {QStringLiteral("item"), m_artifact}});
        break;
    case CollectionModel::InCollectionRecords:
        addUnlessPresent(CollectionRecord::kInCollectionSchema, {},
                         {{QStringLiteral("artifact"), m_artifact},
                          {QStringLiteral("collection"), m_collection}});
        break;
    }
}

void CollectionMembership::addUnlessPresent(const char *schema, const QString &contentPath,
                                            const QJsonObject &content)
{
    m_steps << [this, schema, contentPath, content] {
        scan({QLatin1String(schema)}, contentPath,
             [this, schema, content](const QList<CollectionRecord> &records) {
                 const bool present =
                     std::any_of(records.cbegin(), records.cend(), [this](const auto &r) {
                         return r.artifacts.contains(m_artifact);
                     });
                 if (!present)
                     m_steps.prepend([this, schema, content] { write("POST", schema, content); });
                 run();
             });
    };
}

void CollectionMembership::run()
{
    if (m_done)
        return;
    if (m_steps.isEmpty()) {
        m_done = true;
        Q_EMIT finished();
        return;
    }
    const Step step = m_steps.takeFirst();
    step();
}

void CollectionMembership::scan(const QStringList &schemas, const QString &contentPath,
                                std::function<void(const QList<CollectionRecord> &)> then)
{
    auto *scan = new CollectionScan(m_connection, schemas, m_collection, contentPath, this);
    auto found = std::make_shared<QList<CollectionRecord>>();
    connect(scan, &CollectionScan::records, this,
            [found](const QList<CollectionRecord> &records) { *found << records; });
    connect(scan, &CollectionScan::finished, this, [scan, found, then] {
        scan->deleteLater();
        then(*found);
    });
    connect(scan, &CollectionScan::failed, this, [this, scan](const ApiError &error) {
        scan->deleteLater();
        fail(error);
    });
    scan->start();
}

void CollectionMembership::write(const QByteArray &method, const char *schema,
                                 const QJsonObject &content)
{
    if (!m_connection) {
        fail(ApiError::local(QCoreApplication::translate("ivcap::CollectionMembership",
                                                         "Not connected to a deployment.")));
        return;
    }
    ApiRequest *request =
        method == "PUT"
            ? Api::updateAspect(m_connection, m_collection, QLatin1String(schema), content, {},
                                this)
            : Api::addAspect(m_connection, m_collection, QLatin1String(schema), content, {}, this);
    connect(request, &ApiRequest::finished, this, [this, request] {
        request->deleteLater();
        run();
    });
    connect(request, &ApiRequest::failed, this, [this, request](const ApiError &error) {
        request->deleteLater();
        fail(error);
    });
    request->start();
}

void CollectionMembership::fail(const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_steps.clear();
    Q_EMIT failed(error);
}

} // namespace ivcap
