// JSON Schema validation of aspects: schemas come from files the user picks and from `$schema`
// references of records a server sends, documents from the server. Input: a JSON array
// [schema, document], or any other JSON value used as both.
#include "aspect/aspecttreemodel.h"
#include "schema/schemavalidator.h"

#include "fuzzsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ivcap;

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (doc.isNull())
        return 0;
    QJsonValue schema = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    QJsonValue document = schema;
    if (doc.isArray() && doc.array().size() == 2) {
        schema = doc.array().at(0);
        document = doc.array().at(1);
    }
    SchemaValidator validator;
    // A $ref that leaves the document resolves to the document itself: the worst case of a
    // registry whose schemas refer to each other.
    validator.setResolver([schema](const QString &) { return std::optional<QJsonValue>(schema); });
    const bool compiled = validator.setSchema(schema);
    fuzz::check(compiled == validator.hasSchema(), "hasSchema() disagrees with setSchema()");
    fuzz::check(compiled || !validator.errorString().isEmpty(),
                "a refused schema without a reason");
    const QList<SchemaValidator::Violation> violations = validator.validate(document);
    fuzz::check(compiled || !violations.isEmpty(), "a refused schema validated a document");
    fuzz::check(violations.isEmpty() == validator.isValid(document),
                "validate() and isValid() disagree");
    // Every reported path must lead to a node of the document, as the editor jumps there.
    AspectTreeModel model;
    model.setJson(document);
    for (const SchemaValidator::Violation &v : violations) {
        if (compiled && (document.isObject() || document.isArray()))
            fuzz::check(v.path.isEmpty() || model.indexForPath(v.path).isValid(),
                        "a violation points at no node");
    }
    return 0;
}
