#pragma once

#include "entitylistmodel.h"

#include <QList>

namespace ivcap {

// The services (GET /1/services on v0.28, /1/services2 where there are jobs): name,
// description, provider (v0.28), id. Tags, controller schema, score and anything else the
// server sends are kept with the row (RawJsonRole).
class ServiceListModel : public EntityListModel
{
    Q_OBJECT
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY queryChanged)
public:
    enum Column { NameColumn, DescriptionColumn, ProviderColumn, IdColumn, ColumnCount };

    explicit ServiceListModel(QObject *parent = nullptr);

    // PROTOCOL.md §5 and the sandbox: name, id.
    QString orderField(int column) const override;
    // The free-text search of deployments that have it (v0.48): a change starts a new query
    // whose results come in the server's `score` order. Other deployments ignore it.
    QString search() const { return query().search; }
    void setSearch(const QString &search);

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
