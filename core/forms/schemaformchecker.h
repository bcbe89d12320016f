#pragma once

#include "schema/schemavalidator.h"
#include "schemaformnode.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <memory>

namespace ivcap {

// Checks a form's document against its schema the way the form shows it: valijson
// (SchemaValidator) does the checking; this class turns its report into one message per
// problem at the field it concerns. Where a field offers alternatives (oneOf/anyOf), only the
// chosen alternative's complaints are shown, not every alternative's. `multipleOf` with a
// fractional divisor is checked exactly in decimal, and integers beyond 32 bits are accepted
// as integers (valijson 1.0 reads integers as 32-bit).
class SchemaFormChecker
{
public:
    // Compiles `schema` (SchemaResolver::forValidator form); false and errorString() on failure.
    bool setSchema(const QJsonValue &schema, const SchemaValidator::Resolver &resolver);
    bool hasSchema() const { return m_validator.hasSchema(); }
    QString errorString() const { return m_validator.errorString(); }

    // Violations of the document `root` holds; paths are JSON pointers into it.
    QList<SchemaValidator::Violation> check(const SchemaFormNode *root);

private:
    const SchemaValidator *alternativeValidator(const SchemaFormNode *node);

    SchemaValidator m_validator;
    SchemaValidator::Resolver m_resolver;
    QJsonObject m_definitions; // the root's $defs and definitions, for alternatives' $refs
    QHash<QByteArray, std::shared_ptr<SchemaValidator>> m_alternatives;
};

} // namespace ivcap
