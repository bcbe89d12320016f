#pragma once

#include "entitylistmodel.h"

#include <QDateTime>
#include <QList>

namespace ivcap {

// GET /1/orders: name, status, ordered-at, started-at, finished-at, service-id.
class OrderListModel : public EntityListModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StatusColumn,
        OrderedAtColumn,
        StartedAtColumn,
        FinishedAtColumn,
        ServiceColumn,
        ColumnCount
    };

    explicit OrderListModel(QObject *parent = nullptr);

    static bool isTerminal(const QString &status);

    // PROTOCOL.md §5 and the sandbox: name, status, ordered-at.
    QString orderField(int column) const override;

protected:
    int storedRows() const override { return int(m_rows.size()); }
    void appendRow(const QJsonObject &item) override;
    bool updateRow(int row, const QJsonObject &item) override;
    void clearRows() override { m_rows.clear(); }
    void insertRowAt(int row, const QJsonObject &item) override { m_rows.insert(row, parse(item)); }
    void removeStoredRows(int first, int count) override { m_rows.remove(first, count); }
    QString rowId(int row) const override { return m_rows.at(row).id; }
    QStringList headers() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant status(int row) const override { return m_rows.at(row).status; }
    QJsonObject rawJson(int row) const override;
    QList<int> nameColumns() const override { return {ServiceColumn}; }

private:
    struct Row
    {
        QString id;
        QString name;
        QString status; // interned; unknown values kept
        QString serviceId;
        bool serviceUrnKey = false; // read from `service` (v0.30+) rather than `service-id`
        QDateTime orderedAt;
        QDateTime startedAt;
        QDateTime finishedAt;
        QByteArray extras;
        bool operator==(const Row &) const = default;
    };
    Row parse(const QJsonObject &item) const;

    QList<Row> m_rows;
};

} // namespace ivcap
