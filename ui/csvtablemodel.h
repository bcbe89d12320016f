#pragma once

#include <QAbstractTableModel>
#include <QStringList>

namespace ivcap::ui {

// A read-only table over CSV text (RFC 4180: quoted fields, "" inside quotes, line breaks inside
// quotes, CRLF or LF). The first record is the header. Rows are capped so a preview of a large
// file stays responsive; a cut-off last record (the preview holds only the head of a file) is
// dropped rather than shown half.
class CsvTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxRows = 10000;

    explicit CsvTableModel(QObject *parent = nullptr);

    // `complete` is false when `text` is only the head of a longer file.
    void setCsv(const QString &text, bool complete = true, QChar delimiter = QLatin1Char(','));
    void clear();
    void setMaxRows(int rows) { m_maxRows = rows; }
    // True when rows were left out (the cap, or an incomplete file).
    bool isTruncated() const { return m_truncated; }

    // Splits CSV text into records of fields. *unterminated tells whether the last record
    // returned runs up to the end of the text (no line break after it, or an open quote), i.e.
    // may be cut off when the text is only the head of a file.
    static QList<QStringList> parse(const QString &text, QChar delimiter = QLatin1Char(','),
                                    int maxRecords = -1, bool *unterminated = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
    int m_columns = 0;
    int m_maxRows = DefaultMaxRows;
    bool m_truncated = false;
};

} // namespace ivcap::ui
