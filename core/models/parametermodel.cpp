#include "parametermodel.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ivcap {

namespace {
const QStringList knownTypes{QStringLiteral("string"),    QStringLiteral("int"),
                             QStringLiteral("float"),     QStringLiteral("bool"),
                             QStringLiteral("option"),    QStringLiteral("artifact"),
                             QStringLiteral("collection")};
}

ParameterModel::ParameterModel(QObject *parent) : QAbstractTableModel(parent) {}

ParameterModel::Parameter ParameterModel::parse(const QJsonObject &d)
{
    Parameter p;
    p.name = d.value(QLatin1String("name")).toString();
    p.label = d.value(QLatin1String("label")).toString();
    p.type = d.value(QLatin1String("type")).toString();
    // Unknown types are treated as strings (as PROTOCOL.md §6 recommends), never fatal.
    if (!knownTypes.contains(p.type))
        p.type = QStringLiteral("string");
    p.unit = d.value(QLatin1String("unit")).toString();
    p.defaultValue = d.value(QLatin1String("default")).toString();
    p.description = d.value(QLatin1String("description")).toString();
    p.optional = d.value(QLatin1String("optional")).toBool();
    p.constant = d.value(QLatin1String("constant")).toBool();
    for (const QJsonValue &o : d.value(QLatin1String("options")).toArray()) {
        p.optionValues.append(o.toObject().value(QLatin1String("value")).toString());
        p.optionDescriptions.append(o.toObject().value(QLatin1String("description")).toString());
    }
    return p;
}

void ParameterModel::setDefinitions(const QJsonArray &definitions)
{
    QList<Parameter> fresh;
    for (const QJsonValue &v : definitions)
        fresh.append(parse(v.toObject()));
    bool sameNames = fresh.size() == m_parameters.size();
    for (int i = 0; sameNames && i < fresh.size(); ++i)
        sameNames = fresh.at(i).name == m_parameters.at(i).name;
    if (!sameNames) {
        beginResetModel();
        m_parameters = fresh;
        endResetModel();
        return;
    }
    for (int i = 0; i < fresh.size(); ++i) {
        if (fresh.at(i) == m_parameters.at(i))
            continue;
        m_parameters[i] = fresh.at(i);
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

int ParameterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_parameters.size());
}

int ParameterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParameterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Parameter &p = m_parameters.at(index.row());
    if (role == MandatoryRole)
        return p.mandatory();
    if (role == OptionValuesRole)
        return p.optionValues;
    if (role == Qt::ToolTipRole)
        return p.description.isEmpty() ? QVariant() : QVariant(p.description);
    if (role != Qt::DisplayRole && role != RawValueRole)
        return QVariant();
    // Flags are words for people and booleans for code.
    const auto flag = [role](bool on) {
        return role == RawValueRole
                   ? QVariant(on)
                   : QVariant(on ? QCoreApplication::translate("ivcap::ParameterModel", "Yes")
                                 : QCoreApplication::translate("ivcap::ParameterModel", "No"));
    };
    switch (index.column()) {
    case NameColumn:
        return p.name;
    case LabelColumn:
        return p.label.isEmpty() ? p.name : p.label;
    case TypeColumn:
        return p.type;
    case UnitColumn:
        return p.unit;
    case DefaultColumn:
        return p.defaultValue;
    case OptionalColumn:
        return flag(!p.mandatory());
    case ConstantColumn:
        return flag(p.constant);
    case OptionsColumn:
        return role == RawValueRole ? QVariant(p.optionValues)
                                    : QVariant(p.optionValues.join(QStringLiteral(", ")));
    case DescriptionColumn:
        return p.description;
    default:
        return QVariant();
    }
}

QVariant ParameterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *names[] = {"Name",     "Label",    "Type",    "Unit",       "Default",
                                  "Optional", "Constant", "Options", "Description"};
    if (section < 0 || section >= ColumnCount)
        return QVariant();
    return QCoreApplication::translate("ivcap::ParameterModel", names[section]);
}

} // namespace ivcap
