// Collections against a real ivcap-sandbox in each API dialect: listing the collections of
// every model the dialect's clients write (v0.48: the CLI's artifact-collection.1 lists and
// the SDK's collection.1 + collection-item.1; v0.28: in_collection.1 metadata records),
// browsing one, and uploads that join an existing or a new collection, checked with the
// server's own records.
#include "api/apicalls.h"
#include "api/collectionmembership.h"
#include "api/collectionrecords.h"
#include "api/connection.h"
#include "dialecttest.h"
#include "models/artifactlistmodel.h"
#include "models/collectionartifactsmodel.h"
#include "models/collectionlistmodel.h"
#include "models/collectionmembers.h"
#include "sandboxprocess.h"
#include "transfer/transferqueuemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace ivcap;

class TestCollections : public QObject
{
    Q_OBJECT
public:
    explicit TestCollections(const QString &api)
        : m_api(api), m_sandbox({QStringLiteral("--seed-artifacts"), QStringLiteral("12")}, api)
    {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_files;

    bool v048() const { return m_api == QLatin1String("0.48"); }

    // The sandbox's demo collections have fixed URNs (UUID v5 in its own namespace).
    static QString demoCollection(int n)
    {
        static const QUuid space(QStringLiteral("6d0f5bd4-5a9e-4a52-8d0e-2f1c3a3c0c11"));
        return QStringLiteral("urn:ivcap:collection:") +
               QUuid::createUuidV5(space, QStringLiteral("demo-collection-%1").arg(n))
                   .toString(QUuid::WithoutBraces);
    }

    std::unique_ptr<Connection> connect()
    {
        auto c = std::make_unique<Connection>(m_sandbox.url(), m_sandbox.token());
        QSignalSpy detected(c.get(), &Connection::apiDetectionFinished);
        c->detectApi();
        if (!detected.wait(20000))
            return nullptr;
        return c;
    }

    // The raw records of `schema` on `collection`, as the server lists them.
    static QJsonArray records(Connection *c, const QString &collection, const QString &schema)
    {
        ListQuery query;
        query.entityId = collection;
        query.schemaPrefix = schema;
        ApiRequest *request = Api::listEntities(c, EntityKind::Aspects, query, {}, nullptr);
        QSignalSpy done(request, &ApiRequest::finished);
        request->start();
        if (!done.wait(20000))
            return {};
        const QJsonObject page = done.first().first().toJsonDocument().object();
        request->deleteLater();
        QJsonArray out;
        ApiError error;
        for (const QJsonValue &v : c->dialect().pageItems(EntityKind::Aspects, page, {}, &error)) {
            if (v.toObject().value("schema").toString() == schema)
                out.append(v);
        }
        return out;
    }

    static QStringList membersOnServer(Connection *c, const QString &collection)
    {
        CollectionMembers members(c, collection);
        QSignalSpy done(&members, &CollectionMembers::finished);
        members.start();
        if (!done.wait(20000))
            return {QStringLiteral("<no answer>")};
        return done.first().first().toStringList();
    }

    // Uploads a small file into `collection` through the transfer queue and waits until its
    // membership has settled; returns the row.
    int upload(TransferQueueModel &queue, const QString &collection, const QByteArray &content)
    {
        const QString path =
            m_files.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + ".txt");
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return -1;
        file.write(content);
        file.close();
        UploadOptions options;
        options.collection = collection;
        const int row = queue.addUpload(path, options);
        const QModelIndex index = queue.index(row);
        if (!QTest::qWaitFor(
                [&] {
                    const int m = index.data(TransferQueueModel::MembershipRole).toInt();
                    return m == TransferQueueModel::MembershipWritten ||
                           m == TransferQueueModel::MembershipFailed ||
                           index.data(TransferQueueModel::StateRole).toInt() ==
                               TransferState::Failed;
                },
                30000))
            return -1;
        return row;
    }

    static bool waitLoaded(CollectionListModel &model)
    {
        QSignalSpy loaded(&model, &CollectionListModel::loaded);
        return model.hasLoaded() || loaded.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("API dialect %s", qPrintable(m_api));
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        QVERIFY(m_files.isValid());
    }

    void theDialectSaysWhichModelsItsClientsWrite()
    {
        auto c = connect();
        QVERIFY(c);
        const QList<CollectionModel> models = c->dialect().collectionModels();
        if (v048())
            QCOMPARE(models, (QList<CollectionModel>{CollectionModel::ArtifactList,
                                                     CollectionModel::ItemAspects}));
        else
            QCOMPARE(models, QList<CollectionModel>{CollectionModel::InCollectionRecords});
        // v0.30 has the new shapes but no datafabric yet: its metadata records remain.
        QCOMPARE(Dialect::forVersion(QStringLiteral("0.30"))->collectionModels(),
                 QList<CollectionModel>{CollectionModel::InCollectionRecords});
    }

    void listsTheCollectionsOfEveryClientModel()
    {
        auto c = connect();
        QVERIFY(c);
        CollectionListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setConnection(c.get());
        QVERIFY(waitLoaded(model));
        QVERIFY2(!model.lastError().isError(), qPrintable(model.lastError().toString()));

        const auto row = [&](int n) { return model.rowOf(demoCollection(n)); };
        const auto at = [&](int n, int role) { return model.index(row(n)).data(role); };
        if (v048()) {
            QCOMPARE(model.rowCount(), 4);
            for (int n = 1; n <= 4; ++n)
                QVERIFY2(row(n) >= 0, qPrintable(demoCollection(n)));
            // Collections 1 and 3 are the CLI's, 2 and 4 the SDK's (with a name).
            QCOMPARE(at(1, CollectionListModel::ModelsRole).toStringList(), QStringList{"cli"});
            QCOMPARE(at(2, CollectionListModel::ModelsRole).toStringList(), QStringList{"sdk"});
            QCOMPARE(at(2, Qt::DisplayRole).toString(), QStringLiteral("Coastal imagery"));
            QCOMPARE(at(1, Qt::DisplayRole).toString(),
                     CollectionRecord::fallbackName(demoCollection(1)));
            QCOMPARE(at(1, CollectionListModel::MemberCountRole).toInt(), 4);
            QCOMPARE(at(2, CollectionListModel::MemberCountRole).toInt(), 3);
            QCOMPARE(at(3, CollectionListModel::MemberCountRole).toInt(), 5);
            QCOMPARE(at(4, CollectionListModel::MemberCountRole).toInt(), 2);
        } else {
            QCOMPARE(model.rowCount(), 2);
            for (int n = 1; n <= 2; ++n) {
                QVERIFY2(row(n) >= 0, qPrintable(demoCollection(n)));
                QCOMPARE(at(n, CollectionListModel::ModelsRole).toStringList(),
                         QStringList{"in_collection"});
                QCOMPARE(at(n, CollectionListModel::MemberCountRole).toInt(), 3);
            }
        }
        // Each row's members are what the server's records of that collection name.
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString id = model.index(r).data(CollectionListModel::IdRole).toString();
            QCOMPARE(model.index(r).data(CollectionListModel::MembersRole).toStringList(),
                     membersOnServer(c.get(), id));
        }
        // A refresh with nothing new changes nothing.
        const int rows = model.rowCount();
        QSignalSpy loaded(&model, &CollectionListModel::loaded);
        model.refresh();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(reset.size(), 0);
    }

    void browsesOneCollection()
    {
        auto c = connect();
        QVERIFY(c);
        const QString collection = demoCollection(2);
        const QStringList expected = membersOnServer(c.get(), collection);
        QCOMPARE(expected.size(), 3);
        CollectionArtifactsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConnection(c.get());
        QSignalSpy members(&model, &CollectionArtifactsModel::membersLoaded);
        model.setCollection(collection);
        QVERIFY(members.wait(20000));
        QCOMPARE(model.rowCount(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.idAt(r), expected.at(r));
            const QModelIndex status = model.index(r, ArtifactListModel::StatusColumn);
            QCOMPARE(status.data().toString(), QStringLiteral("ready"));
            QVERIFY(!model.index(r, 0).data(ArtifactListModel::NameRole).toString().isEmpty());
        }
        // Another collection: the rows are replaced without a reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setCollection(demoCollection(1));
        QVERIFY(members.wait(20000));
        QCOMPARE(model.rowCount(), 3 + (v048() ? 1 : 0));
        QCOMPARE(reset.size(), 0);
        // An unknown collection is empty, not an error.
        model.setCollection(QStringLiteral("urn:ivcap:collection:nothing-here"));
        QVERIFY(members.wait(20000));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.lastError().isError());
    }

    void anUploadJoinsAnExistingCollection()
    {
        auto c = connect();
        QVERIFY(c);
        // v0.48: a collection the CLI keeps, so both models are written.
        const QString collection = demoCollection(1);
        TransferQueueModel queue(c.get(), QString());
        QAbstractItemModelTester tester(&queue,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        CollectionArtifactsModel browsing;
        browsing.setConnection(c.get());
        QSignalSpy members(&browsing, &CollectionArtifactsModel::membersLoaded);
        browsing.setCollection(collection);
        QVERIFY(members.wait(20000));
        const int before = browsing.rowCount();

        const int row = upload(queue, collection, "into an existing collection\n");
        QVERIFY(row >= 0);
        const QModelIndex index = queue.index(row);
        QCOMPARE(index.data(TransferQueueModel::StateRole).toInt(), int(TransferState::Done));
        QVERIFY2(index.data(TransferQueueModel::MembershipRole).toInt() ==
                     TransferQueueModel::MembershipWritten,
                 qPrintable(index.data(TransferQueueModel::MembershipErrorRole).toString()));
        const QString artifact = index.data(TransferQueueModel::ArtifactIdRole).toString();
        QVERIFY(artifact.startsWith("urn:ivcap:artifact:"));

        // The server's records say so, in each model the dialect's clients read.
        QVERIFY(membersOnServer(c.get(), collection).contains(artifact));
        if (v048()) {
            const QJsonArray items = records(c.get(), collection, CollectionRecord::kItemSchema);
            QCOMPARE(items.size(), 1);
            QCOMPARE(items.at(0)["content"]["item"].toString(), artifact);
            const QJsonArray lists =
                records(c.get(), collection, CollectionRecord::kArtifactListSchema);
            QCOMPARE(lists.size(), 1); // replaced, not added beside the old list
            const QJsonArray listed = lists.at(0)["content"]["artifacts"].toArray();
            QCOMPARE(listed.size(), 5);
            QCOMPARE(listed.last().toString(), artifact);
        } else {
            const QJsonArray recs =
                records(c.get(), collection, CollectionRecord::kInCollectionSchema);
            QCOMPARE(recs.size(), 4);
            bool found = false;
            for (const QJsonValue &r : recs)
                found = found || r["aspect"]["artifact"].toString() == artifact;
            QVERIFY(found);
        }
        // The browsed collection follows the app's own write.
        QTRY_COMPARE_WITH_TIMEOUT(browsing.rowCount(), before + 1, 20000);
        QCOMPARE(browsing.idAt(before), artifact);

        // Writing the same membership again adds nothing.
        const int count = membersOnServer(c.get(), collection).size();
        CollectionMembership again(c.get(), collection, artifact);
        QSignalSpy done(&again, &CollectionMembership::finished);
        again.start();
        QVERIFY(done.wait(20000));
        QCOMPARE(membersOnServer(c.get(), collection).size(), count);
        if (v048())
            QCOMPARE(records(c.get(), collection, CollectionRecord::kItemSchema).size(), 1);
        else
            QCOMPARE(records(c.get(), collection, CollectionRecord::kInCollectionSchema).size(), 4);
    }

    void anUploadStartsANewCollection()
    {
        auto c = connect();
        QVERIFY(c);
        CollectionListModel list;
        QAbstractItemModelTester tester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        list.setConnection(c.get());
        QVERIFY(waitLoaded(list));
        const int before = list.rowCount();

        const QString collection = QStringLiteral("urn:ivcap:collection:") +
                                   QUuid::createUuid().toString(QUuid::WithoutBraces);
        TransferQueueModel queue(c.get(), QString());
        const int row = upload(queue, collection, "the first of a new collection\n");
        QVERIFY(row >= 0);
        const QModelIndex index = queue.index(row);
        QVERIFY2(index.data(TransferQueueModel::MembershipRole).toInt() ==
                     TransferQueueModel::MembershipWritten,
                 qPrintable(index.data(TransferQueueModel::MembershipErrorRole).toString()));
        const QString artifact = index.data(TransferQueueModel::ArtifactIdRole).toString();
        QCOMPARE(membersOnServer(c.get(), collection), QStringList{artifact});
        if (v048()) // the SDK's create writes a definition; the app does the same
            QCOMPARE(records(c.get(), collection, CollectionRecord::kDefinitionSchema).size(), 1);

        // The list follows the app's own writes and grows by the new collection.
        QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), before + 1, 20000);
        const QModelIndex added = list.index(list.rowOf(collection));
        QVERIFY(added.isValid());
        QCOMPARE(added.data(CollectionListModel::MemberCountRole).toInt(), 1);
    }

    void aFailedMembershipIsReportedOnTheTransferAndRetried()
    {
        auto c = connect();
        QVERIFY(c);
        TransferQueueModel queue(c.get(), QString());
        // A collection id the deployment cannot take: the upload is done, the membership not.
        const int row = upload(queue, QStringLiteral("not a urn"), "kept\n");
        QVERIFY(row >= 0);
        const QModelIndex index = queue.index(row);
        QCOMPARE(index.data(TransferQueueModel::StateRole).toInt(), int(TransferState::Done));
        QCOMPARE(index.data(TransferQueueModel::MembershipRole).toInt(),
                 int(TransferQueueModel::MembershipFailed));
        QVERIFY(index.data(TransferQueueModel::MembershipErrorRole).toString().contains("URN"));
        QVERIFY(!index.data(TransferQueueModel::ArtifactIdRole).toString().isEmpty());
        // Retrying writes it again (and reports again).
        QSignalSpy changed(&queue, &QAbstractItemModel::dataChanged);
        queue.resume(row);
        QCOMPARE(index.data(TransferQueueModel::MembershipRole).toInt(),
                 int(TransferQueueModel::MembershipPending));
        QTRY_COMPARE_WITH_TIMEOUT(index.data(TransferQueueModel::MembershipRole).toInt(),
                                  int(TransferQueueModel::MembershipFailed), 20000);
    }
};

IVCAP_DIALECT_TEST_MAIN(TestCollections)
#include "tst_collections.moc"
