#pragma once

// What the Aspects page tests share: a page over a sandbox in one API dialect, and calls that
// write and read aspects the way that dialect does (core/api/aspectcalls).
#include "api/apicalls.h"
#include "api/aspectcalls.h"
#include "api/connection.h"
#include "aspect/aspecttreemodel.h"
#include "aspecteditor.h"
#include "metadatahistory.h"
#include "metadatapage.h"
#include "models/metadatalistmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QUuid>

namespace aspecttest {

using namespace ivcap;
using namespace ivcap::ui;

inline const QString InCollection = QStringLiteral("urn:common:schema:in_collection.1");

inline QString newEntity()
{
    return QStringLiteral("urn:ivcap:collection:") +
           QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QJsonObject memberAspect(const QString &artifact)
{
    return {{QStringLiteral("$schema"), InCollection},
            {QStringLiteral("artifact"), artifact},
            {QStringLiteral("collection"), QStringLiteral("urn:ivcap:collection:demo")}};
}

// Calls against the sandbox, run to their end; an empty document means the call failed.
struct Calls
{
    QJsonDocument call(ApiRequest *request)
    {
        QSignalSpy finished(request, &ApiRequest::finished);
        QSignalSpy failed(request, &ApiRequest::failed);
        request->start();
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000) ||
            !failed.isEmpty())
            return {};
        const QJsonDocument doc = finished.first().first().value<QJsonDocument>();
        return doc.isNull() ? QJsonDocument(QJsonObject()) : doc;
    }

    // The live records of an entity, as the dialect lists them.
    QJsonArray activeRecords(Connection *c, const QString &entity)
    {
        ListQuery query;
        query.entityId = entity;
        return c->dialect().pageItems(
            EntityKind::Aspects,
            call(Api::listEntities(c, EntityKind::Aspects, query, QString(), nullptr)).object(),
            QUrl(), nullptr);
    }
    static QString idOf(Connection *c, const QJsonValue &item)
    {
        return item.toObject()
            .value(c->dialect().key(EntityKind::Aspects, Field::RecordId))
            .toString();
    }
    static QJsonObject contentOf(Connection *c, const QJsonValue &item)
    {
        return item.toObject()
            .value(c->dialect().key(EntityKind::Aspects, Field::AspectContent))
            .toObject();
    }
    QJsonObject readRecord(Connection *c, const QString &id)
    {
        return call(Api::readEntity(c, EntityKind::Aspects, id, nullptr)).object();
    }

    QString recordIdOf(const QJsonDocument &reply) { return Api::writtenRecordId(reply); }

    QString addAspect(Connection *c, const QString &entity, const QJsonObject &content)
    {
        return recordIdOf(call(Api::addAspect(c, entity, QString(), content, QString(), nullptr)));
    }

    QString addMember(Connection *c, const QString &entity)
    {
        return addAspect(c, entity, memberAspect(QStringLiteral("urn:a:1")));
    }

    // at-time has millisecond resolution: waits until a moment after `id` became valid.
    bool waitPastValidFrom(Connection *c, const QString &id)
    {
        const QDateTime from = QDateTime::fromString(
            readRecord(c, id).value(QStringLiteral("valid-from")).toString(), Qt::ISODateWithMs);
        return from.isValid() &&
               QTest::qWaitFor([&] { return QDateTime::currentDateTimeUtc() > from.addMSecs(2); },
                               5000);
    }
};

// The page over its own connection, model and sandbox, with every model under test.
struct PageFixture
{
    Connection connection;
    MetadataListModel model;
    MetadataPage page;
    QAbstractItemModelTester modelTester;
    QAbstractItemModelTester historyTester;
    QAbstractItemModelTester treeTester;
    QAbstractItemModelTester tableTester; // the rows as shown, with content summaries
    PageFixture(const QUrl &url, const QString &token, const QString &api)
        : connection(url, token), model(EntityKind::Aspects, nullptr),
          page((connection.setApiVersion(api), &connection), &model),
          modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest),
          historyTester(page.history()->model(),
                        QAbstractItemModelTester::FailureReportingMode::QtTest),
          treeTester(page.editor()->model(),
                     QAbstractItemModelTester::FailureReportingMode::QtTest),
          tableTester(page.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        page.schemaRegistry()->addDirectory(QStringLiteral(IVCAP_SCHEMA_DIR));
        page.editor()->setSchemaRegistry(page.schemaRegistry());
        model.setConnection(&connection);
        page.resize(1400, 900);
        page.show();
    }
    bool searchEntity(const QString &entity, int rows)
    {
        page.entityField()->setText(entity);
        QTest::keyClick(page.entityField(), Qt::Key_Return);
        return QTest::qWaitFor([&] { return !model.isLoading() && model.rowCount() == rows; },
                               20000);
    }
    bool select(int row)
    {
        QSignalSpy loaded(page.editor(), &AspectEditor::recordLoaded);
        page.table()->setCurrentIndex(page.table()->model()->index(row, 0));
        return loaded.wait(20000);
    }
};

} // namespace aspecttest
