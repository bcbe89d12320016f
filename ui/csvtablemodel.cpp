#include "csvtablemodel.h"

namespace ivcap::ui {

CsvTableModel::CsvTableModel(QObject *parent) : QAbstractTableModel(parent) {}

QList<QStringList> CsvTableModel::parse(const QString &text, QChar delimiter, int maxRecords,
                                        bool *unterminated)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    const qsizetype n = text.size();
    auto endRecord = [&] {
        record.append(field);
        field.clear();
        fieldStarted = false;
        // A blank line is no record.
        if (!(record.size() == 1 && record.first().isEmpty()))
            records.append(record);
        record.clear();
    };
    qsizetype i = 0;
    for (; i < n; ++i) {
        if (maxRecords >= 0 && records.size() >= maxRecords)
            break;
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"') && !fieldStarted) {
            inQuotes = true;
            fieldStarted = true;
        } else if (c == delimiter) {
            record.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            endRecord();
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    const bool partial = i >= n && (inQuotes || fieldStarted || !record.isEmpty());
    if (partial)
        endRecord();
    if (unterminated)
        *unterminated = partial;
    return records;
}

void CsvTableModel::setCsv(const QString &text, bool complete, QChar delimiter)
{
    beginResetModel();
    bool unterminated = false;
    // One more record than shown, to know whether the cap cut anything off.
    QList<QStringList> records = parse(text, delimiter, m_maxRows + 2, &unterminated);
    m_truncated = !complete || records.size() > m_maxRows + 1;
    // The head of a longer file ends somewhere inside its last record.
    if (!complete && unterminated && records.size() > 1)
        records.removeLast();
    m_header = records.isEmpty() ? QStringList() : records.takeFirst();
    if (records.size() > m_maxRows)
        records.resize(m_maxRows);
    m_rows = std::move(records);
    m_columns = int(m_header.size());
    for (const QStringList &row : std::as_const(m_rows))
        m_columns = qMax(m_columns, int(row.size()));
    endResetModel();
}

void CsvTableModel::clear()
{
    beginResetModel();
    m_header.clear();
    m_rows.clear();
    m_columns = 0;
    m_truncated = false;
    endResetModel();
}

int CsvTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CsvTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant CsvTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QVariant();
    const QStringList &row = m_rows.at(index.row());
    return index.column() < row.size() ? row.at(index.column()) : QString();
}

QVariant CsvTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QVariant();
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section >= 0 && section < m_header.size() && !m_header.at(section).isEmpty())
        return m_header.at(section);
    return tr("Column %1").arg(section + 1);
}

} // namespace ivcap::ui
