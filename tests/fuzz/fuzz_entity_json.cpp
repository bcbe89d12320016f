// Decoding of entities as the server sends them: list pages (services, orders, artifacts,
// metadata rows), parameter definitions, products and order parameters, with every column and
// role read back as a view would.
#include "forms/orderformmodel.h"
#include "models/artifactlistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/orderlistmodel.h"
#include "models/parametermodel.h"
#include "models/productlistmodel.h"
#include "models/servicelistmodel.h"

#include "fuzzsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace ivcap;

namespace {
// Reaches the protected row storage: pages are what the base class hands to these.
template <typename Model> class Rows : public Model
{
public:
    void add(const QJsonObject &item)
    {
        this->appendRow(item);
        const int row = this->storedRows() - 1;
        fuzz::check(this->rowId(row) == this->itemId(item), "row id differs from the item's");
        // The same item again changes nothing visible.
        fuzz::check(!this->updateRow(row, item), "updating a row with itself changed it");
        // Nothing the server sent is lost: the rebuilt record has every field of the item.
        const QJsonObject rebuilt = this->rawJson(row);
        for (auto it = item.begin(); it != item.end(); ++it)
            fuzz::check(rebuilt.contains(it.key()), "a field of the item was lost");
    }
    int rows() const { return this->storedRows(); }
};

void readAll(const QAbstractItemModel &model)
{
    const int roles[] = {Qt::DisplayRole,
                         Qt::ToolTipRole,
                         Qt::EditRole,
                         Qt::DecorationRole,
                         Qt::TextAlignmentRole,
                         EntityListModel::IdRole,
                         EntityListModel::RawJsonRole,
                         EntityListModel::RawValueRole,
                         EntityListModel::StatusRole,
                         EntityListModel::UserRoleBase,
                         EntityListModel::UserRoleBase + 1,
                         EntityListModel::UserRoleBase + 2,
                         EntityListModel::UserRoleBase + 3};
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            for (int role : roles)
                (void)model.data(index, role);
        }
    }
}

template <typename Model> void feed(const QJsonArray &items)
{
    Rows<Model> model;
    for (const QJsonValue &value : items) {
        if (value.isObject())
            model.add(value.toObject());
    }
    fuzz::check(model.rowCount() == model.rows(), "rowCount differs from the stored rows");
    readAll(model);
}

void feedDetails(const QJsonObject &record)
{
    const QJsonArray parameters = record.value(QLatin1String("parameters")).toArray();
    ParameterModel parameterModel;
    parameterModel.setDefinitions(parameters);
    readAll(parameterModel);
    parameterModel.setDefinitions(parameters); // a reload with the same list

    OrderFormModel form;
    form.setParameters(parameters);
    readAll(form);
    form.prefill(parameters);
    (void)form.errors();
    if (const auto request = form.toOrderRequest(QStringLiteral("urn:ivcap:service:x")))
        fuzz::check(form.isValid(), "an invalid form produced an order request");

    ProductListModel products;
    products.setProducts(record.value(QLatin1String("products")).toArray());
    readAll(products);
    products.setProducts(record.value(QLatin1String("products")).toArray());
}
} // namespace

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
    } else if (doc.isObject()) {
        const QJsonObject o = doc.object();
        for (const char *key : {"services", "orders", "artifacts", "records", "items"}) {
            const QJsonValue list = o.value(QLatin1String(key));
            if (list.isArray())
                items = list.toArray();
        }
        if (items.isEmpty())
            items.append(o);
    } else {
        return 0;
    }
    feed<ServiceListModel>(items);
    feed<OrderListModel>(items);
    feed<ArtifactListModel>(items);
    feed<MetadataListModel>(items);
    for (const QJsonValue &value : std::as_const(items))
        feedDetails(value.toObject());
    return 0;
}
