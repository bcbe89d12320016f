// Loading a metadata aspect (any JSON document) into the aspect tree model: the document must
// come back unchanged, every node must be reachable by its own JSON pointer, and paths typed or
// received (validation results) must never break the lookup. The same bytes as a server's
// answer go through the exact-number path: jsonnumbers::parse (which reads numbers Qt refuses),
// valueText, and AspectTreeModel::setJsonText, whose text must read back as the same document.
#include "aspect/aspecttreemodel.h"
#include "aspect/jsonnumbers.h"
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

    // Any bytes: the lexer behind these runs on whatever a server sends.
    QJsonParseError exactError;
    const QJsonDocument exact = jsonnumbers::parse(bytes, &exactError);
    (void)jsonnumbers::valueText(bytes, {QStringLiteral("aspect")});
    if (exactError.error == QJsonParseError::NoError) {
        AspectTreeModel textModel;
        fuzz::check(textModel.setJsonText(bytes), "parse() reads what setJsonText() refuses");
        const QByteArray text = textModel.toJsonText(false);
        const QJsonDocument back = jsonnumbers::parse(text);
        fuzz::check(!back.isNull() || text == "null" || !(exact.isArray() || exact.isObject()),
                    "the exact text does not read back");
        fuzz::check(back == exact, "the exact text is another document");
    }

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    fuzz::check(exactError.error == QJsonParseError::NoError && exact == doc,
                "parse() differs from Qt on what Qt reads");
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
