#pragma once

#include "jsontree.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

// The `content-path` of GET /1/aspects (and `aspect-path` of GET /1/metadata): the subset of
// PostgreSQL's SQL/JSON path language (PostgreSQL 16 manual §8.14.7, §9.16.2) that today's IVCAP
// clients send, evaluated in lax mode the way IVCAP's database does for `content @? path`:
//
//   $  .name  ."quoted name"  .*  [0]  [1, 3 to 5]  [last]  [*]
//   ? ( predicate )   with   @ and $ paths, "strings", numbers, true, false, null,
//   == != <> < <= > >=  && || ! ( )  exists ( path )  starts with "x"  ( predicate ) is unknown
//
// A plain path matches a document when it selects at least one item (jsonb_path_exists). A
// top-level predicate (`$.size > 10`) matches when it is true, as `@@` would answer; under `@?`
// such a path would match every document. Lax mode: a missing member selects nothing, a member
// step applies to each element of an array, a filter looks inside arrays, and comparisons of
// mismatched types are "unknown" (not an error). Numbers compare by exact decimal value.
//
// Rejected with a message: `strict` mode, arithmetic, item methods (`.size()`, `.type()`),
// `.**`, `like_regex`, `$variables`, `@` outside a filter, and any other syntax error. A path is
// at most 4096 bytes and nests filters/parentheses at most 32 deep; evaluation stops after a
// fixed amount of work per document (the document then does not match), so no expression costs
// more than linear time in the document.
class ContentPath
{
public:
    ContentPath();
    ~ContentPath();
    ContentPath(ContentPath &&) noexcept;
    ContentPath &operator=(ContentPath &&) noexcept;

    // Parses `text`; on a syntax error returns nullopt and sets `error` to a message naming the
    // problem and its byte offset, suitable for a 422 invalid-parameter body.
    static std::optional<ContentPath> parse(const QString &text, QString *error);

    // True when the path selects something in `document` (or, for a predicate, is true).
    bool matches(const JsonNode &document) const;
    // The same for JSON text; text that is not JSON never matches.
    bool matches(QByteArrayView jsonText) const;

    // The work budget of one evaluation (items visited plus comparisons made).
    static constexpr int kWorkBudget = 200000;

    struct Node;
    struct Step;
    struct Operand;

private:
    std::unique_ptr<Node> m_root;
};
