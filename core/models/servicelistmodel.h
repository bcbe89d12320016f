#pragma once

#include "entitylistmodel.h"

#include <QList>

namespace ivcap {

// GET /1/services: name, description, provider, id.
class ServiceListModel : public EntityListModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DescriptionColumn, ProviderColumn, IdColumn, ColumnCount };

    explicit ServiceListModel(QObject *parent = nullptr);

    // PROTOCOL.md §5 and the sandbox: name, id.
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
    QJsonObject rawJson(int row) const override;

private:
    struct Row
    {
        QString id;
        QString name;
        QString description;
        QString providerId;
        QByteArray extras;
        bool operator==(const Row &) const = default;
    };
    static Row parse(const QJsonObject &item);

    QList<Row> m_rows;
};

} // namespace ivcap
