#pragma once

#include "parameterdefinition.h"

#include <QAbstractListModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace ivcap {

// The order form as a model: one row per service parameter, its value held as the wire string
// (PROTOCOL.md §6: values are always JSON strings) and validated on every change so a view can
// show errors as the user types and disable submit until the form is valid.
class OrderFormModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString orderName READ orderName WRITE setOrderName NOTIFY orderNameChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY validChanged)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        LabelRole,
        TypeRole,
        UnitRole,
        DescriptionRole,
        ValueRole,
        DefaultValueRole,
        OptionsRole, // QVariantList of QVariantMap{value, description}
        MandatoryRole,
        ConstantRole,
        ErrorMessageRole,
        ValidRole,
        DiffersFromDefaultRole,
    };

    struct FieldError
    {
        int row = -1;
        QString name;
        QString message;
    };

    explicit OrderFormModel(QObject *parent = nullptr);

    // Replaces the form; `parameters` is the service's ParameterDefT array.
    void setParameters(const QJsonArray &parameters);
    void setDefinitions(const QList<ParameterDefinition> &definitions);
    const ParameterDefinition &definition(int row) const { return m_rows.at(row).def; }
    int rowForName(const QString &name) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool setValue(const QString &name, const QString &value);
    QString value(const QString &name) const;

    QString orderName() const { return m_orderName; }
    void setOrderName(const QString &name);

    bool isValid() const;
    QList<FieldError> errors() const;

    // OrderRequestT body, or nullopt while any field is invalid so an invalid order can't be sent.
    std::optional<QJsonObject> toOrderRequest(const QString &serviceId,
                                              const QString &accountId = QString()) const;

    // "Order again": take the values of an earlier order's `parameters` ([{name, value}]).
    void prefill(const QJsonArray &orderParameters);

    // Empty when valid, else a translated message. Static so editors can check before committing.
    static QString validate(const ParameterDefinition &def, const QString &value);

Q_SIGNALS:
    void validChanged(bool valid);
    void orderNameChanged(const QString &name);

private:
    struct Row
    {
        ParameterDefinition def;
        QString value;
        QString error;
    };

    void updateValidity();

    QList<Row> m_rows;
    QString m_orderName;
    bool m_valid = true;
};

} // namespace ivcap
