#include "orderformmodel.h"

#include <QRegularExpression>

#include <QCoreApplication>
#include <QVariantMap>
#include <QtNumeric>

namespace ivcap {

namespace {
// Echoed artifact parameters carry this prefix (PROTOCOL.md §3.2); the CLI strips it too.
const QLatin1String kArtifactLocalPrefix("http://artifact.local/");

QString trForm(const char *text)
{
    return QCoreApplication::translate("ivcap::OrderFormModel", text);
}

bool isArtifactReference(const QString &v)
{
    return v.startsWith(QLatin1String("urn:ivcap:artifact:")) ||
           v.startsWith(QLatin1String("http://")) || v.startsWith(QLatin1String("https://")) ||
           v.startsWith(QLatin1String("urn:http://")) ||
           v.startsWith(QLatin1String("urn:https://"));
}
} // namespace

OrderFormModel::OrderFormModel(QObject *parent) : QAbstractListModel(parent) {}

void OrderFormModel::setParameters(const QJsonArray &parameters)
{
    QList<ParameterDefinition> defs;
    for (const QJsonValue &p : parameters)
        defs.append(ParameterDefinition::fromJson(p.toObject()));
    setDefinitions(defs);
}

void OrderFormModel::setDefinitions(const QList<ParameterDefinition> &definitions)
{
    beginResetModel();
    m_rows.clear();
    for (const ParameterDefinition &def : definitions) {
        Row row{def, def.defaultValue, QString()};
        row.error = validate(def, row.value);
        m_rows.append(row);
    }
    endResetModel();
    updateValidity();
}

int OrderFormModel::rowForName(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).def.name == name)
            return i;
    }
    return -1;
}

int OrderFormModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant OrderFormModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ParameterDefinition &def = row.def;
    switch (role) {
    case Qt::DisplayRole:
        return def.label.isEmpty() ? def.name : def.label;
    case Qt::EditRole:
    case ValueRole:
        return row.value;
    case Qt::ToolTipRole:
        return row.error.isEmpty() ? def.description : row.error;
    case NameRole:
        return def.name;
    case LabelRole:
        return def.label;
    case TypeRole:
        return ParameterDefinition::typeToString(def.type);
    case UnitRole:
        return def.unit;
    case DescriptionRole:
        return def.description;
    case DefaultValueRole:
        return def.defaultValue;
    case OptionsRole: {
        QVariantList list;
        for (const ParameterOption &o : def.options)
            list.append(QVariantMap{{QStringLiteral("value"), o.value},
                                    {QStringLiteral("description"), o.description}});
        return list;
    }
    case MandatoryRole:
        return def.isMandatory();
    case ConstantRole:
        return def.constant;
    case ErrorMessageRole:
        return row.error;
    case ValidRole:
        return row.error.isEmpty();
    case DiffersFromDefaultRole:
        return row.value != def.defaultValue;
    default:
        return {};
    }
}

bool OrderFormModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (role != Qt::EditRole && role != ValueRole)
        return false;
    Row &row = m_rows[index.row()];
    if (row.def.constant)
        return false; // provider-set, never editable
    // Booleans arrive from check boxes as QVariant(bool); keep the wire spelling.
    const QString text = value.typeId() == QMetaType::Bool
                             ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                             : value.toString();
    if (text == row.value)
        return true;
    row.value = text;
    row.error = validate(row.def, text);
    Q_EMIT dataChanged(index, index);
    updateValidity();
    return true;
}

Qt::ItemFlags OrderFormModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid() && !m_rows.at(index.row()).def.constant)
        f |= Qt::ItemIsEditable;
    return f;
}

QHash<int, QByteArray> OrderFormModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{NameRole, "name"},
                  {LabelRole, "label"},
                  {TypeRole, "type"},
                  {UnitRole, "unit"},
                  {DescriptionRole, "description"},
                  {ValueRole, "value"},
                  {DefaultValueRole, "defaultValue"},
                  {OptionsRole, "options"},
                  {MandatoryRole, "mandatory"},
                  {ConstantRole, "constant"},
                  {ErrorMessageRole, "errorMessage"},
                  {ValidRole, "valid"},
                  {DiffersFromDefaultRole, "differsFromDefault"}});
    return names;
}

bool OrderFormModel::setValue(const QString &name, const QString &value)
{
    const int row = rowForName(name);
    return row >= 0 && setData(index(row), value, ValueRole);
}

QString OrderFormModel::value(const QString &name) const
{
    const int row = rowForName(name);
    return row >= 0 ? m_rows.at(row).value : QString();
}

void OrderFormModel::setOrderName(const QString &name)
{
    if (name == m_orderName)
        return;
    m_orderName = name;
    Q_EMIT orderNameChanged(name);
}

bool OrderFormModel::isValid() const
{
    return m_valid;
}

QList<OrderFormModel::FieldError> OrderFormModel::errors() const
{
    QList<FieldError> list;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).error.isEmpty())
            list.append({i, m_rows.at(i).def.name, m_rows.at(i).error});
    }
    return list;
}

std::optional<QJsonObject> OrderFormModel::toOrderRequest(const QString &serviceId,
                                                          const QString &accountId) const
{
    if (!isValid())
        return std::nullopt;
    QJsonArray parameters;
    for (const Row &row : m_rows) {
        // Constants are fixed by the provider; empty optionals are simply left out.
        if (row.def.constant || row.value.isEmpty())
            continue;
        parameters.append(QJsonObject{{QStringLiteral("name"), row.def.name},
                                      {QStringLiteral("value"), row.value}});
    }
    QJsonObject request{{QStringLiteral("service-id"), serviceId},
                        {QStringLiteral("parameters"), parameters}};
    if (!m_orderName.trimmed().isEmpty())
        request.insert(QStringLiteral("name"), m_orderName.trimmed());
    if (!accountId.isEmpty())
        request.insert(QStringLiteral("account-id"), accountId);
    return request;
}

void OrderFormModel::prefill(const QJsonArray &orderParameters)
{
    for (const QJsonValue &p : orderParameters) {
        const QJsonObject o = p.toObject();
        const int row = rowForName(o.value(QLatin1String("name")).toString());
        if (row < 0 || m_rows.at(row).def.constant)
            continue; // the service no longer defines it, or it is not ours to set
        QString v = o.value(QLatin1String("value")).toString();
        if (v.startsWith(kArtifactLocalPrefix))
            v = v.mid(kArtifactLocalPrefix.size());
        setData(index(row), v, ValueRole);
    }
}

QString OrderFormModel::validate(const ParameterDefinition &def, const QString &value)
{
    if (def.constant)
        return {};
    if (value.isEmpty())
        return def.isMandatory() ? trForm("A value is required.") : QString();
    switch (def.type) {
    case ParameterDefinition::Type::Int: {
        // Any size: the value travels as the text typed (no trimming: the server parses the
        // string as sent), so a 64-bit limit here would refuse what the service accepts.
        static const QRegularExpression integer(QStringLiteral("^[+-]?\\d+$"));
        return integer.match(value).hasMatch() ? QString() : trForm("Enter a whole number.");
    }
    case ParameterDefinition::Type::Float: {
        // Decimal text of any size and precision (1e400 has no double, but is a number).
        static const QRegularExpression number(
            QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
        return number.match(value).hasMatch() ? QString() : trForm("Enter a number.");
    }
    case ParameterDefinition::Type::Bool:
        return (value == QLatin1String("true") || value == QLatin1String("false"))
                   ? QString()
                   : trForm("Enter true or false.");
    case ParameterDefinition::Type::Option:
        for (const ParameterOption &o : def.options) {
            if (o.value == value)
                return {};
        }
        return trForm("Choose one of the offered options.");
    case ParameterDefinition::Type::Artifact:
        return isArtifactReference(value)
                   ? QString()
                   : trForm("Enter an artifact URN (urn:ivcap:artifact:…) or an http(s) URL.");
    case ParameterDefinition::Type::Collection:
        return value.startsWith(QLatin1String("urn:")) ? QString()
                                                       : trForm("Enter a collection URN (urn:…).");
    case ParameterDefinition::Type::String:
        break;
    }
    return {};
}

void OrderFormModel::updateValidity()
{
    bool valid = true;
    for (const Row &row : m_rows)
        valid = valid && row.error.isEmpty();
    if (valid == m_valid)
        return;
    m_valid = valid;
    Q_EMIT validChanged(valid);
}

} // namespace ivcap
