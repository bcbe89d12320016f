#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QList>

namespace ivcap {

// The ParameterDefT list of a service, one row per parameter.
class ParameterModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        LabelColumn,
        TypeColumn,
        UnitColumn,
        DefaultColumn,
        OptionalColumn,
        ConstantColumn,
        OptionsColumn,
        DescriptionColumn,
        ColumnCount
    };
    enum Roles { MandatoryRole = Qt::UserRole + 1, OptionValuesRole, RawValueRole };

    struct Parameter
    {
        QString name, label, type, unit, defaultValue, description;
        QStringList optionValues;
        QStringList optionDescriptions;
        bool optional = false;
        bool constant = false;
        // The SDK's "HACK": a non-empty default also makes a parameter optional.
        bool mandatory() const { return !optional && defaultValue.isEmpty() && !constant; }
        bool operator==(const Parameter &) const = default;
    };

    explicit ParameterModel(QObject *parent = nullptr);

    // Rows that stay are updated with dataChanged; only a different parameter list resets.
    void setDefinitions(const QJsonArray &definitions);
    const QList<Parameter> &parameters() const { return m_parameters; }
    static Parameter parse(const QJsonObject &definition);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Parameter> m_parameters;
};

} // namespace ivcap
