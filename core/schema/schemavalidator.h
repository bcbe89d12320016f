#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace ivcap {

// JSON Schema validation of aspects (drafts 4, 6 and 7) backed by valijson, which stays out of
// this header so only one translation unit pays for its templates.
class SchemaValidator
{
public:
    enum class Draft { Auto, Draft4, Draft6, Draft7 };

    struct Violation
    {
        QString path;    // JSON pointer into the validated document, "" for the root
        QString message; // valijson's description, in English
    };

    // Returns the document for a referenced URI (e.g. another schema of the registry), or
    // nullopt when unknown; used for `$ref`s that leave the schema document.
    using Resolver = std::function<std::optional<QJsonValue>(const QString &uri)>;

    SchemaValidator();
    ~SchemaValidator();
    SchemaValidator(const SchemaValidator &) = delete;
    SchemaValidator &operator=(const SchemaValidator &) = delete;

    void setResolver(Resolver resolver);

    // Compiles the schema. On failure (malformed schema, unresolvable $ref) returns false and
    // sets errorString(); validate() then reports that as one violation at the root.
    bool setSchema(const QJsonValue &schema, Draft draft = Draft::Auto);
    bool hasSchema() const;
    QString errorString() const { return m_error; }

    // Draft named by the schema's `$schema`; Draft7 when absent or unknown.
    static Draft detectDraft(const QJsonValue &schema);

    QList<Violation> validate(const QJsonValue &document) const;
    bool isValid(const QJsonValue &document) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
    Resolver m_resolver;
    QString m_error;
};

} // namespace ivcap
