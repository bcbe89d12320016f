#pragma once

#include "entitylistmodel.h"

#include <QList>

namespace ivcap {

// "My jobs" across services, newest first and paged (v0.48). There is no REST list of jobs
// across services, so, as the CLI does, the model reads the job aspects the platform keeps
// current for every job (`GET /1/aspects?schema=urn:ivcap:schema:job.2&include-content=true
// &order-by=requested-at&order-direction=DESC`). A row is a job: its id is the job URN (the
// aspect's id changes whenever the job does, so a refresh updates rows in place), and it
// carries the service id JobDetails needs (ServiceIdRole).
class MyJobsModel : public EntityListModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StatusColumn,
        ServiceColumn,
        RequestedAtColumn,
        FinishedAtColumn,
        IdColumn,
        ColumnCount
    };
    enum Roles { ServiceIdRole = UserRoleBase };

    static constexpr QLatin1String JobSchema{"urn:ivcap:schema:job.2"};

    explicit MyJobsModel(QObject *parent = nullptr);

    QString serviceIdAt(int row) const;

protected:
    int storedRows() const override { return int(m_rows.size()); }
    void appendRow(const QJsonObject &item) override;
    void insertRowAt(int row, const QJsonObject &item) override { m_rows.insert(row, parse(item)); }
    void removeStoredRows(int first, int count) override { m_rows.remove(first, count); }
    bool updateRow(int row, const QJsonObject &item) override;
    void clearRows() override { m_rows.clear(); }
    QString rowId(int row) const override { return m_rows.at(row).id; }
    QString itemId(const QJsonObject &item) const override;
    QStringList headers() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant status(int row) const override { return m_rows.at(row).status; }
    QVariant extraData(int row, int column, int role) const override;
    QJsonObject rawJson(int row) const override;

private:
    struct Row
    {
        QString id; // the job URN
        QString name;
        QString status; // interned
        QString serviceId;
        QString serviceName;
        QDateTime requestedAt;
        QDateTime finishedAt;
        QByteArray item; // the aspect as listed, compact JSON
        bool operator==(const Row &) const = default;
    };
    static Row parse(const QJsonObject &item);
    static QJsonObject contentOf(const QJsonObject &item);

    QList<Row> m_rows;
};

} // namespace ivcap
