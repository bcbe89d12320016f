// The content-path parser and evaluator of GET /1/aspects: any text is either refused with a
// message or evaluates against documents without crashing, hanging or exhausting the stack; and
// any bytes as a document are either refused or evaluated by every fixed path.
#include "contentpath.h"
#include "jsontree.h"

#include "fuzzsupport.h"

IVCAP_FUZZ_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QByteArray documents[] = {
        R"({"collection":"urn:ivcap:collection:1","artifacts":["urn:a:1","urn:a:2"]})",
        R"({"images":[{"size":5},{"size":20000,"tags":["x",null,true]}],"n":18446744073709551617})",
        R"([[1,[2,[3]]],{"a":{"b":{"c":1e400}}},"s",-0.5,false])",
    };
    QString error;
    const std::optional<ContentPath> path = ContentPath::parse(QString::fromUtf8(bytes), &error);
    fuzz::check(path.has_value() == error.isEmpty(), "a refused path has a message");
    if (path) {
        for (const QByteArray &document : documents)
            path->matches(QByteArrayView(document));
    }

    static const std::optional<ContentPath> fixed[] = {
        ContentPath::parse(QStringLiteral("$.item ? (@ == \"urn:x\")"), &error),
        ContentPath::parse(QStringLiteral("$.*[*] ? (@.size > 10 || !(@ == null))"), &error),
        ContentPath::parse(QStringLiteral("$[*][*][last] ? (exists(@.a) && @.b starts with \"u\")"),
                           &error),
    };
    const std::optional<JsonNode> document = JsonTree::parse(bytes);
    if (document) {
        for (const auto &p : fixed)
            p->matches(*document);
    }
    return 0;
}
