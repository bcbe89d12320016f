#pragma once

#include "entitylistmodel.h"

#include <QList>

namespace ivcap {

// GET /1/artifacts, one compact row per artifact (the model may hold 100,000 of them).
class ArtifactListModel : public EntityListModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, MimeTypeColumn, SizeColumn, StatusColumn, IdColumn, ColumnCount };
    enum Roles { SizeRole = UserRoleBase, MimeTypeRole, NameRole };

    explicit ArtifactListModel(QObject *parent = nullptr);

    // PROTOCOL.md §5 and the sandbox: name, status, id.
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
    QVariant extraData(int row, int column, int role) const override;

private:
    struct Row
    {
        QString id;
        QString name;
        QString mimeType; // interned
        QString status;   // interned; unknown values kept as sent
        qint64 size = 0;
        QByteArray extras; // links and any field we do not model
        bool operator==(const Row &) const = default;
    };
    static Row parse(const QJsonObject &item);

    QList<Row> m_rows;
};

} // namespace ivcap
