// Loading a metadata aspect (any JSON document) into the aspect tree model: the document must
// come back unchanged, every node must be reachable by its own JSON pointer, and paths typed or
// received (validation results) must never break the lookup.
#include "aspect/aspecttreemodel.h"
#include "aspect/jsonpath.h"

#include "fuzzsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ivcap;

namespace {
int walk(const AspectTreeModel &model, const QModelIndex &parent, int budget)
{
    for (int row = 0; row < model.rowCount(parent) && budget > 0; ++row, --budget) {
        const QModelIndex index = model.index(row, 0, parent);
        fuzz::check(index.isValid(), "an index inside rowCount is invalid");
        fuzz::check(model.parent(index) == parent, "parent() does not lead back");
        for (int column = 0; column < model.columnCount(parent); ++column)
            (void)model.data(model.index(row, column, parent), Qt::DisplayRole);
        const QString path = model.pathForIndex(index);
        fuzz::check(model.indexForPath(path) == index, "a node is not found by its own pointer");
        budget = walk(model, index, budget);
    }
    return budget;
}
} // namespace

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The input is also a path, as a schema validator or a user would give one.
    const QString asPath = QString::fromUtf8(bytes);
    (void)jsonpath::tokens(asPath);

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    AspectTreeModel model;
    model.setJson(value);
    fuzz::check(model.toJson() == value, "the document did not survive the model");
    const QJsonDocument again = QJsonDocument::fromJson(model.toJsonText(false));
    fuzz::check((again.isArray() ? QJsonValue(again.array()) : QJsonValue(again.object())) == value,
                "the model's text is not the document");
    walk(model, QModelIndex(), 2000);
    (void)model.indexForPath(asPath);
    return 0;
}
