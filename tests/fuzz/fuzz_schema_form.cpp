// Forms generated from JSON Schema: schemas come from services' request schemas and aspects'
// `$schema`s, documents from servers and users. Input: a JSON array [schema, document], or any
// other JSON value used as the schema of a fresh form. Drives schema → form → document and
// a round of edits.
#include "forms/schemaformmodel.h"

#include "fuzzsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ivcap;

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const QJsonValue input = SchemaFormModel::parseSchema(text, &error);
    if (input.isUndefined())
        return 0;
    QJsonValue schema = input;
    std::optional<QJsonValue> document;
    if (input.isArray() && input.toArray().size() == 2) {
        schema = input.toArray().at(0);
        document = input.toArray().at(1);
    }
    SchemaFormModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    const bool compiled = model.setSchema(schema);
    fuzz::check(compiled || !model.schemaProblem().isEmpty(), "a refused schema without a reason");
    fuzz::check(compiled || !model.isValid(), "a form that cannot be checked looks valid");
    if (document) {
        model.setDocument(*document);
        fuzz::check(model.document() == *document, "the document did not round-trip");
    }
    for (const SchemaFormModel::FieldError &e : model.errors())
        fuzz::check(e.index.isValid(), "an error attached to no field");
    // one edit of each kind on the first fields; the model must stay consistent
    // persistent: an edit may replace a field (a new alternative), which ends its index
    QList<QPersistentModelIndex> fields{model.index(0, 0)};
    for (int visited = 0; !fields.isEmpty() && visited < 64; ++visited) {
        const QPersistentModelIndex index = fields.takeFirst();
        if (!index.isValid())
            continue;
        switch (index.data(SchemaFormModel::KindRole).toInt()) {
        case int(SchemaFormNode::Kind::String):
            model.setValue(index, QStringLiteral("x"));
            break;
        case int(SchemaFormNode::Kind::Number):
        case int(SchemaFormNode::Kind::Integer):
            model.setNumberText(index, QStringLiteral("3"));
            break;
        case int(SchemaFormNode::Kind::Array):
            model.addItem(index);
            break;
        case int(SchemaFormNode::Kind::Object):
            model.addEntry(index, QStringLiteral("k"));
            break;
        case int(SchemaFormNode::Kind::Raw):
            model.setRawJson(index, QStringLiteral("[1]"));
            break;
        default:
            break;
        }
        if (index.isValid())
            model.setPresent(index, true);
        if (index.isValid())
            model.expand(index);
        if (index.isValid())
            model.setChoice(index, 1); // last: it may replace the field
        if (!index.isValid())
            continue;
        for (int row = 0; row < model.rowCount(index); ++row)
            fields.append(model.index(row, 0, index));
    }
    const QJsonValue after = model.document();
    model.setDocument(after);
    fuzz::check(model.document() == after, "the edited document did not round-trip");
    return 0;
}
