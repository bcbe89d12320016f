#pragma once

#include "entitylistmodel.h"

#include <QList>

namespace ivcap {

// The jobs of one service (v0.48: GET /1/services2/{service}/jobs): name, status, times,
// service, order, id. Unknown fields and statuses are kept. Setting the service starts a new
// query; without one the model stays empty.
class JobListModel : public EntityListModel
{
    Q_OBJECT
    Q_PROPERTY(QString serviceId READ serviceId WRITE setServiceId NOTIFY queryChanged)
public:
    enum Column {
        NameColumn,
        StatusColumn,
        StartedAtColumn,
        FinishedAtColumn,
        ServiceColumn,
        IdColumn,
        ColumnCount
    };

    explicit JobListModel(QObject *parent = nullptr);

    QString serviceId() const { return scope(); }
    void setServiceId(const QString &serviceId) { setScope(serviceId); }
    bool canFetchMore(const QModelIndex &parent) const override;

protected:
    int storedRows() const override { return int(m_rows.size()); }
    void appendRow(const QJsonObject &item) override;
    void insertRowAt(int row, const QJsonObject &item) override { m_rows.insert(row, parse(item)); }
    void removeStoredRows(int first, int count) override { m_rows.remove(first, count); }
    bool updateRow(int row, const QJsonObject &item) override;
    void clearRows() override { m_rows.clear(); }
    QString rowId(int row) const override { return m_rows.at(row).id; }
    QStringList headers() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant status(int row) const override { return m_rows.at(row).status; }
    QJsonObject rawJson(int row) const override;

private:
    struct Row
    {
        QString id;
        QString name;
        QString status; // interned
        QString service;
        QDateTime startedAt;
        QDateTime finishedAt;
        QByteArray extras; // order, href and anything unknown
        bool operator==(const Row &) const = default;
    };
    static Row parse(const QJsonObject &item);

    QList<Row> m_rows;
};

} // namespace ivcap
